// Values crossing raw SQL (`$queryRaw`): dates go in as Prisma's SQLite adapter writes them, so they
// compare with the rows Prisma wrote, and come back as the text SQLite stored.
type RawValue = string | number | bigint | boolean | null | Date;

/** A DateTime parameter for raw SQL: ISO text with "+00:00", the form Prisma's SQLite adapter stores. */
export function sqlDate(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}

/** A parameter for raw SQL, dates converted. */
export function sqlValue(value: RawValue): Exclude<RawValue, Date> {
  return value instanceof Date ? sqlDate(value) : value;
}

/** A DateTime column read through raw SQL. */
export function dateOf(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** Integers come back as bigint or number depending on the column; both as number. */
export function intOf(value: number | bigint): number {
  return Number(value);
}
