// Development mode: one sequential long-poll loop (getUpdates), with bounded backoff on errors.
import type { Logger } from "pino";
import { type ZaloClient, ZaloError, type ZaloEvent } from "./client.ts";

const POLL_SECONDS = 30;
const MAX_BACKOFF_MS = 30_000;

export class ZaloPoller {
  private controller?: AbortController;
  private loop?: Promise<void>;

  constructor(
    private readonly client: ZaloClient,
    private readonly handle: (event: ZaloEvent) => Promise<void>,
    private readonly logger: Logger,
    private readonly firstBackoffMs = 1000,
  ) {}

  async start(): Promise<void> {
    // getUpdates does not work while a webhook is set.
    await this.client.deleteWebhook().catch((e: Error) => this.logger.warn({ err: e.message }, "zalo deleteWebhook failed"));
    this.controller = new AbortController();
    this.loop = this.run(this.controller.signal);
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let backoff = this.firstBackoffMs;
    while (!signal.aborted) {
      try {
        const events = await this.client.getUpdates(POLL_SECONDS, signal);
        for (const event of events) await this.handle(event);
        backoff = this.firstBackoffMs;
      } catch (error) {
        if (signal.aborted) return;
        // 408: the long poll ended with nothing new.
        if (error instanceof ZaloError && error.code === 408) continue;
        this.logger.warn({ err: (error as Error).message, backoffMs: backoff }, "zalo poll failed");
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
