// The briefing as a 简报 reads: 总体进展 (where things stand), 存在问题 (what is behind, overdue or
// unreported) and 下步建议 (what to do about each, derived from the same facts). Each fact is said in
// one section only: progress counts, problems name what and who, suggestions say what to do. Targets
// by their names, units by their names, periods and dates in words. Pure.

import type { Diff } from "../diff.ts";
import type { Freshness } from "../export/freshness.ts";
import type { Registry } from "../registry/types.ts";
import type { ItemRow, TaskRow, UnitRow } from "../status/boards.ts";
import { statusWords } from "../status/classify.ts";
import { latestMeets, summarizeTarget } from "../status/explain.ts";
import type { StatusReport, TargetStatus } from "../status/index.ts";
import { dateText, figureText, periodText, plural, type FigureWords, type Lang } from "../status/words.ts";
import { qualifiersOf } from "../normalise/number.ts";
import type { FinalAssessment } from "./final.ts";

/** Sentences in both languages; `sample[i]`: sentence i says something that comes from sample rows (the page marks it). */
type Lines = { zh: string[]; en: string[]; sample: boolean[] };

export interface BriefingSections {
  progress: Lines;
  problems: Lines;
  suggestions: Lines;
}

/** A figure of the briefing's movers, with the qualifier it was published with (or those in a total). */
type Reading = { period: string; value: number; qualifier?: string; qualified?: string[] };
type Moved = { indicator: string; from: Reading; to: Reading; change: number; changePct: number | null };

/** What a briefing is made from: the statuses, boards and changes as of its date (briefing.ts adds the series). */
export interface BriefingFacts {
  registry: Registry;
  report: StatusReport;
  items: ItemRow[];
  tasks: TaskRow[];
  units: UnitRow[];
  freshness: Freshness[];
  changes: Diff;
  previous: string;
}

export interface SectionsInput extends BriefingFacts {
  movers: Moved[];
  final: FinalAssessment | null;
}

const join = (names: string[], lang: Lang) => (lang === "zh" ? names.join("、") : names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);
const behindCodes = new Set(["lagging", "off_track", "missed", "no_data"]);

