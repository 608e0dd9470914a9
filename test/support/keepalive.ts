// Plain HTTP with kept-alive sockets, one per concurrent caller, the way Telegram holds its webhook
// connections open: open them first (warm), then a burst arrives at the server all at once.
import { Agent, request } from "node:http";

// maxFreeSockets: the default (256) would close the rest of the warmed connections between requests.
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, maxFreeSockets: Number.POSITIVE_INFINITY });

export type Answer = { status: number; retryAfter?: string };

export function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] as string | undefined }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Open `count` connections to the server (GET /healthz on each at once); they stay in the pool. */
export async function warm(baseUrl: string, count: number): Promise<void> {
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          request(`${baseUrl}/healthz`, { agent }, (res) => {
            res.resume();
            res.on("end", () => resolve());
          })
            .on("error", reject)
            .end();
        }),
    ),
  );
}
