// The briefing for the leading group's quarterly meeting and the office's monthly one (四（一））: a page
// or two of sentences, every number from the data, as a 简报 reads (总体进展 / 存在问题 / 下步建议,
// briefing/sections.ts) and, after the last deadline, the plan's final assessment (briefing/final.ts).
// Pure: the status report, the boards, the freshness and the changes since the previous briefing go
// in; sentences in Chinese and English come out.

import type { Diff } from "./diff.ts";
import type { Registry } from "./registry/types.ts";
import { finalAssessment, type FinalAssessment } from "./briefing/final.ts";
import { briefingSections, type BriefingFacts, type BriefingSections } from "./briefing/sections.ts";
import { pointWords, zoneSeries, type SeriesPoint } from "./status/series.ts";
import type { Qualifier } from "./normalise/number.ts";
import { quarterEndBefore } from "./status/dates.ts";
import type { Observation } from "./model.ts";

export interface Mover {
  indicator: string;
  /** Each figure with the qualifier it was published with, or the qualifiers in it when it is a total. */
  from: { period: string; value: number; qualifier?: Qualifier; qualified?: Qualifier[] };
  to: { period: string; value: number; qualifier?: Qualifier; qualified?: Qualifier[] };
  change: number;
  changePct: number | null; // null when the earlier value is 0
  sample: boolean;
}

export interface Briefing {
  asOf: string;
  previous: string; // the date of the previous briefing the changes are counted from
  /**
   * How "since the previous briefing" was read: from the warehouse as it stood that day (revisions),
   * or — when nothing had been loaded by then — from today's data for the periods ended by that day.
   */
  basis: "revisions" | "periods";
  /** 总体进展 / 存在问题 / 下步建议 (briefing/sections.ts). */
  sections: BriefingSections;
  /** The plan's final assessment, once the last target's deadline has passed (briefing/final.ts). */
  final: FinalAssessment | null;
  /** Said once, under the title, when any figure is sample data. */
  note: { zh: string; en: string } | null;
  movers: Mover[];
  overdueByUnit: { unit: string; items: number[]; tasks: string[] }[];
  missing: { indicator: string; latestPeriod: string | null; entities: string[] }[];
  changes: Diff;
  sample: boolean;
}

export interface BriefingInput extends BriefingFacts {
  /** Each zone series' last two points ended by the as-of date (recentZonePoints), by indicator. */
  recent: Map<string, SeriesPoint[]>;
  basis: Briefing["basis"];
}

/** The previous briefing: the last quarter's end before the as-of date (the leading group meets quarterly). */
export function previousQuarterEnd(asOf: string): string {
  return quarterEndBefore(asOf);
}

/** The indicators whose movement the briefing reports: zone-level series, not milestones, ranks or derived shares. */
export const moverIndicators = (registry: Registry) => registry.indicators.filter((i) => i.kind !== "milestone" && i.kind !== "rank" && !i.derivedFrom);

/** recentZonePoints(registry, observations, asOf): each mover indicator's last two zone points ended by asOf. */
export function recentZonePoints(registry: Registry, observations: Observation[], asOf: string): Map<string, SeriesPoint[]> {
  return new Map(moverIndicators(registry).map((i) => [i.id, zoneSeries(i, observations, registry).filter((p) => p.period.end <= asOf).slice(-2)]));
}

/** Each zone-level series' latest value by the as-of date against the one before it, largest relative change first. */
export function movers(registry: Registry, recent: Map<string, SeriesPoint[]>, limit = 5): Mover[] {
  const out: Mover[] = [];
  for (const indicator of moverIndicators(registry)) {
    const [a, b] = (recent.get(indicator.id) ?? []).slice(-2);
    if (!a || !b) continue;
    const change = Number((b.value - a.value).toFixed(9));
    out.push({
      indicator: indicator.id,
      from: { period: a.period.key, value: a.value, ...pointWords(a) },
      to: { period: b.period.key, value: b.value, ...pointWords(b) },
      change,
      changePct: a.value === 0 ? null : Number(((100 * change) / Math.abs(a.value)).toFixed(2)),
      sample: a.sample || b.sample,
    });
  }
  const size = (m: Mover) => (m.changePct === null ? (m.change === 0 ? 0 : Infinity) : Math.abs(m.changePct));
  return out.sort((x, y) => size(y) - size(x) || (x.indicator < y.indicator ? -1 : 1)).slice(0, limit);
}

export function buildBriefing(input: BriefingInput): Briefing {
  const { registry, report, items, tasks, units, freshness, changes, previous } = input;
  const asOf = report.asOf;
  const overdueItems = items.filter((i) => i.overdue);
  const overdueTasks = tasks.filter((t) => t.overdue);
  const overdueByUnit = units
    .map((u) => ({ unit: u.unit, items: overdueItems.filter((i) => i.units.includes(u.unit)).map((i) => i.no), tasks: overdueTasks.filter((t) => t.units.includes(u.unit)).map((t) => t.id) }))
    .filter((u) => u.items.length || u.tasks.length)
    .sort((a, b) => b.items.length + b.tasks.length - (a.items.length + a.tasks.length) || (a.unit < b.unit ? -1 : 1));
  const missing = freshness.filter((f) => f.missing.length && f.latestPeriod).map((f) => ({ indicator: f.indicator, latestPeriod: f.latestPeriod, entities: f.missing }));
  const moved = movers(registry, input.recent);
  const final = finalAssessment({ registry, report, items, tasks, units });
  const sections = briefingSections({ registry, report, items, tasks, units, freshness, movers: moved, changes, previous, final });
  const sample = report.targets.some((t) => t.components.sample) || items.some((i) => i.sample) || tasks.some((t) => t.sample);
  const note = sample ? { zh: "本简报含样例数据，仅用于演示系统，并非官方统计。", en: "This briefing includes sample data, made up to show the system; it is not an official result." } : null;
  return { asOf, previous, basis: input.basis, sections, final, note, movers: moved, overdueByUnit, missing, changes, sample };
}

/** The data as it would have read on `date` if it had been loaded then: periods and dates up to it. */
export function asKnownBy<T extends { observations: Observation[]; itemStatuses: { date: string }[]; taskStatuses: { date: string }[] }>(snapshot: T, date: string): T {
  return {
    ...snapshot,
    observations: snapshot.observations.filter((o) => o.period.end <= date),
    itemStatuses: snapshot.itemStatuses.filter((s) => s.date <= date),
    taskStatuses: snapshot.taskStatuses.filter((s) => s.date <= date),
  };
}
