// One plan target as leadership reads it: the status in words, a symbol and a colour (never colour
// alone), the value that decided it and the latest value, the target, the planned pace, the time left. Everything shown comes from
// the status engine's components; nothing is computed here. Data text is set as text, never as HTML.

import type { TargetStatus } from "../../pipeline/status/targets.ts";
import { setStatusColours, statusStyle } from "./statusStyle.js";
import { name, t, type Lang } from "./i18n.js";
import { actualWords, clauseText, dateText, figureText, percentText, periodText, type FigureWords } from "../../pipeline/status/words.ts";
import { rankWords } from "../../pipeline/status/rank.ts";

export { statusStyle, type StatusCode } from "./statusStyle.js";

/** A target's status as the export writes it: the engine's status with its words in both languages (status/explain.ts). */
export type TargetReport = TargetStatus & {
  summary: { zh: string; en: string };
  movement: { zh: string; en: string } | null;
  explain: { zh: string; en: string };
};

export interface IndicatorInfo {
  id: string;
  name: { zh: string; en: string };
  unit: { zh: string; en: string };
  /** share · count · cumulative · amount · rank · milestone: the precision its figures are shown with. */
  kind?: string;
  targets: { id: string; clause: string; quote: { zh: string; en: string } }[];
}

export interface TargetCardOptions {
  lang: Lang;
  indicator: IndicatorInfo;
  /** Where the indicator's own page is, relative to this page. */
  href?: string;
  document?: Document;
}

const words = {
  atDeadline: { zh: "截止时", en: "At the deadline" },
  latest: { zh: "最新", en: "Latest" },
  target: { zh: "目标", en: "Target" },
  pace: { zh: "序时进度", en: "Planned pace" },
  rate: { zh: "完成率", en: "Completion" },
  ofPace: { zh: "完成序时进度", en: "Of the planned pace" },
  deadline: { zh: "截止日", en: "Deadline" },
  passed: { zh: "已过", en: "passed" },
  monthsLeft: { zh: (n: string) => `还有${n}个月`, en: (n: string) => `${n} months left` },
  derivation: { zh: "计算过程", en: "How this was worked out" },
  noData: { zh: "暂无数据", en: "No data" },
};

/**
 * TargetCard(report, options): the target's name (its code after it, small), the status in a word and a
 * symbol, the value at the deadline beside the latest value once the deadline has passed (each with its
 * period), the movement since the previous quarter's end, a short sentence, and the derivation behind a
 * <details>. Everything shown comes from the status engine; figures keep one precision per kind.
 */
export function TargetCard(report: TargetReport, { lang, indicator, href, document = globalThis.document }: TargetCardOptions): HTMLElement {
  const el = (tag: string, cls?: string, text?: string) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const c = report.components;
  const style = statusStyle[report.status];
  const card = el("article", `target-card status-${report.status}`);
  card.dataset.target = report.target;
  if (c.latest) card.dataset.latest = String(c.latest.value);
  if (c.latest?.period) card.dataset.latestPeriod = c.latest.period;
  setStatusColours(card, style);

  const head = el("header");
  const title = el(href ? "a" : "span", "target-title");
  if (href) title.setAttribute("href", href);
  title.append(el("span", "target-name", name(lang, indicator.name)), el("span", "target-id", report.target));
  const word = el("span", "status-word", `${style.symbol} ${style[lang]}`);
  word.setAttribute("role", "status");
  head.append(title, word);
  card.append(head);

  const figures = el("dl", "target-figures");
  const row = (label: string, value: string, period?: string | null, cls = "") => {
    const dd = el("dd", cls, value);
    if (period) dd.append(" ", el("span", "figure-period", period));
    figures.append(el("dt", cls, label), dd);
  };
  const kind = kindOf(indicator);
  const reading = (value: number, r: ReadingShape = {}) => readingText(report, indicator, lang, value, r);
  const periodOf = (period: string | null, at: string) => (period ? periodText(period, lang) : dateText(at, lang));
  if (report.status === "no_data" || c.actual === null) {
    row(name(lang, words.latest), name(lang, words.noData), null, "big");
  } else {
    const atDeadline = reading(c.actual, actualShape(c));
    if (c.deadlinePassed) row(name(lang, words.atDeadline), atDeadline, periodOf(c.actualPeriod, c.judgedAt), "big at-deadline");
    if (c.latest && (!c.deadlinePassed || c.latest.value !== c.actual || c.latest.period !== c.actualPeriod)) {
      row(name(lang, words.latest), reading(c.latest.value, c.latest), periodOf(c.latest.period, c.latest.at), `big latest`);
    }
  }
  row(name(lang, words.target), targetText(report, lang, indicator, kind));
  if (!c.rank && !c.parts && c.ratio !== null) {
    if (c.deadlinePassed) row(name(lang, words.rate), percentText(c.ratio));
    else {
      if (c.expected !== null) row(name(lang, words.pace), `${kind === "share" || kind === "amount" ? "" : lang === "zh" ? "约" : "about "}${figureText(c.expected, kind, indicator.unit, lang)}`);
      row(name(lang, words.ofPace), percentText(c.ratio));
    }
  }
  row(name(lang, words.deadline), c.deadlinePassed ? `${dateText(c.deadline, lang)} · ${name(lang, words.passed)}` : `${dateText(c.deadline, lang)} · ${words.monthsLeft[lang](String(Math.max(0, Math.round(c.monthsLeft))))}`);
  card.append(figures);
  if (report.movement) card.append(el("p", "target-movement", report.movement[lang]));

  // The parts as they stand today; one done after the deadline says so (逾期完成).
  const parts = c.latest?.parts ?? c.parts;
  if (parts) {
    const list = el("ul", "target-parts");
    for (const p of parts) {
      const late = p.done && p.since !== null && p.since > c.deadline;
      const li = el("li", p.done ? "done" : "pending", `${p.done ? "✔" : "○"} ${lang === "zh" ? p.zh : p.en}${late ? (lang === "zh" ? "（逾期完成）" : " (done late)") : ""}`);
      if (p.since) li.title = dateText(p.since, lang);
      list.append(li);
    }
    card.append(list);
  }
  card.append(el("p", "target-summary", report.summary[lang]));

  // The full derivation, the plan's words and our reading of them: one click away, not in the way.
  const details = el("details", "target-details");
  details.append(el("summary", "", name(lang, words.derivation)), el("p", "target-explain", report.explain[lang]));
  const planTarget = indicator.targets.find((x) => x.id === report.target);
  if (planTarget) {
    const quote = el("blockquote", "target-quote", name(lang, planTarget.quote));
    quote.append(el("cite", "", ` — ${t(lang, "planClause")} ${clauseText(planTarget.clause, lang)}`));
    details.append(quote);
  }
  if (c.setting) details.append(el("p", "target-setting", lang === "zh" ? c.setting.zh : c.setting.en));
  card.append(details);
  if (c.sample) card.append(el("p", "sample-tag", t(lang, "sampleMark")));
  return card;
}

