// A web chat user talking to the server over real HTTP.
let counter = 0;

export type BotReply = { id: number; text: string; choices: Array<{ n: number; id: string; label: string }>; version?: number };

export class WebchatUser {
  constructor(
    private readonly url: string,
    readonly user: string,
  ) {}

  async send(text: string, messageId = `m${++counter}`): Promise<{ status: string; replies: BotReply[] }> {
    return this.post({ user: this.user, messageId, text });
  }

  async tap(choiceId: string, version: number | undefined): Promise<{ status: string; replies: BotReply[] }> {
    return this.post({ user: this.user, messageId: `m${++counter}`, choiceId, version });
  }

  async transcript(): Promise<BotReply[]> {
    const res = await fetch(`${this.url}/chat/api/messages?user=${encodeURIComponent(this.user)}&after=0`);
    return ((await res.json()) as { messages: BotReply[] }).messages;
  }

  private async post(body: unknown): Promise<{ status: string; replies: BotReply[] }> {
    const res = await fetch(`${this.url}/chat/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`webchat answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { status: string; replies: BotReply[] };
  }
}

/** Send a text and get the bot's replies as one string (several replies joined by `---`). */
export async function say(chat: WebchatUser, text: string): Promise<string> {
  return (await chat.send(text)).replies.map((r) => r.text).join("\n---\n");
}

/** The latest message the chat has received (pushed notices included). */
export async function lastText(chat: WebchatUser): Promise<string> {
  return (await chat.transcript()).map((m) => m.text).at(-1) ?? "";
}
