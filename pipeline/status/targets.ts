// One target's status at an as-of date, with every component that produced it. Pure: the registry,
// the series it is judged on (status/inputs.ts) and the date go in; nothing is read from a database
// or a clock.

import type { Qualifier } from "../normalise/number.ts";
import type { Origin, ItemStatus, Observation } from "../model.ts";
import type { Indicator, Registry, Target } from "../registry/types.ts";
import { classifyRatio, type StatusCode } from "./classify.ts";
import { daysBetween, minDate, monthsBetween, quarterEndBefore } from "./dates.ts";
import { valueRanks } from "./rank.ts";
import { expectedValue } from "./expected.ts";
import { statusData, type StatusData } from "./inputs.ts";
import { cumulativeSince, itemShare, itemShareSeries, latestBy, pointWords, type SeriesPoint, type ShareCount } from "./series.ts";
import { projectAt } from "./trend.ts";

export interface StatusInput {
  registry: Registry;
  observations: Observation[];
  itemStatuses: ItemStatus[];
  asOf: string;
}

export interface TargetStatus {
  target: string;
  indicator: string;
  status: StatusCode;
  asOf: string;
  components: Components;
}

/** A target's figure read on one date: what the card shows as "latest" and "at the previous quarter's end". */
export interface Reading {
  /** The date it is read at (the figure is the last one whose period ended by then). */
  at: string;
  /** The figure: the indicator's value (a share in %), the rank, or the parts done. */
  value: number;
  /** The period the figure is for (a date for the reform items' share: the day of the last change). */
  period: string | null;
  /** The last day of that period: how recent the figure is ("数据更新至"). */
  end: string | null;
  share?: { replicated: number; applicable: number };
  rank?: { rank: number; of: number; tied: boolean };
  /** A milestone's parts as they stood on that date. */
  parts?: NonNullable<Components["parts"]>;
  /** The qualifier of a figure published with one (约30), or the qualifiers in a total: said with the figure. */
  qualifier?: Qualifier;
  qualified?: Qualifier[];
}

export interface Components {
  comparator: Target["comparator"];
  targetValue: number | null;
  /** Set when the target value is a setting of ours, not the plan's figure (T23-2). */
  setting: { name: string; zh: string; en: string } | null;
  start: string; // the plan's start: where expected paths begin
  deadline: string;
  deadlinePassed: boolean;
  /** The date the actual is read at: the as-of date, or the deadline once it has passed. */
  judgedAt: string;
  monthsLeft: number; // from the as-of date to the deadline; ≤ 0 once passed
  actual: number | null;
  actualPeriod: string | null; // period key of the value used
  /** The actual's qualifier as published (约30), or the qualifiers in it when it is a total: said with it. */
  actualQualifier?: Qualifier;
  actualQualified?: Qualifier[];
  baseline: number | null;
  baselineSource: "observed" | "zero" | "first_observed" | null;
  expected: number | null; // on the straight path at judgedAt
  ratio: number | null; // actual / expected (expected / actual where lower is better)
  thresholds: { onTrack: number; lagging: number };
  paceNeeded: number | null; // per month, to reach the target by the deadline
  projection: number | null; // the recent trend's value at the deadline
  sample: boolean; // sample rows went into the actual
  origins: Origin[]; // the rows behind the actual
  share?: ShareCount;
  rank?: { rank: number; of: number; tied: boolean; period: string; source: "peers" | "reported"; peers: { entity: string; value: number }[] };
  /** A rank target's rank in every period reported up to the as-of date, read as the card reads it (the chart's points). */
  rankHistory?: RankPoint[];
  parts?: { code: string; zh: string; en: string; done: boolean; since: string | null }[];
  /** Share of the time from the plan's start to the deadline that had passed at judgedAt (0–1). */
  timeElapsed: number;
  /** The figure at the as-of date: after the deadline it can differ from `actual`, the value at the deadline. */
  latest: Reading | null;
  /** The figure at the end of the quarter before the as-of date, and latest − previous. */
  previous: Reading | null;
  change: number | null;
}

/** The zone's rank in one period: what the rank chart draws. */
export interface RankPoint {
  period: string;
  end: string;
  rank: number;
  of: number;
  tied: boolean;
  sample: boolean;
}

