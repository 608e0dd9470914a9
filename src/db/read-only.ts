// A transaction handle that can only read: given to actions marked read-only, which run without a
// savepoint of their own. A write through it would escape the event's isolation, so it throws instead.
import type { Tx } from "./client.ts";

/** The query builder's methods that write. */
const WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);
const RAW_WRITES = new Set(["$executeRaw", "$executeRawUnsafe"]);

export class ReadOnlyViolation extends Error {}

export function readOnly(tx: Tx, who: string): Tx {
  const refuse = (what: string) => () => {
    throw new ReadOnlyViolation(`read-only ${who} tried ${what}`);
  };
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && RAW_WRITES.has(prop)) return refuse(prop);
      const value = Reflect.get(target, prop, receiver);
      // Methods run on the real handle (Prisma's keep private state a proxy would not pass on).
      if (typeof value === "function") return value.bind(target);
      if (typeof prop !== "string" || typeof value !== "object" || value === null) return value;
      // A model delegate (tx.member, tx.meeting, …): its write methods refuse.
      return new Proxy(value, {
        get: (delegate, op) => (typeof op === "string" && WRITES.has(op) ? refuse(`${prop}.${op}`) : Reflect.get(delegate, op)),
      });
    },
  });
}
