// The web chat simulator channel: the browser reads delivered messages from the outbox, so
// "sending" is marking them ready.
import type { ChannelAdapter } from "../types.ts";

export const webchatAdapter: ChannelAdapter = {
  name: "webchat",
  send: async () => ({ ok: true }),
};