/** targetStatus(target, {registry, observations, itemStatuses, asOf}): from records in memory. */
export function targetStatus(target: Target, input: StatusInput): TargetStatus {
  return judgeTarget(target, { registry: input.registry, data: statusData(input.registry, input.observations, input.itemStatuses), asOf: input.asOf });
}

/** What judging reads: the registry, the series (from SQL or from records) and the as-of date. */
export interface JudgeInput {
  registry: Registry;
  data: StatusData;
  asOf: string;
}

export function judgeTarget(target: Target, input: JudgeInput): TargetStatus {
  const { registry, asOf } = input;
  const indicator = registry.indicators.find((i) => i.id === target.indicator)!;
  // On the deadline day itself the target is judged: "by 2023" ends with 2023-12-31.
  const deadlinePassed = asOf >= target.deadline;
  const judgedAt = minDate(asOf, target.deadline);
  const setting = target.valueSetting ? { name: target.valueSetting, ...pick(registry.settings.named[target.valueSetting]!) } : null;
  const base: Components = {
    comparator: target.comparator,
    targetValue: target.value,
    setting,
    start: registry.settings.planStart,
    deadline: target.deadline,
    deadlinePassed,
    judgedAt,
    monthsLeft: round(monthsBetween(asOf, target.deadline), 2),
    actual: null,
    actualPeriod: null,
    baseline: null,
    baselineSource: null,
    expected: null,
    ratio: null,
    thresholds: registry.settings.statusThresholds,
    paceNeeded: null,
    projection: null,
    sample: false,
    origins: [],
    timeElapsed: elapsedShare(registry.settings.planStart, target.deadline, judgedAt),
    latest: null,
    previous: null,
    change: null,
  };
  // Every status carries the figure at the as-of date and at the previous quarter's end, each read the
  // way the actual is read: the card can then show the deadline's verdict beside what is true today.
  const judgeWith =
    (readAt: ReadAt) =>
    (status: StatusCode, c: Components = base): TargetStatus => {
      const latest = readAt(asOf);
      const previous = readAt(quarterEndBefore(asOf));
      const change = latest && previous ? Number((latest.value - previous.value).toFixed(9)) : null;
      return { target: target.id, indicator: indicator.id, status, asOf, components: { ...c, latest, previous, change } };
    };

  switch (target.comparator) {
    case "all_done":
    case "qualitative":
      return milestone(target, input, base, judgeWith);
    case "rank_at_most":
      return rank(target, indicator, input, base, judgeWith);
    default:
      return numeric(target, indicator, input, base, judgeWith);
  }
}

type Judge = (status: StatusCode, c?: Components) => TargetStatus;
type ReadAt = (date: string) => Reading | null;
type JudgeWith = (readAt: ReadAt) => Judge;