export function briefingSections(input: SectionsInput): BriefingSections {
  const { registry, report, items, tasks, units, freshness, changes, previous, final } = input;
  const asOf = report.asOf;
  const indicatorOf = (id: string) => registry.indicators.find((i) => i.id === id)!;
  const targetName = (s: { indicator: string }, lang: Lang) => indicatorOf(s.indicator).name[lang];
  const entityName = (code: string, lang: Lang) => registry.entities.find((e) => e.code === code)?.name[lang] ?? code;
  const progress: Lines = { zh: [], en: [], sample: [] };
  const problems: Lines = { zh: [], en: [], sample: [] };
  const suggestions: Lines = { zh: [], en: [], sample: [] };
  // The sentence just said (its zh and en) is sample when `is` is: every sentence gets its flag (tests/briefing).
  const from = (lines: Lines, is: boolean) => void lines.sample.push(is);
  const sampleTarget = (t: { components: { sample: boolean } }) => t.components.sample;
  // An indicator's counted rows are all sample or all real (stepAside): its freshness says which.
  const sampleIndicator = (id: string) => freshness.some((f) => f.indicator === id && f.entities.some((e) => e.sample));

  // 总体进展: the counts, the movements, what changed since the previous briefing.
  const present = (Object.keys(report.counts) as (keyof typeof report.counts)[]).filter((s) => report.counts[s] > 0);
  progress.zh.push(`截至${dateText(asOf, "zh")}，${report.targets.length}项目标中${present.map((s) => `${statusWords[s].zh}${report.counts[s]}项`).join("，")}。`);
  progress.en.push(`As of ${dateText(asOf, "en")}, of ${report.targets.length} targets: ${present.map((s) => `${report.counts[s]} ${statusWords[s].en}`).join(", ")}.`);
  from(progress, report.targets.some(sampleTarget));
  // Targets missed at their deadline but met since (逾期完成) are progress, not problems.
  const late = report.targets.filter((t) => t.status === "missed" && latestMeets(t));
  // With the final assessment below, its table names each target's outcome: here only the counts.
  const good = final ? [] : report.targets.filter((t) => t.status === "achieved" || t.status === "on_track");
  if (good.length) {
    const word = (t: TargetStatus, lang: Lang) => statusWords[t.status][lang];
    progress.zh.push(`${good.map((t) => `${targetName(t, "zh")}${word(t, "zh")}`).join("，")}。`);
    progress.en.push(`${good.map((t) => `${targetName(t, "en")}: ${word(t, "en")}`).join("; ")}.`);
    from(progress, good.some(sampleTarget));
  }
  if (late.length && !final) {
    progress.zh.push(`${late.map((t) => targetName(t, "zh")).join("、")}截止日未达到目标，此后已达到，属逾期完成。`);
    progress.en.push(`${join(late.map((t) => targetName(t, "en")), "en")}: short of the target at the deadline, reached since (achieved late).`);
    from(progress, late.some(sampleTarget));
  }
  const replicated = items.filter((i) => i.replicated).length;
  const notApplicable = items.filter((i) => i.status === "not_applicable").length;
  const inProgress = items.filter((i) => i.status === "in_progress").length;
  const overdueItems = items.filter((i) => i.overdue);
  progress.zh.push(
    `${items.length}项改革事项已落地或推广${replicated}项，推进中${inProgress}项` + (notApplicable ? `，不适用${notApplicable}项` : "") + (overdueItems.length ? `，逾期${overdueItems.length}项。` : "，无逾期。"),
  );
  progress.en.push(
    `Of the ${items.length} reform items, ${replicated} have landed or been rolled out and ${inProgress} ${inProgress === 1 ? "is" : "are"} in progress` +
      (notApplicable ? `; ${notApplicable} not applicable` : "") +
      (overdueItems.length ? `; ${overdueItems.length} overdue.` : "; none overdue."),
  );
  from(progress, items.some((i) => i.sample));
  const done = tasks.filter((t) => t.done).length;
  const overdueTasks = tasks.filter((t) => t.overdue);
  progress.zh.push(`四张清单共${tasks.length}项任务，已完成${done}项` + (overdueTasks.length ? `，逾期${overdueTasks.length}项。` : "，无逾期。"));
  progress.en.push(`The four lists hold ${plural(tasks.length, "task")}: ${done} done` + (overdueTasks.length ? `, ${overdueTasks.length} overdue.` : ", none overdue."));
  from(progress, tasks.some((t) => t.sample));
  const moved = input.movers.filter((m) => m.change !== 0).slice(0, 3);
  if (moved.length) {
    const fig = (id: string, v: number, lang: Lang, words: FigureWords = {}) => figureText(v, indicatorOf(id).kind, indicatorOf(id).unit, lang, words);
    // A change between figures published with qualifiers is no more exact than they are: it names their words.
    const delta = (m: Moved, lang: Lang) => fig(m.indicator, Math.abs(m.change), lang, { qualified: qualifiersOf([m.from.qualifier, m.to.qualifier, ...(m.from.qualified ?? []), ...(m.to.qualified ?? [])]) });
    progress.zh.push(
      `变化较大的指标：${moved.map((m) => `${indicatorOf(m.indicator).name.zh}${periodText(m.to.period, "zh")}为${fig(m.indicator, m.to.value, "zh", m.to)}，较${periodText(m.from.period, "zh")}${m.change > 0 ? "增加" : "减少"}${delta(m, "zh")}`).join("；")}。`,
    );
    progress.en.push(
      `Largest movements: ${moved.map((m) => `${indicatorOf(m.indicator).name.en}, ${fig(m.indicator, m.to.value, "en", m.to)} in ${periodText(m.to.period, "en")}, ${m.change > 0 ? "up" : "down"} ${delta(m, "en")} on ${periodText(m.from.period, "en")}`).join("; ")}.`,
    );
    from(progress, moved.some((m) => sampleIndicator(m.indicator)));
  }
  progress.zh.push(
    `与上次（${dateText(previous, "zh")}）相比：新增数据${changes.added.length}条，修订${changes.revised.length}条，撤回${changes.withdrawn.length}条` +
      (changes.statuses.length ? `；${changes.statuses.map((s) => `${targetName(s, "zh")}由${statusWords[s.from].zh}变为${statusWords[s.to].zh}`).join("，")}。` : "；目标状态无变化。"),
  );
  progress.en.push(
    `Since the previous briefing (${dateText(previous, "en")}): ${changes.added.length} values added, ${changes.revised.length} revised, ${changes.withdrawn.length} withdrawn` +
      (changes.statuses.length ? `; ${changes.statuses.map((s) => `${targetName(s, "en")} went from ${statusWords[s.from].en} to ${statusWords[s.to].en}`).join(", ")}.` : "; no target changed status."),
  );
  from(progress, [...changes.added, ...changes.withdrawn, ...changes.revised.map((r) => r.new)].some((o) => o.sample) || changes.statuses.some((c) => report.targets.some((t) => t.target === c.target && sampleTarget(t))));

  // 存在问题: each target behind in its own sentence (the card's short sentence), then who is overdue, then who has not reported.
  const behind = report.targets.filter((t) => behindCodes.has(t.status) && !late.includes(t));
  for (const t of behind) {
    const s = summarizeTarget(t, registry);
    // The card's own sentence after the name: "创新案例，截至…未完成：…" · "Innovation cases — missed at …".
    problems.zh.push(`${targetName(t, "zh")}，${s.zh}`);
    problems.en.push(`${targetName(t, "en")} — ${s.en.charAt(0).toLowerCase()}${s.en.slice(1)}`);
    from(problems, sampleTarget(t));
  }
  const owing = units
    .map((u) => ({ unit: u.unit, items: overdueItems.filter((i) => i.units.includes(u.unit)), tasks: overdueTasks.filter((t) => t.units.includes(u.unit)) }))
    .filter((u) => u.items.length || u.tasks.length)
    .sort((a, b) => b.items.length + b.tasks.length - (a.items.length + a.tasks.length) || (a.unit < b.unit ? -1 : 1));
  if (owing.length) {
    const what = (u: (typeof owing)[number], lang: Lang) =>
      [
        u.tasks.length ? (lang === "zh" ? `任务${u.tasks.map((t) => t.id).join("、")}` : `${u.tasks.length === 1 ? "task" : "tasks"} ${join(u.tasks.map((t) => t.id), "en")}`) : "",
        u.items.length ? (lang === "zh" ? `改革事项第${u.items.map((i) => i.no).join("、")}项` : `${u.items.length === 1 ? "item" : "items"} ${join(u.items.map((i) => String(i.no)), "en")}`) : "",
      ]
        .filter(Boolean)
        .join(lang === "zh" ? "，" : " and ");
    problems.zh.push(`逾期未完成的涉及${owing.length}个单位：${owing.map((u) => `${entityName(u.unit, "zh")}（${what(u, "zh")}）`).join("；")}。`);
    problems.en.push(`Overdue work lies with ${plural(owing.length, "unit")}: ${owing.map((u) => `${entityName(u.unit, "en")}, ${what(u, "en")}`).join("; ")}.`);
    from(problems, owing.some((u) => u.items.some((i) => i.sample) || u.tasks.some((t) => t.sample)));
  }
  const missing = freshness.filter((f) => f.missing.length && f.latestPeriod);
  for (const m of missing) {
    const period = (lang: Lang) => periodText(m.latestPeriod!, lang);
    problems.zh.push(`${indicatorOf(m.indicator).name.zh}${period("zh")}的数据尚未报齐，缺${m.missing.map((c) => entityName(c, "zh")).join("、")}的报告。`);
    problems.en.push(`${indicatorOf(m.indicator).name.en} for ${period("en")} is incomplete: nothing yet for ${join(m.missing.map((c) => entityName(c, "en")), "en")}.`);
    from(problems, sampleIndicator(m.indicator));
  }
  if (!problems.zh.length) {
    problems.zh.push("目标均按期完成或进度正常，无逾期事项和任务，各项数据均已报齐。");
    problems.en.push("Every target is achieved or on track, nothing is overdue and every report is in.");
    from(problems, report.targets.some(sampleTarget) || items.some((i) => i.sample) || tasks.some((t) => t.sample));
  }

  // 下步建议: one action for each problem, naming who acts.
  const open = behind.filter((t) => t.components.deadlinePassed);
  const running = behind.filter((t) => !t.components.deadlinePassed);
  for (const t of running) {
    const c = t.components;
    const pace = c.paceNeeded !== null && c.paceNeeded > 0 ? figureText(Number(c.paceNeeded.toFixed(1)), "amount", indicatorOf(t.indicator).unit, "zh") : null;
    const paceEn = pace ? figureText(Number(c.paceNeeded!.toFixed(1)), "amount", indicatorOf(t.indicator).unit, "en") : null;
    suggestions.zh.push(`加快推进${targetName(t, "zh")}：距截止日${dateText(c.deadline, "zh")}还有${Math.max(0, Math.round(c.monthsLeft))}个月${pace ? `，每月需完成${pace}` : ""}。`);
    suggestions.en.push(`Speed up ${targetName(t, "en")}: ${plural(Math.max(0, Math.round(c.monthsLeft)), "month")} to the deadline, ${dateText(c.deadline, "en")}${paceEn ? `, ${paceEn} needed a month` : ""}.`);
    from(suggestions, sampleTarget(t));
  }
  if (open.length) {
    suggestions.zh.push(`对${open.map((t) => targetName(t, "zh")).join("、")}${open.length > 1 ? `等${open.length}项` : ""}未完成目标，分析原因，明确整改措施、责任单位和完成时限。`);
    suggestions.en.push(`For the ${open.length === 1 ? "target" : `${open.length} targets`} still open (${join(open.map((t) => targetName(t, "en")), "en")}): establish why, and set remedies, responsible units and dates.`);
    from(suggestions, open.some(sampleTarget));
  }
  if (late.length && final) {
    suggestions.zh.push(`${late.map((t) => targetName(t, "zh")).join("、")}属逾期完成，在终期评估中如实说明。`);
    suggestions.en.push(`State in the final assessment that ${join(late.map((t) => targetName(t, "en")), "en")} ${late.length === 1 ? "was" : "were"} achieved late.`);
    from(suggestions, late.some(sampleTarget));
  }
  if (owing.length) {
    // Who owes what is said under 存在问题; here, what to do about it.
    suggestions.zh.push(`督促${owing.map((u) => entityName(u.unit, "zh")).join("、")}尽快完成逾期任务和事项，并报送完成情况。`);
    suggestions.en.push(`Press ${join(owing.map((u) => entityName(u.unit, "en")), "en")} to finish the overdue work and report on it.`);
    from(suggestions, owing.some((u) => u.items.some((i) => i.sample) || u.tasks.some((t) => t.sample)));
  }
  for (const m of missing) {
    suggestions.zh.push(`请${m.missing.map((c) => entityName(c, "zh")).join("、")}补报${indicatorOf(m.indicator).name.zh}${periodText(m.latestPeriod!, "zh")}的数据。`);
    suggestions.en.push(`Ask for the missing ${periodText(m.latestPeriod!, "en")} reports of ${indicatorOf(m.indicator).name.en} (${join(m.missing.map((c) => entityName(c, "en")), "en")}).`);
    from(suggestions, sampleIndicator(m.indicator));
  }
  if (final) {
    suggestions.zh.push(`方案各项目标的截止日均已过（最后一项为${dateText(final.lastDeadline, "zh")}），建议按方案开展终期评估，形成评估报告，评估要点见下。`);
    suggestions.en.push(`Every target's deadline has passed (the last on ${dateText(final.lastDeadline, "en")}): carry out the plan's final assessment and write its report; its main points follow.`);
    from(suggestions, report.targets.some(sampleTarget));
  }
  if (!suggestions.zh.length) {
    suggestions.zh.push("保持当前进度，按时报送下一期数据。");
    suggestions.en.push("Keep the present pace and report the next period on time.");
    from(suggestions, false);
  }
  return { progress, problems, suggestions };
}
