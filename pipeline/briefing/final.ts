// The plan's final assessment (终期评估), offered by the briefing once the last target's deadline has
// passed: each target's verdict at its deadline beside its latest value, what was achieved late, what
// remains open, and each responsible unit's record. Pure: the status report and the boards go in.

import { replicatedStatuses } from "../model.ts";
import type { Registry } from "../registry/types.ts";
import type { ItemRow, TaskRow, UnitRow } from "../status/boards.ts";
import { actualText, latestMeets, readingText } from "../status/explain.ts";
import type { StatusReport, TargetStatus } from "../status/index.ts";
import { dateText, periodText, plural, type Lang } from "../status/words.ts";
import { unitName as nameNow } from "../registry/names.ts";

type Both = { zh: string; en: string };

/** A target after its deadline: met then (on time), met since (late), still not met (open), or never reported. */
export type Outcome = "on_time" | "late" | "open" | "no_data";

export const outcomeWords: Record<Outcome, Both> = {
  on_time: { zh: "按期完成", en: "achieved on time" },
  late: { zh: "逾期完成", en: "achieved late" },
  open: { zh: "仍未完成", en: "still open" },
  no_data: { zh: "无数据", en: "no data" },
};

export interface FinalTarget {
  target: string;
  indicator: string;
  name: Both;
  deadline: string;
  /** The verdict at the deadline: the status the value then decides. */
  verdict: TargetStatus["status"];
  /** The value the verdict rests on, with its period: "45.2%（2023年第四季度）". */
  atDeadline: Both | null;
  /** The latest value by the as-of date, with its period. */
  latest: Both | null;
  outcome: Outcome;
}

export interface FinalUnit {
  unit: string;
  name: Both;
  items: { total: number; replicated: number; late: number; open: number };
  tasks: { total: number; onTime: number; late: number; open: number };
  /** Its place on the units board (shared by equals). */
  rank: number;
  tied: boolean;
}

export interface FinalAssessment {
  lastDeadline: string;
  targets: FinalTarget[];
  counts: Record<Outcome, number>;
  /** Items replicated after the items' own deadline (T23-1), and items neither replicated nor not applicable. */
  items: { total: number; replicated: number; notApplicable: number; late: number[]; open: number[] };
  /** Tasks done after their deadline, and tasks past it neither done nor cancelled. */
  tasks: { total: number; onTime: number; late: string[]; open: string[] };
  units: FinalUnit[];
  /** The assessment in sentences: the verdicts, what came late, what remains open; `sample[i]`: sentence i rests on a figure from sample rows (the page marks that sentence). */
  sentences: { zh: string[]; en: string[]; sample: boolean[] };
}

/** The last deadline the plan sets for any target: after it, the briefing offers the final assessment. */
export function lastDeadline(registry: Registry): string | null {
  const deadlines = registry.indicators.flatMap((i) => i.targets.map((t) => t.deadline)).sort();
  return deadlines.at(-1) ?? null;
}

function outcomeOf(s: TargetStatus): Outcome {
  if (s.status === "achieved") return "on_time";
  if (s.status === "no_data") return "no_data";
  return latestMeets(s) ? "late" : "open";
}

