// The shape of a flow file (flows/*.yaml), validated at startup and by flows:check.
import { z } from "zod";

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "lower-case letters, digits and _");
const key = z.string().regex(/^[a-z][a-z0-9_]*:[a-z0-9_.]+$/, "an i18n key like namespace:some.key");

export const choiceSchema = z.strictObject({
  id,
  label: key,
  keywords: z.array(z.string()).optional(),
  next: id.optional(),
});

/** Where choices come from: a fixed list, a var holding `{id, label}` items, or the main-menu flows. */
const choicesSource = z.union([z.array(choiceSchema).min(1), z.string().regex(/^\$[a-z_][\w.]*$/)]);

export const askSchema = z.strictObject({
  text: key,
  type: z.enum(["choice", "yesno", "text", "number", "amount", "code", "date", "time"]).default("choice"),
  choices: choicesSource.optional(),
  /** Node to run when a dynamic choice list is empty. */
  empty: id.optional(),
  /** Variable that receives the answer (default: the node id). */
  var: id.optional(),
  /** Telegram only: also offer the share-my-phone button; a shared contact goes to this node. */
  contact: id.optional(),
  /**
   * Asked again until answered: words of another task or a code do not leave it (consents, money
   * confirmations); only `0`/`menu` do.
   */
  stay: z.boolean().optional(),
  /** A text answer must match this (on the text as normalized: no accents, lower case), or it does not fit. */
  pattern: z.string().optional(),
  /** Said when the member leaves this question with `0`/menu, so they know where things stand («Chưa ghi gì»). */
  leave: key.optional(),
  /** Kind hint shown when the answer does not fit (default: common:hint.<type>). */
  hint: key.optional(),
});

export const nodeSchema = z
  .strictObject({
    call: z
      .string()
      .regex(/^[a-z][a-zA-Z]*$/, "an action's export name, like linkByCode")
      .optional(),
    /** Also keep the call's result under this name (`result` is overwritten by the next call). */
    as: id.optional(),
    /** Inputs of the call: literal values or `$var.path` references. */
    with: z.record(z.string(), z.unknown()).optional(),
    /** Branch on a value (usually `$result.status`) to a node per case. */
    switch: z
      .strictObject({ on: z.string().regex(/^\$[a-z_][\w.]*$/), cases: z.record(z.string(), id), default: id.optional() })
      .optional(),
    say: key.optional(),
    ask: askSchema.optional(),
    next: id.optional(),
    goto: id.optional(),
    /** Go on with the task that opened this flow (a consent asked on its way); without one, go to this node. */
    resume: id.optional(),
    end: z.literal(true).optional(),
  })
  .refine((n) => [n.switch, n.next, n.goto, n.resume, n.end].filter((x) => x !== undefined).length <= 1, {
    message: "a node has at most one way on (switch, next, goto, resume or end)",
  });

export const flowSchema = z.strictObject({
  id,
  version: z.number().int().positive(),
  title: key,
  /** Roles that may run the flow; `guest` is a chat not yet linked to a member. */
  roles: z.array(z.enum(["guest", "proxy", "member", "volunteer", "board", "treasurer", "officer"])).min(1),
  /** Purposes the member must have consented to (sensitive data: health, loans). */
  consent: z.array(z.enum(["membership", "health", "loans"])).default([]),
  /** Shown in the main menu, in this order. */
  menu: z.number().int().optional(),
  triggers: z.array(z.string()).default([]),
  /** Also start when a linked member types a short code with a digit in it (var `code`, `via` "code"). */
  code_trigger: z.boolean().default(false),
  /**
   * Also start when a message matches this pattern (on the normalized text), anywhere an answer does
   * not fit: the named group `value` goes into `var`, and the flow starts at `node`.
   */
  pattern_trigger: z.strictObject({ pattern: z.string(), var: id, node: id }).optional(),
  /** This flow asks for a missing consent from this node (var `purpose`): a menu entry needing one opens it. */
  consent_gate: id.optional(),
  /** Nodes a job leaves chats waiting at, besides the start (the report's spreadsheet offer). */
  parked: z.array(id).default([]),
  /** Also start from a deep link `/start <prefix><rest>`; `rest` goes into var `code`, and `via` is "link". */
  payload_prefix: z
    .string()
    .regex(/^[a-z]+_$/)
    .optional(),
  start: id,
  nodes: z.record(id, nodeSchema),
});

export type ChoiceDef = z.infer<typeof choiceSchema>;
export type AskDef = z.infer<typeof askSchema>;
export type NodeDef = z.infer<typeof nodeSchema>;
export type Flow = z.infer<typeof flowSchema>;
export type Role = Flow["roles"][number];
