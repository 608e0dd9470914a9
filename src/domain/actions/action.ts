// A domain action: typed input, an access check, then the work inside the caller's transaction.
import type { z } from "zod";
import type { ChannelName } from "../../channels/types.ts";
import type { Tx } from "../../db/client.ts";
import type { Role } from "../../engine/schema.ts";
import type { Formatter } from "../../i18n/format.ts";

export type ActorMember = {
  id: string;
  clubId: string;
  fullName: string;
  gender: string;
  birthYear: number;
  language: string;
  addressForm: string | null;
};

/** An officer's area: a commune, or a whole province. */
export type OfficerScope = { communeId?: string; provinceId?: string };

/** Who is acting: a chat account, the member it is linked to (if any), and whom it acts for. */
export type Actor = {
  accountId: string;
  channel: ChannelName;
  member?: ActorMember;
  roles: Role[];
  /** Purposes this member has consented to, as of now. */
  consents: string[];
  /** Members this chat may act for (a relative or volunteer linked as proxy). */
  proxyFor: string[];
  officerScopes: OfficerScope[];
};

export type ActionRun<I, O> = (tx: Tx, input: I, actor: Actor, now: Date, fmt: Formatter) => Promise<O>;

export type Action<I = unknown, O = unknown> = {
  input: z.ZodType<I>;
  allowed: (actor: Actor, input: I) => boolean;
  run: ActionRun<I, O>;
  /**
   * The action only reads: the inbox opens no savepoint for it (two statements saved on every
   * check-in), and refuses any write it tries through the query builder.
   */
  readOnly?: true;
};

export function action<I, O>(def: Action<I, O>): Action<I, O> {
  return def;
}
