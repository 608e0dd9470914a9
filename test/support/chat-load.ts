// Many Telegram chats at once, each sending its texts one after another (the next when the last was
// answered), as members do: the inbox-burst and two-instance tests drive their webhooks with it.
import { FIRST_CHAT } from "./broadcast-load.ts";
import { telegramText } from "./samples.ts";

export type ChatUpdate = ReturnType<typeof telegramText>;

/**
 * `chats` chats from FIRST_CHAT send `texts`; `deliver` posts one update (once, or more times at
 * once for a re-delivery) and returns the HTTP statuses. Returns each chat's update ids in order.
 */
export async function chatsSend(
  chats: number,
  texts: string[],
  deliver: (update: ChatUpdate, chatIndex: number, text: string) => Promise<number[]>,
): Promise<{ sent: Map<number, number[]>; statuses: number[] }> {
  let next = 1;
  const sent = new Map<number, number[]>();
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: chats }, async (_, c) => {
      const chat = FIRST_CHAT + c;
      const mine: number[] = [];
      sent.set(chat, mine);
      for (const text of texts) {
        const update = telegramText(chat, text, next++);
        mine.push(update.update_id);
        statuses.push(...(await deliver(update, c, text)));
      }
    }),
  );
  return { sent, statuses };
}