function numeric(target: Target, indicator: Indicator, input: JudgeInput, base: Components, judgeWith: JudgeWith): TargetStatus {
  const { registry } = input;
  const start = registry.settings.planStart;
  let series: SeriesPoint[];
  const items = indicator.derivedFrom === "reform_items";
  if (items) {
    series = itemShareSeries(registry, input.data.itemStatuses);
  } else {
    series = input.data.zone(indicator.id);
    if (indicator.kind === "count" || indicator.kind === "amount") series = cumulativeSince(series, start);
  }
  const shareAt = (date: string) => itemShare(registry, input.data.itemStatuses, date);
  const readAt: ReadAt = (date) => {
    const p = latestBy(series, date);
    if (!p) return null;
    const share = items ? shareAt(date) : undefined;
    return { at: date, value: p.value, period: p.period.key, end: p.period.end, ...(share ? { share: { replicated: share.replicated, applicable: share.applicable } } : {}), ...pointWords(p) };
  };
  const judge = judgeWith(readAt);
  const share = items ? shareAt(base.judgedAt) : undefined;
  const actual = latestBy(series, base.judgedAt);
  if (!actual) return judge("no_data", { ...base, ...(share ? { share } : {}) });

  const atStart = latestBy(series, start);
  const zeroBased = indicator.kind === "count" || indicator.kind === "cumulative" || indicator.derivedFrom !== null;
  const [baseline, baselineSource] = atStart
    ? [atStart.value, "observed" as const]
    : zeroBased
      ? [0, "zero" as const]
      : [series[0]!.value, "first_observed" as const];
  const goal = target.value!;
  const lowerIsBetter = target.comparator === "<=";
  const met = lowerIsBetter ? actual.value <= goal : target.comparator === "=" ? actual.value === goal : actual.value >= goal;
  const expected = expectedValue(baseline, goal, start, target.deadline, base.judgedAt) ?? null;
  // No ratio before anything is expected, nor for a lower-is-better actual of 0 (it cannot be divided by).
  const noRatio = expected === null || expected === 0 || (lowerIsBetter && actual.value === 0);
  const ratio = noRatio ? null : lowerIsBetter ? expected / actual.value : actual.value / expected;
  const recent = series.filter((p) => p.period.end <= base.judgedAt && monthsBetween(p.period.end, base.judgedAt) <= 12).slice(-6);
  const c: Components = {
    ...base,
    actual: actual.value,
    actualPeriod: actual.period.key,
    ...(actual.qualifier ? { actualQualifier: actual.qualifier } : {}),
    ...(actual.qualified?.length ? { actualQualified: actual.qualified } : {}),
    baseline,
    baselineSource,
    expected: expected === null ? null : round(expected, 4),
    ratio: ratio === null ? null : round(ratio, 4),
    paceNeeded: met || base.deadlinePassed || base.monthsLeft <= 0 ? null : round((goal - actual.value) / base.monthsLeft, 4),
    projection: met || base.deadlinePassed ? null : roundOrNull(projectAt(recent.map((p) => ({ date: p.period.end, value: p.value })), target.deadline)),
    sample: actual.sample || series.some((p) => p.sample && p.period.end <= actual.period.end),
    origins: actual.origins,
    ...(share ? { share } : {}),
  };
  if (met) return judge("achieved", c);
  if (base.deadlinePassed) return judge("missed", c);
  return judge(classifyRatio(c.ratio, base.thresholds), c);
}

function rank(target: Target, indicator: Indicator, input: JudgeInput, base: Components, judgeWith: JudgeWith): TargetStatus {
  const { registry, data } = input;
  const threshold = target.value!;
  /** The zone's rank on a date: among the peers that reported its latest period, else the published rank. */
  const rankAt = (date: string): { r: NonNullable<Components["rank"]>; end: string; sample: boolean; origins: Origin[] } | null => {
    const own = latestBy(data.entity(indicator.id, registry.selfZone), date);
    if (own) {
      const peers = data
        .inPeriod(indicator.id, own.period.key)
        .sort((a, b) => b.value - a.value || (a.entity < b.entity ? -1 : 1));
      // Equal values share a rank (1, 1, 3 …): the zone's place is 1 + the peers strictly ahead of it.
      const ranks = valueRanks([own.value, ...peers.filter((p) => p.entity !== registry.selfZone).map((p) => p.value)], indicator.direction);
      const r = { rank: ranks[0]!.rank, of: peers.length, tied: ranks[0]!.tied, period: own.period.key, source: "peers" as const, peers: peers.map(({ entity, value }) => ({ entity, value })) };
      return { r, end: own.period.end, sample: peers.some((p) => p.sample), origins: own.origins };
    }
    // No peer counts: fall back to a published rank, reported as the indicator "<id>_rank".
    const reported = latestBy(data.entity(`${indicator.id}_rank`, registry.selfZone), date);
    if (!reported) return null;
    const of = registry.entities.filter((e) => e.type === "peer").length;
    return { r: { rank: reported.value, of, tied: false, period: reported.period.key, source: "reported", peers: [] }, end: reported.period.end, sample: reported.sample, origins: reported.origins };
  };
  const readAt: ReadAt = (date) => {
    const x = rankAt(date);
    return x ? { at: date, value: x.r.rank, period: x.r.period, end: x.end, rank: { rank: x.r.rank, of: x.r.of, tied: x.r.tied } } : null;
  };
  const judge = judgeWith(readAt);
  // The chart's points are read at each reported period's end exactly as the card reads its figures, so
  // its last point is the card's latest rank.
  const ends = [...data.entity(indicator.id, registry.selfZone), ...data.entity(`${indicator.id}_rank`, registry.selfZone)].map((p) => p.period.end).filter((end) => end <= input.asOf);
  const rankHistory: RankPoint[] = [];
  for (const end of [...new Set(ends)].sort()) {
    const x = rankAt(end)!;
    if (rankHistory.at(-1)?.period === x.r.period) continue;
    rankHistory.push({ period: x.r.period, end: x.end, rank: x.r.rank, of: x.r.of, tied: x.r.tied, sample: x.sample });
  }
  const found = rankAt(base.judgedAt);
  if (!found) return judge("no_data", { ...base, rankHistory });
  const { r, sample, origins } = found;
  const ratio = round(threshold / r.rank, 4);
  const c: Components = { ...base, actual: r.rank, actualPeriod: r.period, ratio, sample, origins, rank: r, rankHistory };
  const met = r.rank <= threshold;
  // A rank can fall again: before the deadline, being at the front is "on track", not yet achieved.
  if (base.deadlinePassed) return judge(met ? "achieved" : "missed", c);
  return judge(met ? "on_track" : classifyRatio(ratio, base.thresholds), c);
}

