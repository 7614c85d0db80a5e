// What the parks page shows instead of empty charts when its period range cannot be drawn: a start
// after the end, or a range with no figures up to the as-of date. One sentence in the page's
// language saying what is wrong and what to do; the charts that do not depend on the range stay.

import { formatDate, periodText, type Lang } from "./i18n.js";

export type RangeProblem = "reversed" | "empty";

/** rangeProblem(from, to, series): "reversed" when from is after to, "empty" when no park has a figure in it, else null. */
export function rangeProblem(from: string, to: string, series: Record<string, readonly unknown[]>): RangeProblem | null {
  if (from > to) return "reversed";
  return Object.values(series).every((points) => points.length === 0) ? "empty" : null;
}

export interface RangeNoticeOptions {
  lang: Lang;
  from: string;
  to: string;
  asOf: string;
  document?: Document;
}

/** The notice for a range problem: a status message (read out when it appears). */
export function RangeNotice(problem: RangeProblem, { lang, from, to, asOf, document = globalThis.document }: RangeNoticeOptions): HTMLElement {
  const [f, t, d] = [periodText(from, lang), periodText(to, lang), formatDate(asOf, lang)];
  const p = document.createElement("p");
  p.className = `range-notice range-${problem}`;
  p.setAttribute("role", "status");
  p.textContent =
    problem === "reversed"
      ? lang === "zh"
        ? `所选起始时期（${f}）晚于截止时期（${t}），无法绘图：请把“起”改为不晚于“止”的时期。`
        : `The chosen start (${f}) is after the end (${t}), so there is nothing to draw: choose a start no later than the end.`
      : lang === "zh"
        ? `${f}至${t}期间，截至${d}各园区均没有该指标的数据：请选择其他时期或查看日期。`
        : `No park has a figure for this indicator from ${f} to ${t} as of ${d}: choose other periods or another as-of date.`;
  return p;
}
