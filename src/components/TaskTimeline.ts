// The four lists' tasks on a timeline: each task's deadline against the as-of date, grouped by list,
// its status as a symbol and a word (never colour alone), overdue tasks marked 逾期 / overdue, tasks
// done after their deadline 逾期完成 / completed late (pipeline/status/boards.ts decides both).

import * as Plot from "@observablehq/plot";
import type { TaskRow as BoardTaskRow } from "../../pipeline/status/boards.ts";
import { CHART_FONT, chartWidth, plot, textWidth, timeTicks, truncate } from "./chartKit.js";
import { formatDate, type Lang } from "./i18n.js";

export type TaskStatusCode = "not_started" | "in_progress" | "done" | "cancelled" | "no_report";

export const taskStatusStyle: Record<TaskStatusCode, { symbol: string; colour: string; zh: string; en: string }> = {
  done: { symbol: "✔", colour: "#2e7d32", zh: "已完成", en: "Done" },
  in_progress: { symbol: "◐", colour: "#1565c0", zh: "推进中", en: "In progress" },
  not_started: { symbol: "○", colour: "#616161", zh: "未启动", en: "Not started" },
  cancelled: { symbol: "—", colour: "#757575", zh: "已取消", en: "Cancelled" },
  no_report: { symbol: "?", colour: "#757575", zh: "未报送", en: "Not reported" },
};

/** The fields of a task board row (pipeline/status/boards.ts) the timeline draws. */
export type TaskRow = Pick<BoardTaskRow, "id" | "list" | "title" | "deadline" | "status" | "overdue" | "sample"> & Partial<Pick<BoardTaskRow, "late">>;

/** Overdue and completed late in the words and colours every view of a task uses (5.6:1 and 6.0:1 on white). */
export const overdueStyle = { colour: "#c62828", zh: "逾期", en: "overdue" } as const;
export const lateStyle = { colour: "#a14a00", zh: "逾期完成", en: "completed late" } as const;

/**
 * A task's status in words, never colour alone: ✔ 逾期完成 for a task done late; an overdue one says
 * its status and 逾期 (◐ 推进中（逾期）), or only ◐ 逾期 where room is short (`short`, the timeline).
 */
export function taskStateText(t: TaskRow, lang: Lang, { short = false } = {}): string {
  const s = taskStatusStyle[t.status];
  if (t.late) return `${s.symbol} ${lateStyle[lang]}`;
  if (t.overdue) return short ? `${s.symbol} ${overdueStyle[lang]}` : `${s.symbol} ${s[lang]}${lang === "zh" ? "（逾期）" : " (overdue)"}`;
  return `${s.symbol} ${s[lang]}`;
}

export interface TaskTimelineOptions {
  width?: number;
  lang: Lang;
  asOf: string;
  /** List code → name in the page's language, in the order to show. */
  listNames: Map<string, string>;
  document?: Document;
}

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

export function TaskTimeline(tasks: TaskRow[], { width = 800, lang, asOf, listNames, document }: TaskTimelineOptions): SVGSVGElement | HTMLElement {
  width = chartWidth(width);
  const rows = tasks.map((t) => ({
    ...t,
    when: date(t.deadline),
    // Task titles are the analysts' Chinese: an English chart names the task by its id (the table beside it quotes the title).
    label: lang === "zh" ? `${t.id} ${t.title}` : t.id,
    group: listNames.get(t.list) ?? t.list,
    mark: taskStateText(t, lang, { short: true }),
    colour: t.late ? lateStyle.colour : t.overdue ? overdueStyle.colour : taskStatusStyle[t.status].colour,
  }));
  const sample = rows.some((r) => r.sample);
  // One row per task, grouped by list in the lists' order, then by deadline.
  const order = [...listNames.keys()];
  rows.sort((a, b) => order.indexOf(a.list) - order.indexOf(b.list) || (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : 1));
  // Month and year ticks in the page's language (2024年6月, not Jun).
  const times = [...rows.map((r) => +r.when), +date(asOf)];
  // Room for the labels and the status words: at most 40 % and 25 % of the width, so that a phone's
  // 360 px still leaves the timeline most of the chart; labels are cut to their room, whole on hover.
  const asOfRight = +date(asOf) >= (Math.min(...times) + Math.max(...times)) / 2;
  const marginLeft = Math.min(260, Math.round(width * 0.4));
  const marginRight = Math.min(110, Math.max(...rows.map((r) => textWidth(r.mark)), 40) + 14, Math.round(width * 0.25));
  const { ticks, tickFormat } = timeTicks(lang, [new Date(Math.min(...times)), new Date(Math.max(...times))], width - marginLeft - marginRight);
  return plot({
    document,
    width,
    height: (sample ? 80 : 60) + rows.length * 22,
    marginLeft,
    marginRight,
    // Room under the axis for the sample mark: inside the frame it sat on the last task's row.
    ...(sample ? { marginBottom: 50 } : {}),
    ariaLabel: lang === "zh" ? "任务完成时限时间线" : "Timeline of task deadlines",
    ariaDescription: lang === "zh" ? `共 ${rows.length} 项任务，逾期 ${rows.filter((r) => r.overdue).length} 项，逾期完成 ${rows.filter((r) => r.late).length} 项` : `${rows.length} tasks, ${rows.filter((r) => r.overdue).length} overdue, ${rows.filter((r) => r.late).length} completed late`,
    x: { type: "utc", label: lang === "zh" ? "完成时限" : "Deadline", grid: true, ticks, tickFormat },
    y: { label: null, domain: rows.map((r) => `${r.group} · ${r.label}`), // The list's name leads each label where it fits; on a phone the task (its id first) keeps the room.
    tickFormat: (d: string) => truncate(textWidth(d) <= marginLeft - 10 ? d : d.slice(d.indexOf(" · ") + 3), marginLeft - 10, CHART_FONT) },
    marks: [
      Plot.ruleX([date(asOf)], { stroke: "currentColor", strokeDasharray: "4,3" }),
      // The date itself beside its line ("截至" alone said nothing), on the side with room.
      Plot.text([date(asOf)], { x: (d: Date) => d, frameAnchor: "top", dy: -8, dx: asOfRight ? -4 : 4, textAnchor: asOfRight ? "end" : "start", text: () => (lang === "zh" ? `截至${formatDate(asOf, lang)}` : `As of ${formatDate(asOf, lang)}`), fill: "currentColor" }),
      Plot.dot(rows, { x: "when", y: (d) => `${d.group} · ${d.label}`, fill: "colour", r: 5, title: (d) => `${d.label}\n${formatDate(d.deadline, lang)}\n${d.mark}` }),
      Plot.text(rows, { x: "when", y: (d) => `${d.group} · ${d.label}`, text: "mark", dx: 9, textAnchor: "start", fill: "colour" }),
      ...(sample ? [Plot.text([lang === "zh" ? "样例数据" : "SAMPLE DATA"], { frameAnchor: "bottom-left", lineAnchor: "bottom", dx: 4, dy: 46, textAnchor: "start", fill: "#9e9e9e", fontSize: CHART_FONT })] : []),
    ],
  });
}
