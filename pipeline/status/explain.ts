// A target's status in words, from its components only: what the CLI prints and the pages show.
// Three texts per language: a short sentence a leader reads under the card (summary), how the figure
// moved since the previous quarter's end (movement), and the full derivation one click away (explain).
// Government wording: 序时进度 (the straight path from the plan's start), 完成率 as a percentage, a
// rank with its threshold and never a ratio, periods and dates in Chinese form. No nested brackets.

import type { Indicator, Registry } from "../registry/types.ts";
import { statusWords } from "./classify.ts";
import { quarterEndBefore } from "./dates.ts";
import { rankWords } from "./rank.ts";
import type { Reading, TargetStatus } from "./targets.ts";
import { actualWords, dateText, figureText, inPeriod, percentText, periodText, plural, type Lang } from "./words.ts";

export interface TargetWords {
  summary: { zh: string; en: string };
  movement: { zh: string; en: string } | null;
  explain: { zh: string; en: string };
}

/** describeTarget(status, registry): the summary, the movement since the previous quarter and the derivation. */
export function describeTarget(s: TargetStatus, registry: Registry): TargetWords {
  return { summary: summarizeTarget(s, registry), movement: movementText(s, registry), explain: explainTarget(s, registry) };
}

const both = (f: (lang: Lang) => string) => ({ zh: f("zh"), en: f("en") });
const indicatorOf = (s: TargetStatus, registry: Registry) => registry.indicators.find((i) => i.id === s.indicator)!;

/** A reading as the card and the sentences say it: 45.2%, 6 of 6, 并列第1名 / joint 1st. */
export function readingText(r: Reading, s: TargetStatus, indicator: Indicator, lang: Lang): string {
  if (r.rank) return rankWords(r.rank, lang);
  if (s.components.parts) return lang === "zh" ? `完成${r.value}项，共${s.components.parts.length}项` : `${r.value} of ${s.components.parts.length} done`;
  return figureText(r.value, indicator.kind, indicator.unit, lang, r);
}

/** "2023年第四季度" · "Q4 2023": the period a reading is for, or the date it was read at. */
export function readingPeriod(r: Reading, lang: Lang): string {
  return r.period ? periodText(r.period, lang) : dateText(r.at, lang);
}

/** A reading as a clause: 2026年第三季度为10个 · 2026年上半年排第2名 · 10 cases in Q3 2026. */
export function readingSentence(r: Reading, s: TargetStatus, indicator: Indicator, lang: Lang): string {
  const text = readingText(r, s, indicator, lang);
  if (lang === "en") return `${text} ${r.period ? inPeriod(r.period) : `on ${dateText(r.at, "en")}`}`;
  return `${readingPeriod(r, "zh")}${r.rank ? "排" : s.components.parts ? "" : "为"}${text}`;
}

export function targetText(s: TargetStatus, indicator: Indicator, lang: Lang): string {
  const c = s.components;
  if (c.comparator === "rank_at_most") return lang === "zh" ? `前${c.targetValue}名` : `top ${c.targetValue}`;
  if (c.parts) return c.parts.length === 1 ? (lang === "zh" ? "完成" : "done") : lang === "zh" ? `${c.parts.length}项全部完成` : `all ${c.parts.length} done`;
  const v = figureText(c.targetValue ?? 0, indicator.kind, indicator.unit, lang);
  if (c.comparator === "<=") return lang === "zh" ? `不高于${v}` : `at most ${v}`;
  if (c.comparator === "=") return lang === "zh" ? `等于${v}` : `exactly ${v}`;
  return lang === "zh" ? `不低于${v}` : `at least ${v}`;
}

/** The value at the deadline: "45.2%" (the figure the verdict rests on). */
export function actualText(s: TargetStatus, indicator: Indicator, lang: Lang): string {
  const c = s.components;
  if (c.rank) return rankWords(c.rank, lang);
  if (c.parts) return lang === "zh" ? `完成${c.actual}项，共${c.parts.length}项` : `${c.actual} of ${c.parts.length} done`;
  return figureText(c.actual ?? 0, indicator.kind, indicator.unit, lang, actualWords(c));
}

/** Whether the latest reading meets the target (a target met after its deadline: 逾期完成); the briefing's 终期评估 reads it too. */
export function latestMeets(s: TargetStatus): boolean {
  const c = s.components;
  const v = c.latest?.value;
  if (v === undefined) return false;
  if (c.parts) return v === c.parts.length;
  if (c.targetValue === null) return false;
  if (c.comparator === "rank_at_most" || c.comparator === "<=") return v <= c.targetValue;
  if (c.comparator === "=") return v === c.targetValue;
  return v >= c.targetValue;
}

