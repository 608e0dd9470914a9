// Shared shapes between channels, the runtime and the engine.

export type ChannelName = "telegram" | "zalo" | "webchat";

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
  | { ok: false; retryable: boolean; retryAfterMs?: number; chatGone?: boolean; error: string };

/** What the outbox needs of a channel. */
export type ChannelAdapter = {
  name: ChannelName;
  send(chatId: string, message: OutboundMessage): Promise<SendResult>;
};
