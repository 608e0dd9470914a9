// Shared shapes between channels, the runtime and the engine.

export type ChannelName = "telegram" | "zalo" | "webchat";

export type InboundKind = "text" | "choice" | "contact" | "start" | "unsupported" | "chat_status";

/** One user action, whatever channel it came from. */
export type InboundEvent = {
  channel: ChannelName;
  updateId: string;
  chatId: string;
  userId: string;
  displayName?: string;
  languageCode?: string;
  kind: InboundKind;
  text?: string;
  /** For kind "choice": the choice id and the session version the buttons were drawn at. */
  choiceId?: string;
  choiceVersion?: number;
  /** For kind "contact": the shared phone and whether it is the sender's own. */
  phone?: string;
  ownContact?: boolean;
  startPayload?: string;
  /** Group chats get only a pointer to the private chat. */
  chatType?: "private" | "group";
  /** For kind "chat_status": the member blocked (true) or unblocked (false) the bot. */
  blocked?: boolean;
  at: Date;
};

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
