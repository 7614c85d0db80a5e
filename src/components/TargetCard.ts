// One plan target as leadership reads it: the status in words, a symbol and a colour (never colour
// alone), actual against target, the expected pace, and the time left. Everything shown comes from
// the status engine's components; nothing is computed here. Data text is set as text, never as HTML.

import type { TargetStatus } from "../../pipeline/status/targets.ts";
import { statusStyle } from "./statusStyle.js";
import { formatDate, formatNumber, name, t, type Lang } from "./i18n.js";

export { statusStyle, type StatusCode } from "./statusStyle.js";

/** A target's status as the export writes it: the engine's status with its explanation in both languages. */
export type TargetReport = TargetStatus & { explain: { zh: string; en: string } };

export interface IndicatorInfo {
  id: string;
  name: { zh: string; en: string };
  unit: { zh: string; en: string };
  targets: { id: string; clause: string; quote: { zh: string; en: string } }[];
}

export interface TargetCardOptions {
  lang: Lang;
  indicator: IndicatorInfo;
  /** Where the indicator's own page is, relative to this page. */
  href?: string;
  document?: Document;
}

const comparatorText: Record<string, { zh: string; en: string }> = {
  ">=": { zh: "≥", en: "≥" },
  "<=": { zh: "≤", en: "≤" },
  "=": { zh: "=", en: "=" },
  rank_at_most: { zh: "前", en: "top" },
  all_done: { zh: "全部完成", en: "all done" },
  qualitative: { zh: "定性目标", en: "qualitative" },
};

export function TargetCard(report: TargetReport, { lang, indicator, href, document = globalThis.document }: TargetCardOptions): HTMLElement {
  const el = (tag: string, cls?: string, text?: string) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const c = report.components;
  const style = statusStyle[report.status];
  const unit = name(lang, indicator.unit);
  const card = el("article", `target-card status-${report.status}`);
  card.dataset.target = report.target;
  card.style.setProperty("--status-colour", style.colour);

  const head = el("header");
  const title = el(href ? "a" : "span", "target-title");
  if (href) title.setAttribute("href", href);
  title.append(el("span", "target-id", report.target), el("span", "target-name", name(lang, indicator.name)));
  const word = el("span", "status-word", `${style.symbol} ${style[lang]}`);
  word.setAttribute("role", "status");
  head.append(title, word);
  card.append(head);

  const figures = el("dl", "target-figures");
  const row = (label: string, value: string, cls = "") => {
    const dt = el("dt", cls, label);
    const dd = el("dd", cls, value);
    figures.append(dt, dd);
  };
  row(t(lang, "actual"), actualText(report, lang, unit), "big");
  row(t(lang, "target"), targetText(report, lang, unit));
  if (c.expected !== null && !c.parts && !c.rank) row(t(lang, "expected"), `${formatNumber(c.expected, lang)} ${unit}`);
  if (c.ratio !== null && !c.parts) row(t(lang, "ratio"), formatNumber(c.ratio, lang));
  row(t(lang, "deadline"), c.deadlinePassed ? `${formatDate(c.deadline, lang)}（${t(lang, "deadlinePassed")}）` : `${formatDate(c.deadline, lang)} · ${formatNumber(c.monthsLeft, lang, 1)} ${lang === "zh" ? "个月" : "months left"}`);
  if (c.paceNeeded !== null) row(t(lang, "paceNeeded"), `${formatNumber(c.paceNeeded, lang)} ${unit}`);
  if (c.projection !== null) row(t(lang, "projection"), `${formatNumber(c.projection, lang, 1)} ${unit}`);
  card.append(figures);

  if (c.parts) {
    const list = el("ul", "target-parts");
    for (const p of c.parts) {
      const li = el("li", p.done ? "done" : "pending", `${p.done ? "✔" : "○"} ${lang === "zh" ? p.zh : p.en}`);
      if (p.since) li.title = formatDate(p.since, lang);
      list.append(li);
    }
    card.append(list);
  }
  const planTarget = indicator.targets.find((x) => x.id === report.target);
  if (planTarget) {
    const quote = el("blockquote", "target-quote", name(lang, planTarget.quote));
    quote.append(el("cite", "", ` — ${t(lang, "planClause")} ${planTarget.clause}`));
    card.append(quote);
  }
  if (c.setting) card.append(el("p", "target-setting", `${t(lang, "settingNote")}: ${lang === "zh" ? c.setting.zh : c.setting.en}`));
  card.append(el("p", "target-explain", report.explain[lang]));
  if (c.sample) card.append(el("p", "sample-tag", t(lang, "sampleMark")));
  return card;
}

function actualText(r: TargetReport, lang: Lang, unit: string): string {
  const c = r.components;
  if (r.status === "no_data" || c.actual === null) return t(lang, "noData");
  if (c.rank) return lang === "zh" ? `第 ${c.rank.rank} 名（共 ${c.rank.of}）` : `rank ${c.rank.rank} of ${c.rank.of}`;
  if (c.parts) return lang === "zh" ? `${c.actual} / ${c.parts.length} 项` : `${c.actual} of ${c.parts.length}`;
  if (c.share) return `${formatNumber(c.actual, lang, 1)}%（${c.share.replicated}/${c.share.applicable}）`;
  return `${formatNumber(c.actual, lang)} ${unit}`;
}

function targetText(r: TargetReport, lang: Lang, unit: string): string {
  const c = r.components;
  const cmp = comparatorText[c.comparator]?.[lang] ?? c.comparator;
  if (c.comparator === "rank_at_most") return lang === "zh" ? `前 ${c.targetValue} 名` : `top ${c.targetValue}`;
  if (c.comparator === "all_done" || c.comparator === "qualitative") return cmp;
  return `${cmp} ${formatNumber(c.targetValue, lang)} ${unit}`;
}
