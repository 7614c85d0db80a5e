// The status engine: every target's status, and a trend label for each indicator with no target.
// Pure: registry + series (status/inputs.ts: from SQL or from records) + as-of date in, statuses with
// their components out.

import { statusCodes, type StatusCode } from "./classify.ts";
import { cagrTrend, type TrendCode } from "./trend.ts";
import { statusData } from "./inputs.ts";
import { judgeTarget, type JudgeInput, type StatusInput, type TargetStatus } from "./targets.ts";
import type { Registry } from "../registry/types.ts";

export { statusWords, statusCodes, type StatusCode } from "./classify.ts";
export { trendWords, type TrendCode } from "./trend.ts";
export type { TargetStatus, Components, StatusInput, JudgeInput } from "./targets.ts";
export type { StatusData, YearTotal } from "./inputs.ts";

export interface IndicatorTrend {
  indicator: string;
  trend: TrendCode;
  progress: number | null; // Open SDG's P (CAGR × direction)
  from: string | null; // the years compared
  to: string | null;
  latest: number | null;
  latestPeriod: string | null;
  sample: boolean;
}

export interface StatusReport {
  asOf: string;
  targets: TargetStatus[];
  counts: Record<StatusCode, number>;
  trends: IndicatorTrend[];
}

/** computeStatus({registry, observations, itemStatuses, asOf}): from records in memory (tests, small data). */
export function computeStatus(input: StatusInput): StatusReport {
  return statusReport({ registry: input.registry, data: statusData(input.registry, input.observations, input.itemStatuses), asOf: input.asOf });
}

/** Every target's status alone (no trends), from records in memory. */
export function targetStatuses(input: StatusInput): TargetStatus[] {
  const judge = { registry: input.registry, data: statusData(input.registry, input.observations, input.itemStatuses), asOf: input.asOf };
  return input.registry.indicators.flatMap((i) => i.targets.map((t) => judgeTarget(t, judge)));
}

/** statusReport({registry, data, asOf}): every target judged, counted, and the trend of each indicator with no target. */
export function statusReport(input: JudgeInput): StatusReport {
  const targets = input.registry.indicators.flatMap((i) => i.targets.map((t) => judgeTarget(t, input)));
  const counts = Object.fromEntries(statusCodes.map((s) => [s, targets.filter((t) => t.status === s).length])) as Record<StatusCode, number>;
  const trends = trendIndicators(input.registry).map((id) => indicatorTrend(id, input));
  return { asOf: input.asOf, targets, counts, trends };
}

/** The indicators whose rows the targets are judged on: those with targets, and their "<id>_rank" fallbacks. */
export function targetIndicators(registry: Registry): string[] {
  return registry.indicators.filter((i) => i.targets.length).flatMap((i) => [i.id, `${i.id}_rank`]);
}

/** The indicators that get a trend label: no target, and not a published rank. */
export function trendIndicators(registry: Registry): string[] {
  return registry.indicators.filter((i) => i.targets.length === 0 && i.kind !== "rank").map((i) => i.id);
}

/**
 * The trend of an indicator with no target, by Open SDG's method 1 over whole calendar years: flows
 * (count, amount) are summed per year, stocks take their year-end value. Only whole years count: the
 * year's reports reach 31 December and, for flows, start on 1 January — and the year has ended by the
 * as-of date.
 */
export function indicatorTrend(id: string, { registry, data, asOf }: JudgeInput): IndicatorTrend {
  const indicator = registry.indicators.find((i) => i.id === id)!;
  const flow = indicator.kind === "count" || indicator.kind === "amount";
  const whole = data
    .years(id)
    .filter((y) => y.last === `${y.year}-12-31` && y.last <= asOf && (!flow || y.first === `${y.year}-01-01`))
    .map((y) => ({ date: y.last, value: y.value, sample: y.sample }));
  const t = cagrTrend(whole, indicator.direction, registry.settings.trendThresholds);
  const latest = data.latestZone(id, asOf);
  return {
    indicator: id,
    trend: t.code,
    progress: t.progress === null ? null : Number(t.progress.toFixed(6)),
    from: whole[0]?.date.slice(0, 4) ?? null,
    to: whole.at(-1)?.date.slice(0, 4) ?? null,
    latest: latest?.value ?? null,
    latestPeriod: latest?.period.key ?? null,
    sample: whole.some((w) => w.sample) || (latest?.sample ?? false),
  };
}
