// Blood-pressure readings as people type them: "135/85", "135 85", "135-85", "135 trên 85". No diagnosis, ever:
// only thresholds that send the member to a person.
export type BpResult = { ok: true; systolic: number; diastolic: number } | { ok: false; reason: "format" | "range" | "order" };
export type BpLevel = "normal" | "high" | "very_high";

export function parseBp(text: string): BpResult {
  const m = text
    .trim()
    .toLowerCase()
    .match(/^(?:huy[eế]t [aá]p:? )?(\d{2,3})\s*(?:[/\s-]|tr[eê]n)\s*(\d{2,3})$/);
  if (!m) return { ok: false, reason: "format" };
  const systolic = Number(m[1]);
  const diastolic = Number(m[2]);
  if (systolic < 60 || systolic > 260 || diastolic < 30 || diastolic > 160) return { ok: false, reason: "range" };
  if (systolic <= diastolic) return { ok: false, reason: "order" };
  return { ok: true, systolic, diastolic };
}

export function bpLevel(systolic: number, diastolic: number): BpLevel {
  if (systolic >= 180 || diastolic >= 110) return "very_high";
  if (systolic >= 140 || diastolic >= 90) return "high";
  return "normal";
}
