// Observations → the series a target is judged on: the zone's own values over time, with the rows
// they came from. One rule for missing values throughout: a missing value (null) is skipped, never
// read as zero.

import type { Granularity, Period } from "../normalise/period.ts";
import { isProjection, qualifiersOf, type Qualifier } from "../normalise/number.ts";
import type { Indicator, IndicatorKind, Registry } from "../registry/types.ts";
import { replicatedStatuses, type ItemStatus, type Observation, type Origin } from "../model.ts";

export interface SeriesPoint {
  period: Period;
  value: number;
  /** The qualifier of a point that is one published figure (约30 stays 约30); null for a total. */
  qualifier: Qualifier | null;
  sample: boolean;
  origins: Origin[];
  /** For sums over parks: how many parks reported this period. */
  parts?: number;
  /** For a total (over parks, or since the plan's start): the qualifiers of the figures in it, when any had one (inexactNote says so). */
  qualified?: Qualifier[];
}

/** A point's qualifier and a total's qualifiers, for a reading of it: present only where there are some. */
export const pointWords = (p: SeriesPoint): { qualifier?: Qualifier; qualified?: Qualifier[] } => ({
  ...(p.qualifier ? { qualifier: p.qualifier } : {}),
  ...(p.qualified?.length ? { qualified: p.qualified } : {}),
});

/** A total's `qualified` field: the qualifiers of what went into it, present only when there are some. */
const qualifiedOf = (list: readonly (Qualifier | null | undefined)[]) => {
  const q = qualifiersOf(list);
  return q.length ? { qualified: q } : {};
};

/**
 * Whether a figure at a single date (2023年6月16日, a stock at that date) can be a point of an indicator's
 * series: only where its figures are stocks themselves (a total to date, a share, a rank, a milestone's
 * state). A count or an amount is new in each period: "by 16 June, 12 enterprises" is a total since some
 * start, so it is kept and shown, never a point of the series nor a part of a sum over parks.
 */
export const datesArePoints = (kind: IndicatorKind | undefined) => kind !== undefined && kind !== "count" && kind !== "amount";

/** The finest granularity present: monthly figures win over yearly ones, so nothing is counted twice; single dates last, so one never hides the months. */
function finest(rows: Observation[], kind: IndicatorKind | undefined): Granularity | undefined {
  const fineness: Granularity[] = datesArePoints(kind) ? ["month", "quarter", "half", "year", "day"] : ["month", "quarter", "half", "year"];
  return fineness.find((g) => rows.some((r) => r.period.granularity === g));
}

const byEnd = (a: SeriesPoint, b: SeriesPoint) => (a.period.end < b.period.end ? -1 : a.period.end > b.period.end ? 1 : 0);

function point(rows: Observation[]): SeriesPoint {
  const values = rows.map((r) => r.value!);
  return {
    period: rows[0]!.period,
    value: roundSum(values),
    qualifier: rows.length === 1 ? rows[0]!.qualifier : null,
    sample: rows.some((r) => r.sample),
    origins: rows.map((r) => r.origin),
    ...(rows.length > 1 ? qualifiedOf(rows.map((r) => r.qualifier)) : {}),
  };
}

/** A row that counts as a result: it has a value and is not a projection (预计…), as read.ts `counted` says in SQL. */
export const counts = (o: Observation) => o.value !== null && !isProjection(o.qualifier);

/**
 * stepAside(observations): sample data steps aside for real data. Once an indicator has one real row
 * that counts (not sample, a value, not a projection), its sample rows leave its series, statuses and
 * charts — at every as-of date, so that no chart runs from sample figures into real ones. They stay
 * stored and listed (marked sample). An indicator with no real row keeps its sample rows. read.ts
 * `counted` says the same in SQL.
 */
export function stepAside(observations: Observation[]): Observation[] {
  const real = new Set<string>();
  for (const o of observations) if (!o.sample && counts(o)) real.add(o.indicator);
  return real.size ? observations.filter((o) => !o.sample || !real.has(o.indicator)) : observations;
}

/** Sums in a fixed order, rounded to 9 significant decimals, so results never differ in the last digit. */
export function roundSum(values: number[]): number {
  return Number(values.reduce((a, b) => a + b, 0).toFixed(9));
}

