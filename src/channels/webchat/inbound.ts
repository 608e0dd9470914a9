// Web chat API input → InboundEvent.
import { z } from "zod";
import type { InboundEvent } from "../types.ts";

export const webchatMessageSchema = z
  .object({
    user: z.string().regex(/^(guest|member)-[A-Za-z0-9_-]{1,64}$/),
    messageId: z.string().min(1).max(64),
    text: z.string().max(4096).optional(),
    choiceId: z.string().max(64).optional(),
    version: z.number().int().optional(),
    name: z.string().max(100).optional(),
  })
  .refine((m) => m.text !== undefined || m.choiceId !== undefined, { message: "text or choiceId is required" });

export type WebchatMessage = z.infer<typeof webchatMessageSchema>;

export function webchatEvent(message: WebchatMessage, at: Date): InboundEvent {
  const base = {
    channel: "webchat" as const,
    updateId: `${message.user}:${message.messageId}`,
    chatId: message.user,
    userId: message.user,
    displayName: message.name,
    at,
  };
  if (message.choiceId !== undefined) {
    return { ...base, kind: "choice", choiceId: message.choiceId, choiceVersion: message.version };
  }
  return { ...base, kind: "text", text: message.text ?? "" };
}