function milestone(target: Target, input: JudgeInput, base: Components, judgeWith: JudgeWith): TargetStatus {
  const { registry, data } = input;
  const parts = registry.entities.filter((e) => e.type === "milestone" && e.attrs.target === target.id);
  const statesAt = (date: string) => {
    let reported = 0;
    let sample = false;
    // Widened by the cast: assigned inside the callback below, which TypeScript does not follow.
    let period = null as { key: string; end: string } | null;
    const origins: Origin[] = [];
    const states = parts.map((p) => {
      const series = data.entity(target.indicator, p.code).filter((s) => s.period.end <= date);
      if (series.length) reported++;
      const last = series.at(-1);
      const done = last?.value === 1;
      if (last) (sample ||= last.sample), origins.push(...last.origins);
      if (last && (!period || last.period.end > period.end)) period = { key: last.period.key, end: last.period.end };
      // Since: the end of the first period of the final unbroken run of 1s.
      let since: string | null = null;
      for (const s of series) since = s.value === 1 ? (since ?? s.period.end) : null;
      return { code: p.code, zh: p.name.zh, en: p.name.en, done, since: done ? since : null };
    });
    return { reported, sample, origins, states, period: period?.key ?? null, end: period?.end ?? null };
  };
  const readAt: ReadAt = (date) => {
    const x = statesAt(date);
    return x.reported ? { at: date, value: x.states.filter((s) => s.done).length, period: x.period, end: x.end, parts: x.states } : null;
  };
  const judge = judgeWith(readAt);
  const { reported, sample, origins, states } = statesAt(base.judgedAt);
  if (reported === 0) return judge("no_data", { ...base, targetValue: parts.length, parts: states });
  const done = states.filter((s) => s.done).length;
  const whole = Math.floor(expectedValue(0, parts.length, registry.settings.planStart, target.deadline, base.judgedAt) ?? 0);
  // Parts are whole: only parts that are due on the straight path count as expected.
  const ratio = whole > 0 ? round(done / whole, 4) : null;
  const c: Components = { ...base, targetValue: parts.length, actual: done, baseline: 0, baselineSource: "zero", expected: whole, ratio, sample, origins, parts: states };
  if (done === parts.length) return judge("achieved", c);
  if (base.deadlinePassed) return judge("missed", c);
  return judge(classifyRatio(ratio, base.thresholds), c);
}

/** The share of the plan's time to the deadline that has passed on `date`, 0–1 (时间进度). */
function elapsedShare(start: string, deadline: string, date: string): number {
  const span = daysBetween(start, deadline);
  if (!(span > 0)) return 1;
  return round(Math.min(Math.max(daysBetween(start, date) / span, 0), 1), 4);
}

function pick(s: { zh: string; en: string }) {
  return { zh: s.zh, en: s.en };
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

function roundOrNull(x: number | undefined): number | null {
  return x === undefined ? null : round(x, 4);
}