/** An entity's own series for an indicator (of that kind): one point per period of the finest granularity reported. */
export function entitySeries(indicator: string, entity: string, observations: Observation[], kind: IndicatorKind | undefined): SeriesPoint[] {
  const rows = observations.filter((o) => o.indicator === indicator && o.entity === entity && counts(o));
  const g = finest(rows, kind);
  return rows.filter((r) => r.period.granularity === g).map((r) => point([r])).sort(byEnd);
}

/**
 * zoneSeries(indicator, observations, registry) is the zone's series: its own rows where reported,
 * else — for indicators whose parks add up (aggregation sum) — the sum of the parks that reported.
 */
export function zoneSeries(indicator: Indicator, observations: Observation[], registry: Registry): SeriesPoint[] {
  const own = entitySeries(indicator.id, registry.selfZone, observations, indicator.kind);
  if (indicator.level !== "park" || indicator.aggregation !== "sum") return own;
  // The parks' rows only: an indicator may also hold the district's or the city's figures (levels), never part of the zone's sum.
  const parks = new Set(registry.entities.filter((e) => e.type === "park").map((e) => e.code));
  const parkRows = observations.filter((o) => o.indicator === indicator.id && parks.has(o.entity) && counts(o));
  const g = finest(parkRows, indicator.kind);
  const byPeriod = new Map<string, Observation[]>();
  for (const r of parkRows.filter((r) => r.period.granularity === g)) {
    const list = byPeriod.get(r.period.key) ?? [];
    list.push(r);
    byPeriod.set(r.period.key, list);
  }
  const ownKeys = new Set(own.map((p) => p.period.key));
  const summed = [...byPeriod.values()]
    .filter((rows) => !ownKeys.has(rows[0]!.period.key))
    .map((rows) => ({ ...point(rows), parts: rows.length }));
  return [...own, ...summed].sort(byEnd);
}

/** Flows (new in each period) → totals since `start`: the value a cumulative target is judged on. */
export function cumulativeSince(points: SeriesPoint[], start: string): SeriesPoint[] {
  let total = 0;
  const out: SeriesPoint[] = [];
  // What the total holds so far: the first figure alone keeps its own qualifier (约30 since the start is 约30).
  const words: (Qualifier | null)[] = [];
  for (const p of points) {
    if (p.period.start < start) continue;
    total = roundSum([total, p.value]);
    words.push(p.qualifier, ...(p.qualified ?? []));
    const alone = out.length === 0 && !p.qualified;
    out.push(alone ? { ...p, value: total } : { ...p, value: total, qualifier: null, ...qualifiedOf(words) });
  }
  return out;
}

/** The last point whose period has ended by `asOf`. */
export function latestBy(points: SeriesPoint[], asOf: string): SeriesPoint | undefined {
  let found: SeriesPoint | undefined;
  for (const p of points) if (p.period.end <= asOf) found = p;
  return found;
}

/** Each item's latest status on or before `asOf` (items with no status yet are absent). */
export function itemStatesAt(statuses: ItemStatus[], asOf: string): Map<number, ItemStatus> {
  const out = new Map<number, ItemStatus>();
  for (const s of [...statuses].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    if (s.date <= asOf) out.set(s.item, s);
  }
  return out;
}

export interface ShareCount {
  replicated: number;
  applicable: number;
  notApplicable: number;
  reported: number; // items with any status
  total: number;
}

/** T23-1's count: replicated (landed or rolled out) among applicable items, as of a date. */
export function itemShare(registry: Registry, statuses: ItemStatus[], asOf: string): ShareCount {
  const states = itemStatesAt(statuses, asOf);
  let replicated = 0;
  let notApplicable = 0;
  for (const s of states.values()) {
    if (s.status === "not_applicable") notApplicable++;
    else if (replicatedStatuses.includes(s.status)) replicated++;
  }
  const total = registry.items.length;
  return { replicated, applicable: total - notApplicable, notApplicable, reported: states.size, total };
}

/** The share series: one point on each date an item's status changed. */
export function itemShareSeries(registry: Registry, statuses: ItemStatus[]): SeriesPoint[] {
  const dates = [...new Set(statuses.map((s) => s.date))].sort();
  return dates.map((date) => {
    const c = itemShare(registry, statuses, date);
    const on = statuses.filter((s) => s.date === date);
    return {
      period: { key: date, granularity: "day" as const, start: date, end: date },
      value: c.applicable ? Number(((100 * c.replicated) / c.applicable).toFixed(6)) : 0,
      qualifier: null,
      sample: statuses.some((s) => s.sample && s.date <= date),
      origins: on.map((s) => s.origin),
    };
  });
}
