// Trends: Open SDG's CAGR label for indicators with no target, and the value the recent trend
// projects at a deadline.

import { daysBetween } from "./dates.ts";

export const trendCodes = ["substantial", "moderate", "limited", "deterioration", "not_available"] as const;
export type TrendCode = (typeof trendCodes)[number];

export const trendWords: Record<TrendCode, { zh: string; en: string }> = {
  substantial: { zh: "显著进展", en: "substantial progress" },
  moderate: { zh: "一定进展", en: "moderate progress" },
  limited: { zh: "进展有限", en: "limited progress" },
  deterioration: { zh: "倒退", en: "deterioration" },
  not_available: { zh: "无法判断", en: "not available" },
};

export interface Point {
  date: string; // ISO date the value stands for (a period's end)
  value: number;
}

export interface TrendThresholds {
  substantial: number;
  moderate: number;
  limited: number;
}

/**
 * cagrTrend(points, direction, thresholds) is Open SDG's method 1: P = s·d·CAGR between the first and
 * the last point (years from their dates), with s = −1 for a negative base and d = −1 when lower is
 * better; a base of 0 becomes 0.001, as Open SDG does. Not available with fewer than two points, a
 * span under a year's tenth, or a base and latest value of different signs.
 */
export function cagrTrend(points: Point[], direction: "increase" | "decrease", t: TrendThresholds): { code: TrendCode; progress: number | null } {
  const sorted = [...points].filter((p) => Number.isFinite(p.value)).sort((a, b) => (a.date < b.date ? -1 : 1));
  if (sorted.length < 2) return { code: "not_available", progress: null };
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const years = daysBetween(first.date, last.date) / 365.2425;
  const base = first.value === 0 ? 0.001 : first.value;
  if (years < 0.1 || Math.sign(base) * Math.sign(last.value) < 0) return { code: "not_available", progress: null };
  const latest = last.value === 0 ? 0.001 * Math.sign(base) : last.value;
  const cagr = (latest / base) ** (1 / years) - 1;
  const progress = (base < 0 ? -1 : 1) * (direction === "decrease" ? -1 : 1) * cagr;
  const code = progress >= t.substantial ? "substantial" : progress >= t.moderate ? "moderate" : progress >= t.limited ? "limited" : "deterioration";
  return { code, progress };
}

/**
 * projectAt(points, date) extends the least-squares line through the points to `date`. Undefined with
 * fewer than two points or when they all share one date.
 */
export function projectAt(points: Point[], date: string): number | undefined {
  if (points.length < 2) return undefined;
  const origin = points[0]!.date;
  const xs = points.map((p) => daysBetween(origin, p.date));
  const ys = points.map((p) => p.value);
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  if (sxx === 0) return undefined;
  return my + (sxy / sxx) * (daysBetween(origin, date) - mx);
}

function mean(v: number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}
