// The overview's first screen: every target on one line — its status in a symbol and a word, its name
// (the code after it, small), the latest figure with its period and the target — each line a link to
// the target's card and chart further down. Words and figures are the card's own (targetFigureWords).

import { setStatusColours, statusStyle } from "./statusStyle.js";
import { targetFigureWords, type IndicatorInfo, type TargetReport } from "./TargetCard.js";
import { name, type Lang } from "./i18n.js";
import { metLate } from "../../pipeline/status/overview.ts";

export interface StatusBoardOptions {
  lang: Lang;
  indicatorOf: (id: string) => IndicatorInfo;
  /** The address of a target's details on the page ("#target-T23-1"). */
  hrefOf: (target: string) => string;
  document?: Document;
}

export function StatusBoard(targets: TargetReport[], { lang, indicatorOf, hrefOf, document = globalThis.document }: StatusBoardOptions): HTMLElement {
  const el = (tag: string, cls?: string, text?: string) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const list = el("ol", "status-board");
  for (const r of targets) {
    const indicator = indicatorOf(r.indicator);
    const style = statusStyle[r.status];
    const f = targetFigureWords(r, indicator, lang);
    const item = el("li", `board-row status-${r.status}`);
    item.dataset.target = r.target;
    setStatusColours(item, style);
    const link = el("a", "board-link");
    link.setAttribute("href", hrefOf(r.target));
    const title = el("span", "board-name", name(lang, indicator.name));
    // Missed at the deadline but reached since: the verdict stands, and the line says it was reached late.
    if (metLate(r)) title.append(" ", el("span", "board-late", lang === "zh" ? "逾期完成" : "reached late"));
    link.append(el("span", "board-status", `${style.symbol} ${style[lang]}`), title, el("span", "board-id", r.target));
    const figures = el("span", "board-figures");
    // Each figure a piece that never breaks inside ("目\n标" at a narrow width); pieces wrap between them.
    const piece = (label: string, value: string, period?: string | null) => {
      const p = el("span", "board-piece", `${label} `);
      p.append(el("b", "", value));
      if (period) p.append(" ", el("span", "board-period", period));
      if (figures.childNodes.length) figures.append(" · ");
      figures.append(p);
    };
    const c = r.components;
    // After the deadline, the figure that decided the verdict comes first: the latest alone would contradict it.
    if (c.deadlinePassed && f.atDeadline && f.atDeadline !== f.latest) piece(lang === "zh" ? "截止时" : "at the deadline", f.atDeadline);
    if (f.latest) piece(lang === "zh" ? "最新" : "latest", f.latest, f.latestPeriod);
    else piece("", lang === "zh" ? "暂无数据" : "no data");
    piece(lang === "zh" ? "目标" : "target", f.target);
    link.append(figures);
    item.append(link);
    list.append(item);
  }
  return list;
}