/** The share of the target reached (任务进度): (actual − baseline) / (target − baseline), for numbers. */
function progressShare(s: TargetStatus): number | null {
  const c = s.components;
  if (c.parts) return c.parts.length ? (c.actual ?? 0) / c.parts.length : null;
  if (c.rank || c.actual === null || c.targetValue === null || c.baseline === null || c.targetValue === c.baseline) return null;
  return Math.max(0, (c.actual - c.baseline) / (c.targetValue - c.baseline));
}

/** The short sentence under a card: what a leader needs, in words, with the periods. */
export function summarizeTarget(s: TargetStatus, registry: Registry): { zh: string; en: string } {
  const c = s.components;
  const indicator = indicatorOf(s, registry);
  const deadline = (lang: Lang) => dateText(c.deadline, lang);
  const latest = c.latest;
  if (s.status === "no_data") {
    return both((l) => (l === "zh" ? `截至${dateText(c.judgedAt, l)}尚无数据。` : `No data yet by ${dateText(c.judgedAt, l)}.`));
  }
  if (c.deadlinePassed) {
    const atDeadline = both((l) => actualText(s, indicator, l));
    const target = both((l) => targetText(s, indicator, l));
    // The latest figure is said when it differs from the one at the deadline (it is always on the card).
    const now = latest && latest.value !== c.actual ? latest : null;
    const nowSentence = (l: Lang) => (now ? readingSentence(now, s, indicator, l) : "");
    if (s.status === "achieved") {
      const one = c.parts?.length === 1;
      const done = both((l) =>
        c.parts
          ? l === "zh" ? (one ? "已完成" : `${c.parts.length}项全部完成`) : one ? "done" : `all ${c.parts.length} done`
          : l === "zh" ? `${c.rank ? "排" : "达到"}${atDeadline.zh}，目标${target.zh}` : `${atDeadline.en}, target ${target.en}`,
      );
      return {
        zh: `按期完成：截至${deadline("zh")}${done.zh}。${now ? `最新：${nowSentence("zh")}。` : ""}`,
        en: c.parts ? `Achieved on time: ${done.en} by ${deadline("en")}.` : `Achieved on time: by ${deadline("en")}, ${done.en}.${now ? ` Latest: ${nowSentence("en")}.` : ""}`,
      };
    }
    const late = now && latestMeets(s);
    return {
      zh: `截至${deadline("zh")}未完成：${c.rank ? "排" : ""}${atDeadline.zh}，目标${target.zh}。${now ? (late ? `此后已达到目标，${nowSentence("zh")}，属逾期完成。` : `最新：${nowSentence("zh")}，仍未达到目标。`) : "此后没有变化。"}`,
      en: `Missed at the deadline, ${deadline("en")}: ${atDeadline.en} against a target of ${target.en}.${now ? (late ? ` Reached late since then: ${nowSentence("en")}.` : ` Latest: ${nowSentence("en")}, still short of the target.`) : " No change since."}`,
    };
  }
  if (s.status === "achieved") {
    return {
      zh: `已提前完成：${c.parts ? "" : c.rank ? "排" : "达到"}${actualText(s, indicator, "zh")}，目标${targetText(s, indicator, "zh")}，截止日为${deadline("zh")}。`,
      en: `Achieved ahead of the deadline, ${deadline("en")}: ${actualText(s, indicator, "en")}, target ${targetText(s, indicator, "en")}.`,
    };
  }
  // Before the deadline: the time passed against the share of the task done (时间进度 / 任务进度).
  const time = percentText(c.timeElapsed);
  const word = statusWords[s.status];
  if (c.rank) {
    const r = both((l) => rankWords(c.rank!, l));
    const inside = c.rank.rank <= (c.targetValue ?? 0);
    return {
      zh: `${periodText(c.rank.period, "zh")}在${c.rank.of}个联动创新区中${r.zh}，目标前${c.targetValue}名，${inside ? "目前在目标之内" : "目前未进入"}；${word.zh}。`,
      en: `${r.en} of ${c.rank.of} linked zones in ${periodText(c.rank.period, "en")}; the target is the top ${c.targetValue}, ${inside ? "reached for now" : "not yet reached"}. ${capital(word.en)}.`,
    };
  }
  const progress = progressShare(s);
  const task = progress === null ? null : percentText(progress);
  const pace = (l: Lang) => {
    if (progress === null) return "";
    const ahead = progress >= c.timeElapsed;
    if (l === "zh") return !ahead ? "任务进度慢于时间进度" : c.timeElapsed >= 0.5 ? "时间过半、任务过半" : "任务进度快于时间进度";
    return ahead ? "ahead of the time passed" : "behind the time passed";
  };
  return {
    zh: `时间进度${time}，任务进度${task ?? "—"}，${pace("zh")}；${word.zh}。`,
    en: `${time} of the time to the deadline has passed and ${task ?? "—"} of the target is reached: ${pace("en")}. ${capital(word.en)}.`,
  };
}

