// The briefing for the leading group's quarterly meeting and the office's monthly one (四（一））: a page
// or two of sentences, every number from the data. Pure: the status report, the boards, the freshness
// and the changes since the previous briefing go in; sentences in Chinese and English come out.

import type { Diff } from "./diff.ts";
import type { ItemRow, TaskRow, UnitRow } from "./status/boards.ts";
import type { Freshness } from "./export/freshness.ts";
import type { Registry } from "./registry/types.ts";
import { statusCodes, statusWords, type StatusReport } from "./status/index.ts";
import { zoneSeries, type SeriesPoint } from "./status/series.ts";
import { quarterEndBefore } from "./status/dates.ts";
import type { Observation } from "./model.ts";

export interface Mover {
  indicator: string;
  from: { period: string; value: number };
  to: { period: string; value: number };
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
  summary: { zh: string[]; en: string[] };
  movers: Mover[];
  overdueByUnit: { unit: string; items: number[]; tasks: string[] }[];
  missing: { indicator: string; latestPeriod: string | null; entities: string[] }[];
  changes: Diff;
  sample: boolean;
}

export interface BriefingInput {
  registry: Registry;
  report: StatusReport;
  items: ItemRow[];
  tasks: TaskRow[];
  units: UnitRow[];
  freshness: Freshness[];
  /** Each zone series' last two points ended by the as-of date (recentZonePoints), by indicator. */
  recent: Map<string, SeriesPoint[]>;
  changes: Diff;
  previous: string;
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
      from: { period: a.period.key, value: a.value },
      to: { period: b.period.key, value: b.value },
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
  const unitName = (code: string, lang: "zh" | "en") => registry.entities.find((e) => e.type === "unit" && e.code === code)?.name[lang] ?? code;
  const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;
  const enDate = (d: string) => d;

  // Targets.
  const present = statusCodes.filter((s) => report.counts[s] > 0);
  const zh: string[] = [];
  const en: string[] = [];
  zh.push(`截至${zhDate(asOf)}，${report.targets.length}项目标中${present.map((s) => `${statusWords[s].zh}${report.counts[s]}项`).join("，")}。`);
  en.push(`As of ${enDate(asOf)}, of ${report.targets.length} targets: ${present.map((s) => `${report.counts[s]} ${statusWords[s].en}`).join(", ")}.`);
  const behind = report.targets.filter((t) => t.status === "lagging" || t.status === "off_track" || t.status === "missed");
  if (behind.length) {
    zh.push(`需要关注：${behind.map((t) => `${t.target}（${statusWords[t.status].zh}）`).join("、")}。`);
    en.push(`Needing attention: ${behind.map((t) => `${t.target} (${statusWords[t.status].en})`).join(", ")}.`);
  }

  // Reform items.
  const replicated = items.filter((i) => i.replicated).length;
  const notApplicable = items.filter((i) => i.status === "not_applicable").length;
  const inProgress = items.filter((i) => i.status === "in_progress").length;
  const overdueItems = items.filter((i) => i.overdue);
  zh.push(
    `${items.length}项改革事项已落地或推广${replicated}项，推进中${inProgress}项` +
      (notApplicable ? `，不适用${notApplicable}项` : "") +
      (overdueItems.length ? `，逾期${overdueItems.length}项：第${overdueItems.map((i) => i.no).join("、")}项。` : "，无逾期。"),
  );
  en.push(
    `Of the ${items.length} reform items, ${replicated} have landed or been rolled out and ${inProgress} are in progress` +
      (notApplicable ? `; ${notApplicable} not applicable` : "") +
      (overdueItems.length ? `; ${overdueItems.length} overdue: items ${overdueItems.map((i) => i.no).join(", ")}.` : "; none overdue."),
  );

  // Tasks, and who owns what is overdue.
  const done = tasks.filter((t) => t.done).length;
  const overdueTasks = tasks.filter((t) => t.overdue);
  const overdueByUnit = units
    .map((u) => ({ unit: u.unit, items: overdueItems.filter((i) => i.units.includes(u.unit)).map((i) => i.no), tasks: overdueTasks.filter((t) => t.units.includes(u.unit)).map((t) => t.id) }))
    .filter((u) => u.items.length || u.tasks.length)
    .sort((a, b) => b.items.length + b.tasks.length - (a.items.length + a.tasks.length) || (a.unit < b.unit ? -1 : 1));
  const byUnitZh = overdueByUnit.filter((u) => u.tasks.length).map((u) => `${unitName(u.unit, "zh")}${u.tasks.length}项`);
  const byUnitEn = overdueByUnit.filter((u) => u.tasks.length).map((u) => `${unitName(u.unit, "en")} ${u.tasks.length}`);
  zh.push(`四张清单共${tasks.length}项任务，已完成${done}项` + (overdueTasks.length ? `，逾期${overdueTasks.length}项（${byUnitZh.join("、")}）。` : "，无逾期。"));
  en.push(`The four lists hold ${tasks.length} tasks: ${done} done` + (overdueTasks.length ? `, ${overdueTasks.length} overdue (${byUnitEn.join("; ")}).` : ", none overdue."));

  // Reporting completeness.
  const missing = freshness.filter((f) => f.missing.length && f.latestPeriod).map((f) => ({ indicator: f.indicator, latestPeriod: f.latestPeriod, entities: f.missing }));
  if (missing.length) {
    const name = (id: string, lang: "zh" | "en") => registry.indicators.find((i) => i.id === id)!.name[lang];
    zh.push(`报送未齐：${missing.map((m) => `${name(m.indicator, "zh")}（${m.latestPeriod}，缺${m.entities.length}个）`).join("、")}。`);
    en.push(`Reports outstanding: ${missing.map((m) => `${name(m.indicator, "en")} (${m.latestPeriod}, ${m.entities.length} missing)`).join("; ")}.`);
  }

  // Since the previous briefing.
  zh.push(
    `与上次（${zhDate(previous)}）相比：新增数据${changes.added.length}条，修订${changes.revised.length}条，撤回${changes.withdrawn.length}条` +
      (changes.statuses.length ? `；${changes.statuses.length}项目标状态变化：${changes.statuses.map((s) => `${s.target}由${statusWords[s.from].zh}变为${statusWords[s.to].zh}`).join("，")}。` : "；目标状态无变化。"),
  );
  en.push(
    `Since the previous briefing (${enDate(previous)}): ${changes.added.length} values added, ${changes.revised.length} revised, ${changes.withdrawn.length} withdrawn` +
      (changes.statuses.length ? `; ${changes.statuses.length} targets changed status: ${changes.statuses.map((s) => `${s.target} from ${statusWords[s.from].en} to ${statusWords[s.to].en}`).join(", ")}.` : "; no target changed status."),
  );

  const sample = report.targets.some((t) => t.components.sample) || items.some((i) => i.sample) || tasks.some((t) => t.sample);
  if (sample) {
    zh.push("（以上含样例数据，仅用于演示系统，并非官方统计。）");
    en.push("(The above includes sample data, made up to show the system; it is not an official result.)");
  }
  return { asOf, previous, basis: input.basis, summary: { zh, en }, movers: movers(registry, input.recent), overdueByUnit, missing, changes, sample };
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
