// The status engine: every target's status, and a trend label for each indicator with no target.
// Pure: registry + records + as-of date in, statuses with their components out.

import { statusCodes, type StatusCode } from "./classify.ts";
import { cagrTrend, type TrendCode } from "./trend.ts";
import { latestBy, roundSum, zoneSeries } from "./series.ts";
import { targetStatus, type StatusInput, type TargetStatus } from "./targets.ts";

export { statusWords, statusCodes, type StatusCode } from "./classify.ts";
export { trendWords, type TrendCode } from "./trend.ts";
export type { TargetStatus, Components, StatusInput } from "./targets.ts";

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

export function computeStatus(input: StatusInput): StatusReport {
  const targets = targetStatuses(input);
  const counts = Object.fromEntries(statusCodes.map((s) => [s, targets.filter((t) => t.status === s).length])) as Record<StatusCode, number>;
  const byIndicator = groupByIndicator(input.observations);
  const trends = input.registry.indicators
    .filter((i) => i.targets.length === 0 && i.kind !== "rank")
    .map((i) => indicatorTrend(i.id, { ...input, observations: byIndicator.get(i.id) ?? [] }));
  return { asOf: input.asOf, targets, counts, trends };
}

/**
 * Every target's status. Each target is judged on its own indicator's rows (and those of its
 * published-rank fallback, "<id>_rank"), grouped once: a warehouse's million rows are not scanned
 * once per target.
 */
export function targetStatuses(input: StatusInput): TargetStatus[] {
  const byIndicator = groupByIndicator(input.observations);
  return input.registry.indicators.flatMap((i) =>
    i.targets.map((t) => targetStatus(t, { ...input, observations: [...(byIndicator.get(i.id) ?? []), ...(byIndicator.get(`${i.id}_rank`) ?? [])] })),
  );
}

/** The indicators whose rows the targets are judged on: those with targets, and their "<id>_rank" fallbacks. */
export function targetIndicators(registry: StatusInput["registry"]): string[] {
  return registry.indicators.filter((i) => i.targets.length).flatMap((i) => [i.id, `${i.id}_rank`]);
}

function groupByIndicator(observations: StatusInput["observations"]): Map<string, StatusInput["observations"]> {
  const out = new Map<string, StatusInput["observations"]>();
  for (const o of observations) {
    let list = out.get(o.indicator);
    if (!list) out.set(o.indicator, (list = []));
    list.push(o);
  }
  return out;
}

/**
 * The trend of an indicator with no target, by Open SDG's method 1 over whole calendar years: flows
 * (count, amount) are summed per year, stocks take their year-end value. Only whole years count: the
 * year's reports reach 31 December and, for flows, start on 1 January.
 */
export function indicatorTrend(id: string, { registry, observations, asOf }: StatusInput): IndicatorTrend {
  const indicator = registry.indicators.find((i) => i.id === id)!;
  const series = zoneSeries(indicator, observations, registry).filter((p) => p.period.end <= asOf);
  const flow = indicator.kind === "count" || indicator.kind === "amount";
  const years = new Map<string, { value: number; first: string; last: string; sample: boolean }>();
  for (const p of series) {
    const y = p.period.end.slice(0, 4);
    const prev = years.get(y);
    years.set(y, {
      value: flow ? roundSum([prev?.value ?? 0, p.value]) : p.value,
      first: prev?.first ?? p.period.start,
      last: p.period.end,
      sample: (prev?.sample ?? false) || p.sample,
    });
  }
  const whole = [...years.entries()]
    .filter(([y, v]) => v.last === `${y}-12-31` && (!flow || v.first === `${y}-01-01`))
    .map(([y, v]) => ({ date: `${y}-12-31`, value: v.value, sample: v.sample }));
  const t = cagrTrend(whole, indicator.direction, registry.settings.trendThresholds);
  const latest = latestBy(series, asOf);
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