/** How the latest figure moved since the previous quarter's end: 较上季度末增加2个 / up 2 cases since 30 Sep 2026. */
export function movementText(s: TargetStatus, registry: Registry): { zh: string; en: string } | null {
  const m = movementWords(s, registry);
  return m && { zh: m.zh, en: capital(m.en) };
}

function movementWords(s: TargetStatus, registry: Registry): { zh: string; en: string } | null {
  const c = s.components;
  if (!c.latest) return null;
  const indicator = indicatorOf(s, registry);
  if (!c.previous || c.change === null) {
    return { zh: `上季度末（${dateText(quarterEnd(c), "zh")}）尚无数据`, en: `no figure at the previous quarter's end, ${dateText(quarterEnd(c), "en")}` };
  }
  const since = { zh: `较上季度末（${dateText(c.previous.at, "zh")}）`, en: `since the previous quarter's end, ${dateText(c.previous.at, "en")}` };
  if (c.change === 0) return { zh: `与上季度末（${dateText(c.previous.at, "zh")}）持平`, en: `unchanged ${since.en}` };
  const up = c.change > 0;
  const size = Math.abs(c.change);
  if (c.rank || c.latest.rank) {
    // A smaller rank number is a better place.
    return { zh: `${since.zh}名次${up ? "下降" : "上升"}${size}位`, en: `${up ? "down" : "up"} ${plural(size, "place")} ${since.en}` };
  }
  if (c.parts) return { zh: `${since.zh}${up ? "新增完成" : "减少"}${size}项`, en: `${up ? "up" : "down"} ${size} done ${since.en}` };
  const amount = (l: Lang) => figureText(size, indicator.kind, indicator.unit, l).replace(/%$/, l === "zh" ? "个百分点" : " percentage points");
  return { zh: `${since.zh}${up ? "增加" : "减少"}${amount("zh")}`, en: `${up ? "up" : "down"} ${amount("en")} ${since.en}` };
}

function quarterEnd(c: TargetStatus["components"]): string {
  return c.previous?.at ?? quarterEndBefore(c.latest!.at);
}

