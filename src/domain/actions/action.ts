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

/** A chat linked to a member: every role but `guest` and `proxy` comes with one. */
export type MemberActor = Actor & { member: ActorMember };

export function isLinked(actor: Actor): actor is MemberActor {
  return actor.member !== undefined;
}

/** Whom an action is about: the member its input names (a relative's, for a proxy), else the chat's own. */
export function subjectOf(actor: Actor, named: string | undefined): string | undefined {
  return named ?? actor.member?.id;
}

export type ActionRun<I, O, A extends Actor = Actor> = (tx: Tx, input: I, actor: A, now: Date, fmt: Formatter) => Promise<O>;

export type Action<I = unknown, O = unknown, A extends Actor = Actor> = {
  input: z.ZodType<I>;
  allowed: (actor: A, input: I) => boolean;
  run: ActionRun<I, O, A>;
};

export function action<I, O>(def: Action<I, O>): Action<I, O> {
  return def;
}

/** An action for linked members only: `allowed` and `run` get the member, never a missing one. */
export function memberAction<I, O>(def: Action<I, O, MemberActor>): Action<I, O> {
  return {
    ...def,
    allowed: (actor, input) => isLinked(actor) && def.allowed(actor, input),
    run: async (tx, input, actor, now, fmt) => {
      // The runtime runs an action only after `allowed`: a missing member here is a defect, not a user's.
      if (!isLinked(actor)) throw new Error("a member action ran for a chat with no member");
      return def.run(tx, input, actor, now, fmt);
    },
  };
}