const list = (names: string[], lang: Lang) => (lang === "zh" ? names.join("、") : names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/**
 * finalAssessment(...) is null before the last deadline (as of report.asOf); from that day on, the
 * assessment the office must write, every figure from the status report and the boards.
 */
export function finalAssessment(input: { registry: Registry; report: StatusReport; items: ItemRow[]; tasks: TaskRow[]; units: UnitRow[] }): FinalAssessment | null {
  const { registry, report, items, tasks, units } = input;
  const last = lastDeadline(registry);
  // Judged on the deadline day itself, as the status engine judges a target (deadlinePassed: asOf ≥ deadline).
  if (last === null || report.asOf < last) return null;
  const indicatorOf = (id: string) => registry.indicators.find((i) => i.id === id)!;

  const targets = report.targets.map((s): FinalTarget => {
    const indicator = indicatorOf(s.indicator);
    const c = s.components;
    const withPeriod = (text: string, period: string, lang: Lang) => (lang === "zh" ? `${text}（${period}）` : `${text} (${period})`);
    const atDeadline =
      s.status === "no_data" ? null : { zh: withPeriod(actualText(s, indicator, "zh"), c.actualPeriod ? periodText(c.actualPeriod, "zh") : dateText(c.deadline, "zh"), "zh"), en: withPeriod(actualText(s, indicator, "en"), c.actualPeriod ? periodText(c.actualPeriod, "en") : dateText(c.deadline, "en"), "en") };
    const l = c.latest;
    const latest = l ? { zh: withPeriod(readingText(l, s, indicator, "zh"), l.period ? periodText(l.period, "zh") : dateText(l.at, "zh"), "zh"), en: withPeriod(readingText(l, s, indicator, "en"), l.period ? periodText(l.period, "en") : dateText(l.at, "en"), "en") } : null;
    return { target: s.target, indicator: s.indicator, name: indicator.name, deadline: c.deadline, verdict: s.status, atDeadline, latest, outcome: outcomeOf(s) };
  });
  const counts = Object.fromEntries((Object.keys(outcomeWords) as Outcome[]).map((o) => [o, targets.filter((t) => t.outcome === o).length])) as Record<Outcome, number>;

  // The items' own deadline is T23-1's: an item replicated after it came late.
  const itemDeadline = registry.indicators.find((i) => i.derivedFrom === "reform_items")?.targets[0]?.deadline ?? last;
  const firstReplicated = (i: ItemRow) => i.history.find((h) => replicatedStatuses.includes(h.status))?.date ?? i.since;
  const itemLate = items.filter((i) => i.replicated && (firstReplicated(i) ?? "") > itemDeadline).map((i) => i.no);
  const itemOpen = items.filter((i) => !i.replicated && i.status !== "not_applicable").map((i) => i.no);
  const live = tasks.filter((t) => t.status !== "cancelled");
  // Done late as the task board says (its first 已完成 after the deadline; a later repeat of 已完成 is not when it was done).
  const taskLate = live.filter((t) => t.late).map((t) => t.id);
  const taskOpen = live.filter((t) => t.overdue).map((t) => t.id);
  const taskOnTime = live.filter((t) => t.done && !taskLate.includes(t.id)).length;
  // Tasks whose own deadline is still ahead: neither on time nor late yet.
  const taskAhead = live.filter((t) => !t.done && !t.overdue).length;

  // Today's name with the plan's beside it, where a unit was renamed (registry/names.ts).
  const unitName = (code: string): Both => {
    const e = registry.entities.find((e) => e.type === "unit" && e.code === code);
    return e ? { zh: nameNow(e, "zh"), en: nameNow(e, "en") } : { zh: code, en: code };
  };
  const finalUnits = units.map((u): FinalUnit => {
    const its = items.filter((i) => i.units.includes(u.unit) && i.status !== "not_applicable");
    const tks = live.filter((t) => t.units.includes(u.unit));
    return {
      unit: u.unit,
      name: unitName(u.unit),
      items: { total: its.length, replicated: its.filter((i) => i.replicated).length, late: its.filter((i) => itemLate.includes(i.no)).length, open: its.filter((i) => itemOpen.includes(i.no)).length },
      tasks: { total: tks.length, onTime: tks.filter((t) => t.done && !taskLate.includes(t.id)).length, late: tks.filter((t) => taskLate.includes(t.id)).length, open: tks.filter((t) => taskOpen.includes(t.id)).length },
      rank: u.rank,
      tied: u.tied,
    };
  });

  const names = (o: Outcome, lang: Lang) => list(targets.filter((t) => t.outcome === o).map((t) => t.name[lang]), lang);
  const zh: string[] = [];
  const en: string[] = [];
  // One flag per sentence, pushed with it: is any figure it counts from sample rows (as sections.ts flags its sentences).
  const sample: boolean[] = [];
  const sampleOf = (o?: Outcome) => report.targets.some((s) => s.components.sample && (o === undefined || outcomeOf(s) === o));
  zh.push(
    `方案设定的${targets.length}项目标，截止日均已过（最后一项为${dateText(last, "zh")}）：按期完成${counts.on_time}项` +
      (counts.late ? `，逾期完成${counts.late}项` : "") +
      (counts.open ? `，仍未完成${counts.open}项` : "") +
      (counts.no_data ? `，无数据${counts.no_data}项` : "") +
      "。",
  );
  en.push(
    `Every deadline of the plan's ${targets.length} targets has passed (the last on ${dateText(last, "en")}): ${counts.on_time} achieved on time` +
      (counts.late ? `, ${counts.late} achieved late` : "") +
      (counts.open ? `, ${counts.open} still open` : "") +
      (counts.no_data ? `, ${counts.no_data} with no data` : "") +
      ".",
  );
  sample.push(sampleOf());
  if (counts.late) {
    zh.push(`逾期完成：${names("late", "zh")}，截止日未达到目标，此后已达到。`);
    en.push(`Achieved late: ${names("late", "en")}, short of the target at the deadline and reached since.`);
    sample.push(sampleOf("late"));
  }
  if (counts.open) {
    zh.push(`仍未完成：${names("open", "zh")}，截至${dateText(report.asOf, "zh")}仍未达到目标。`);
    en.push(`Still open: ${names("open", "en")}, short of the target as of ${dateText(report.asOf, "en")}.`);
    sample.push(sampleOf("open"));
  }
  zh.push(
    `改革事项${items.length}项，已落地或推广${items.filter((i) => i.replicated).length}项` +
      (itemLate.length ? `，其中${itemLate.length}项在${dateText(itemDeadline, "zh")}之后落地` : "") +
      (itemOpen.length ? `；尚未落地${itemOpen.length}项：第${itemOpen.join("、")}项` : "；其余均不适用") +
      "。",
  );
  en.push(
    `Of the ${items.length} reform items, ${items.filter((i) => i.replicated).length} have landed or been rolled out` +
      (itemLate.length ? `, ${itemLate.length} of them after ${dateText(itemDeadline, "en")}` : "") +
      (itemOpen.length ? `; ${plural(itemOpen.length, "item")} not yet landed: ${list(itemOpen.map(String), "en")}` : "; the rest are not applicable") +
      ".",
  );
  sample.push(items.some((i) => i.sample));
  zh.push(
    `四张清单任务${live.length}项，按期完成${taskOnTime}项` +
      (taskLate.length ? `，逾期完成${taskLate.length}项` : "") +
      (taskOpen.length ? `，逾期未完成${taskOpen.length}项：${taskOpen.join("、")}` : "") +
      (taskAhead ? `，未到期${taskAhead}项` : "") +
      "。",
  );
  en.push(
    `Of the lists' ${plural(live.length, "task")}, ${taskOnTime} ${taskOnTime === 1 ? "was" : "were"} done on time` +
      (taskLate.length ? `, ${taskLate.length} late` : "") +
      (taskOpen.length ? `; ${taskOpen.length} overdue and not done: ${list(taskOpen, "en")}` : "") +
      (taskAhead ? `; ${taskAhead} not yet due` : "") +
      ".",
  );
  sample.push(live.some((t) => t.sample));
  return {
    lastDeadline: last,
    targets,
    counts,
    items: { total: items.length, replicated: items.filter((i) => i.replicated).length, notApplicable: items.filter((i) => i.status === "not_applicable").length, late: itemLate, open: itemOpen },
    tasks: { total: live.length, onTime: taskOnTime, late: taskLate, open: taskOpen },
    units: finalUnits,
    sentences: { zh, en, sample },
  };
}