const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** explainTarget(status, registry): the full derivation, one paragraph in Chinese and one in English. */
export function explainTarget(s: TargetStatus, registry: Registry): { zh: string; en: string } {
  const c = s.components;
  const indicator = indicatorOf(s, registry);
  const word = statusWords[s.status];
  const when = both((l) =>
    c.deadlinePassed
      ? l === "zh"
        ? `截止日${dateText(c.deadline, l)}已过，按截止日的数值判断`
        : `the deadline, ${dateText(c.deadline, l)}, has passed: judged on the value at the deadline`
      : l === "zh"
        ? `距截止日${dateText(c.deadline, l)}还有${c.monthsLeft.toFixed(1)}个月`
        : `${c.monthsLeft.toFixed(1)} months to the deadline, ${dateText(c.deadline, l)}`,
  );
  if (s.status === "no_data") {
    return { zh: `${word.zh}：截至${dateText(c.judgedAt, "zh")}没有可用数据；${when.zh}。`, en: `${capital(word.en)}: no data by ${dateText(c.judgedAt, "en")}; ${when.en}.` };
  }
  const target = both((l) => targetText(s, indicator, l));
  if (c.parts) {
    const pending = c.parts.filter((p) => !p.done);
    const qualitative = c.comparator === "qualitative";
    return {
      zh: `${word.zh}：${qualitative ? "方案未给出衡量标准，依评估记录判断；" : ""}${actualText(s, indicator, "zh")}${pending.length ? `，未完成的是${pending.map((p) => p.zh).join("、")}` : ""}；目标${target.zh}；${c.deadlinePassed ? "" : `按序时进度应完成${c.expected ?? 0}项；`}${when.zh}。`,
      en: `${capital(word.en)}: ${qualitative ? "the plan sets no measure, so this follows the recorded assessment; " : ""}${actualText(s, indicator, "en")}${pending.length ? `; not yet done: ${pending.map((p) => p.en).join(", ")}` : ""}; target ${target.en}; ${c.deadlinePassed ? "" : `${plural(c.expected ?? 0, "part")} due on the planned pace; `}${when.en}.`,
    };
  }
  if (c.rank) {
    const from = c.rank.source === "peers";
    return {
      zh: `${word.zh}：${periodText(c.rank.period, "zh")}${from ? `在报送数据的${c.rank.of}个联动创新区中` : "公开通报"}${rankWords(c.rank, "zh")}，目标为前${c.targetValue}名${c.setting ? `，${c.setting.zh}` : ""}；${when.zh}。`,
      en: `${capital(word.en)}: ${rankWords(c.rank, "en")}${from ? ` of the ${c.rank.of} linked zones that reported` : " in the published ranking"} in ${periodText(c.rank.period, "en")}; the target is the top ${c.targetValue}${c.setting ? `. ${c.setting.en}` : ""}; ${when.en}.`,
    };
  }
  const period = both((l) => (c.actualPeriod ? periodText(c.actualPeriod, l) : "—"));
  const share = c.share
    ? { zh: `，即适用的${c.share.applicable}项中已落地或推广${c.share.replicated}项`, en: `, ${c.share.replicated} of ${c.share.applicable} applicable items replicated` }
    : { zh: "", en: "" };
  const fig = (v: number | null, l: Lang) => (v === null ? "—" : figureText(v, indicator.kind, indicator.unit, l));
  const expected = c.expected === null || c.deadlinePassed ? null : both((l) => (indicator.kind === "share" || indicator.kind === "amount" ? fig(c.expected, l) : `${l === "zh" ? "约" : "about "}${fig(c.expected, l)}`));
  const rate =
    c.ratio === null
      ? null
      : c.deadlinePassed
        ? { zh: `完成率${percentText(c.ratio)}`, en: `${percentText(c.ratio)} of the target reached` }
        : { zh: `完成序时进度的${percentText(c.ratio)}`, en: `${percentText(c.ratio)} of the planned pace` };
  const cut = { zh: `达到序时进度的${percentText(c.thresholds.onTrack)}为正常，${percentText(c.thresholds.lagging)}以上为滞后，更低为严重滞后`, en: `${percentText(c.thresholds.onTrack)} of the planned pace or more is on track, ${percentText(c.thresholds.lagging)} or more lagging, less off track` };
  // A pace is a rate, not a count: one decimal (0.3个 a month), whatever the kind.
  const rateText = (v: number, l: Lang) => figureText(Number(v.toFixed(1)), "amount", indicator.unit, l);
  const pace = c.paceNeeded !== null ? { zh: `；每月还需${rateText(c.paceNeeded, "zh")}`, en: `; needs ${rateText(c.paceNeeded, "en")} a month` } : { zh: "", en: "" };
  // The actual as published: its qualifier, or the qualifiers in it when it is a total.
  const actual = (l: Lang) => (c.actual === null ? "—" : figureText(c.actual, indicator.kind, indicator.unit, l, actualWords(c)));
  const proj = c.projection !== null ? { zh: `；按近期趋势截止日可达${fig(c.projection, "zh")}`, en: `; the recent trend reaches ${fig(c.projection, "en")} by the deadline` } : { zh: "", en: "" };
  return {
    zh: `${word.zh}：${period.zh}为${actual("zh")}${share.zh}；目标${target.zh}${expected ? `，按序时进度此时应达${expected.zh}` : ""}${rate ? `，${rate.zh}` : ""}${pace.zh}${proj.zh}；${when.zh}。${c.deadlinePassed ? "" : `${cut.zh}。`}`,
    en: `${capital(word.en)}: ${actual("en")} ${c.actualPeriod ? inPeriod(c.actualPeriod) : ""}${share.en}; target ${target.en}${expected ? `, ${expected.en} expected by then on the planned pace` : ""}${rate ? `, ${rate.en}` : ""}${pace.en}${proj.en}; ${when.en}.${c.deadlinePassed ? "" : ` ${cut.en}.`}`,
  };
}
