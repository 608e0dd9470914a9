// The day and time a board member types for a new meeting, read and checked.
import { z } from "zod";
import { vietnamTime } from "../time/vietnam-time.ts";

/** A day (YYYY-MM-DD) and a time (HH:MM), as the flow gathers them. */
export const meetingWhen = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), time: z.string().regex(/^\d{2}:\d{2}$/) });

/** When a meeting on `date` at `time` starts, in Vietnam. */
export const startOf = (when: z.infer<typeof meetingWhen>) => vietnamTime(when.date, when.time);

/** A meeting more than an hour gone cannot be made. */
export const isPast = (startsAt: Date, now: Date) => startsAt.getTime() < now.getTime() - 3_600_000;
