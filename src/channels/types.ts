// Shared shapes between channels, the runtime and the engine.

export type ChannelKind = "telegram" | "zalo" | "webchat";

/**
 * Where a chat lives: a channel's default bot (the environment's token: "telegram", "zalo"), one of
 * the stored bots ("telegram/<bot id>"), or the web chat. Update ids, chats and outbox rows are
 * kept per channel name, so a member who writes to two bots has two chats.
 */
export type ChannelName = ChannelKind | `telegram/${string}` | `zalo/${string}`;

/** The platform behind a channel name: what it can show (buttons, documents, a contact request). */
export function channelKind(channel: string): ChannelKind {
  return channel.split("/", 1)[0] as ChannelKind;
}

/** The stored bot a channel name belongs to; "default" for the environment's bot and the web chat. */
export function botOf(channel: string): string {
  const slash = channel.indexOf("/");
  return slash < 0 ? "default" : channel.slice(slash + 1);
}

/** What every event carries, whatever its kind. */
type EventBase = {
  channel: ChannelName;
  updateId: string;
  chatId: string;
  userId: string;
  displayName?: string;
  languageCode?: string;
  /** Group chats get only a pointer to the private chat. */
  chatType?: "private" | "group";
  at: Date;
};

/** One user action, whatever channel it came from; each kind carries only its own fields. */
export type InboundEvent = EventBase &
  (
    | { kind: "text"; text: string }
    /** A button or numbered choice, with the session version the buttons were drawn at. */
    | { kind: "choice"; choiceId: string; choiceVersion?: number }
    /** A shared phone number, and whether it is the sender's own. */
    | { kind: "contact"; phone: string; ownContact: boolean }
    | { kind: "start"; startPayload?: string }
    | { kind: "unsupported" }
    /** The member blocked (true) or unblocked (false) the bot. */
    | { kind: "chat_status"; blocked: boolean }
  );

export type OutboundChoice = { n: number; id: string; label: string };

/** A rendered reply: the text already holds the numbered lines; buttons are optional extras. */
export type OutboundMessage = {
  text: string;
  choices?: OutboundChoice[];
  /** Session version the choices belong to, for stale-button detection. */
  version?: number;
  /** The localised "0. Menu chính" line, for channels without buttons. */
  footer?: string;
  requestContact?: { label: string };
  removeKeyboard?: boolean;
  /** A picture or spreadsheet made for this chat (a report), kept by id; `text` is its caption. */
  attachment?: Attachment;
};

export type Attachment = { kind: "photo" | "document"; fileId: string; filename: string };

/** A stored attachment's bytes, for channels that upload them (Telegram). */
export type FileReader = (fileId: string) => Promise<{ bytes: Buffer; filename: string } | undefined>;

export type SendResult =
  | { ok: true }
  | {
      ok: false;
      retryable: boolean;
      retryAfterMs?: number;
      chatGone?: boolean;
      /** The platform refused the bot's token (401): nothing of this bot can go until it is replaced. */
      tokenRefused?: boolean;
      error: string;
    };

/** What the outbox needs of a channel. */
export type ChannelAdapter = {
  name: ChannelName;
  send(chatId: string, message: OutboundMessage): Promise<SendResult>;
};