type ReadingShape = { rank?: { rank: number; tied: boolean }; share?: { replicated: number; applicable: number } } & FigureWords;

/** The actual's shape for readingText: its rank or share, and the qualifier(s) it was published with. */
const actualShape = (c: TargetReport["components"]): ReadingShape => ({
  ...(c.rank ? { rank: c.rank } : {}),
  ...(c.share ? { share: c.share } : {}),
  ...actualWords(c),
});

function kindOf(indicator: IndicatorInfo): string {
  return indicator.kind ?? (indicator.unit.zh === "%" ? "share" : "count");
}

/** A figure of the target as the card words it: a rank, parts done, a share with its count, or a value with its unit. */
function readingText(report: TargetReport, indicator: IndicatorInfo, lang: Lang, value: number, r: ReadingShape = {}): string {
  const c = report.components;
  if (r.rank) return rankWords(r.rank, lang);
  if (c.parts) return lang === "zh" ? `${value}/${c.parts.length}项` : `${value} of ${c.parts.length}`;
  const figure = figureText(value, kindOf(indicator), indicator.unit, lang, r);
  if (r.share) return lang === "zh" ? `${figure}，${r.share.applicable}项中${r.share.replicated}项` : `${figure}, ${r.share.replicated} of ${r.share.applicable} items`;
  return figure;
}

/**
 * The card's headline figures in words, for a one-line summary of the target (the overview's first
 * screen): the latest figure (null when there is none) and the target, worded exactly as the card words them.
 */
export function targetFigureWords(report: TargetReport, indicator: IndicatorInfo, lang: Lang): { atDeadline: string | null; latest: string | null; latestPeriod: string | null; target: string } {
  const c = report.components;
  const l = c.latest;
  return {
    atDeadline: c.actual === null ? null : readingText(report, indicator, lang, c.actual, actualShape(c)),
    latest: l ? readingText(report, indicator, lang, l.value, l) : null,
    latestPeriod: l ? (l.period ? periodText(l.period, lang) : dateText(l.at, lang)) : null,
    target: targetText(report, lang, indicator, kindOf(indicator)),
  };
}

function targetText(r: TargetReport, lang: Lang, indicator: IndicatorInfo, kind: string): string {
  const c = r.components;
  if (c.comparator === "rank_at_most") return lang === "zh" ? `前${c.targetValue}名` : `top ${c.targetValue}`;
  if (c.comparator === "qualitative") return lang === "zh" ? "基本形成（依评估记录）" : "in place, by assessment";
  if (c.comparator === "all_done") return c.targetValue === 1 ? (lang === "zh" ? "完成" : "done") : lang === "zh" ? `${c.targetValue}项全部完成` : `all ${c.targetValue} done`;
  const v = figureText(c.targetValue ?? 0, kind, indicator.unit, lang);
  const cmp = { ">=": { zh: "不低于", en: "at least " }, "<=": { zh: "不高于", en: "at most " }, "=": { zh: "", en: "" } }[c.comparator as ">=" | "<=" | "="];
  return `${cmp?.[lang] ?? ""}${v}`;
}
