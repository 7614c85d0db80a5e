// Date arithmetic on ISO dates (YYYY-MM-DD), in UTC days: no clock, no time zone.

const DAY = 86_400_000;
const MONTH_DAYS = 365.2425 / 12;

export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;
}

/** monthsBetween(a, b) in average months (365.2425 / 12 days); negative when b is before a. */
export function monthsBetween(from: string, to: string): number {
  return daysBetween(from, to) / MONTH_DAYS;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** addDays("2023-12-31", 1) is "2024-01-01". */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The last quarter's end before `asOf`: 2026-12-02 → 2026-09-30; 2026-09-30 → 2026-06-30. */
export function quarterEndBefore(asOf: string): string {
  const y = Number(asOf.slice(0, 4));
  const ends = [`${y - 1}-12-31`, `${y}-03-31`, `${y}-06-30`, `${y}-09-30`, `${y}-12-31`];
  return ends.filter((d) => d < asOf).at(-1)!;
}
