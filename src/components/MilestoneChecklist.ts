// A milestone target as a dated checklist: one row per part, a mark on the day it was reported done
// (or an open ring on its due date while it is not), the due date and the as-of date as lines, and each
// row's state in a symbol and a word at the right — 按期完成 · 逾期完成 · 未到期 · 逾期未完成 — never by colour
// alone. The rows and their states come from the status engine (status/overview.ts milestoneSchedule).

import * as Plot from "@observablehq/plot";
import type { PartState, ScheduleRow } from "../../pipeline/status/overview.ts";
import { chartWidth, clampLines, colours, plot, sampleMark, textWidth, timeTicks, utcDate } from "./chartKit.js";
import { formatDate, type Lang } from "./i18n.js";

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface ChecklistData {
  rows: ScheduleRow[];
  start: string;
  deadline: string;
  asOf: string;
  sample: boolean;
  title?: string;
}

export const partStateStyle: Record<PartState, { symbol: string; colour: string; zh: string; en: string }> = {
  done: { symbol: "✔", colour: "#2e7d32", zh: "按期完成", en: "Done on time" },
  done_late: { symbol: "✔", colour: "#a84b00", zh: "逾期完成", en: "Done late" },
  pending: { symbol: "○", colour: "#1565c0", zh: "未到期", en: "Not yet due" },
  overdue: { symbol: "✖", colour: "#c62828", zh: "逾期未完成", en: "Overdue" },
};

/** rowHeight: the height of a row of two-line labels (paper takes 26; one-line rows are 24 at most). */
export function MilestoneChecklist({ rows, start, deadline, asOf, sample, title }: ChecklistData, { width = 640, rowHeight = 32, lang = "zh", document }: { width?: number; rowHeight?: number; lang?: Lang; document?: Document } = {}): SVGSVGElement | HTMLElement {
  width = chartWidth(width);
  const stateText = (s: PartState) => `${partStateStyle[s].symbol} ${partStateStyle[s][lang]}`;
  // Done when, in words under the state: the month the part was first reported done.
  const monthText = (iso: string) => (lang === "zh" ? `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月` : `${monthNames[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`);
  const stateLines = (r: ScheduleRow) => (r.doneOn ? `${stateText(r.state)}\n${monthText(r.doneOn)}` : stateText(r.state));
  const marginRight = Math.ceil(Math.max(...rows.flatMap((r) => stateLines(r).split("\n").map((l) => textWidth(l))), 40)) + 14;
  // Part names wrap to two lines in at most 38 % of the width: a phone keeps room for the dates.
  const marginLeft = Math.min(200, Math.round(width * 0.38));
  const names = new Map(rows.map((r) => [r.code, clampLines(lang === "zh" ? r.zh : r.en, marginLeft - 12, 2)]));
  const lineCount = Math.max(1, ...[...names.values()].map((n) => n.split("\n").length), ...rows.map((r) => stateLines(r).split("\n").length));
  const drawn = rows.map((r) => ({ ...r, name: lang === "zh" ? r.zh : r.en, at: utcDate(r.doneOn ?? (r.state === "overdue" ? asOf : r.due)), colour: partStateStyle[r.state].colour }));
  const dates = [utcDate(start), utcDate(deadline), utcDate(asOf), ...drawn.map((r) => r.at)];
  const domain: [Date, Date] = [new Date(Math.min(...dates.map(Number))), new Date(Math.max(...dates.map(Number)))];
  const { ticks, tickFormat } = timeTicks(lang, domain, width - marginLeft - marginRight);
  const done = drawn.filter((r) => r.doneOn !== null);
  const open = drawn.filter((r) => r.doneOn === null);
  const late = drawn.filter((r) => r.state === "done_late" || r.state === "overdue").length;
  const chart = plot({
    document,
    width,
    height: (sample ? 70 : 56) + rows.length * (lineCount > 1 ? rowHeight : Math.min(24, rowHeight)),
    marginLeft,
    marginRight,
    marginTop: 28,
    // Room under the date ticks for the sample mark: inside the frame it would sit on the last row.
    marginBottom: sample ? 44 : 30,
    ariaLabel: lang === "zh" ? `${title ? `${title} ` : ""}完成情况清单：各项何时完成、何时到期` : `${title ? `${title}: ` : ""}checklist of its parts, when each was done and when it was due`,
    ariaDescription:
      lang === "zh"
        ? `共 ${rows.length} 项，已完成 ${done.length} 项，其中逾期完成 ${drawn.filter((r) => r.state === "done_late").length} 项；截止 ${formatDate(deadline, lang)}。${sample ? "样例数据，并非官方统计。" : ""}`
        : `${rows.length} parts, ${done.length} done (${drawn.filter((r) => r.state === "done_late").length} late); due ${formatDate(deadline, lang)}.${sample ? " Sample data, not official figures." : ""}`,
    x: { type: "utc", domain, ticks, tickFormat, label: null, grid: true },
    y: { domain: drawn.map((r) => r.code), tickFormat: (code: string) => names.get(code) ?? code, label: null },
    marks: [
      // The due date (all parts share the target's deadline) and the as-of date, named above the frame.
      Plot.ruleX([utcDate(deadline)], { stroke: colours.foreground, strokeOpacity: 0.6 }),
      Plot.text([utcDate(deadline)], { x: (d: Date) => d, frameAnchor: "top", dy: -14, textAnchor: "end", dx: 4, text: () => `${lang === "zh" ? "截止" : "Due"} ${formatDate(deadline, lang)}`, fill: colours.foreground }),
      Plot.ruleX([utcDate(asOf)], { stroke: colours.muted, strokeDasharray: "2,3" }),
      // Done: a filled mark on the day it was reported done. Not done: an open ring where it stands now.
      Plot.dot(done, { x: "at", y: "code", r: 5, fill: "colour", className: "done-points", title: (r: (typeof drawn)[number]) => `${r.name}\n${lang === "zh" ? "完成于" : "Done"} ${formatDate(r.doneOn!, lang)} · ${stateText(r.state)}` }),
      Plot.dot(open, { x: "at", y: "code", r: 5, stroke: "colour", strokeWidth: 2, fill: colours.background, title: (r: (typeof drawn)[number]) => `${r.name}\n${lang === "zh" ? "截止" : "Due"} ${formatDate(r.due, lang)} · ${stateText(r.state)}` }),
      Plot.text(drawn, { frameAnchor: "right", y: "code", dx: 10, textAnchor: "start", text: (r: (typeof drawn)[number]) => stateLines(r), fill: "colour", fontWeight: late ? "bold" : "normal" }),
      ...(sample ? [sampleMark(lang, { frameAnchor: "bottom-right", dy: 38 })] : []),
    ],
  });
  // The count a test compares with the card: the parts drawn as done.
  chart.setAttribute("data-done", String(done.length));
  return chart;
}
