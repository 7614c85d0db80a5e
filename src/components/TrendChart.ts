// One target's progress: the zone's actual values over time, the target at its deadline, the straight
// path from the plan's start to the target (what the status engine compares against), and the as-of
// date. Everything drawn comes from the export; the chart computes no status.

import * as Plot from "@observablehq/plot";
import { colours, markPoints, plot, pointValue, sampleMark, textWidth, timeTicks, utcDate, type SeriesPoint, chartWidth, timeFrame } from "./chartKit.js";
import { formatDate, formatNumber, name, periodText, t, type Lang } from "./i18n.js";

export interface TrendData {
  /** The zone's series from series-targets.json or an indicator's file (zoneCumulative for count and amount indicators). */
  points: SeriesPoint[];
  /** The plan's start, where the straight path begins ("2022-05-27"). */
  start: string;
  baseline: number | null;
  deadline: string;
  /** null for milestones and for indicators without a target: no target and no straight path. */
  targetValue: number | null;
  /** The target's comparator (">=", "<=", "=", …); "" when there is no target. */
  comparator: string;
  asOf: string;
  unit: { zh: string; en: string };
  /** A short name for the aria-label, e.g. "T23-1". */
  title?: string;
}

export interface TrendChartOptions {
  width?: number;
  height?: number;
  lang?: Lang;
  document?: Document;
}

const comparatorPrefix: Record<string, string> = { "<=": "≤ ", "=": "= ", rank_at_most: "≤ " };

export function TrendChart(data: TrendData, { width = 640, height = 300, lang = "zh", document }: TrendChartOptions = {}): SVGSVGElement | HTMLElement {
  width = chartWidth(width);
  const { points, start, baseline, deadline, targetValue, comparator, asOf, unit, title } = data;
  const unitText = name(lang, unit);
  const actual = points.map((p) => ({ ...p, date: utcDate(p.end) }));
  const sample = points.some((p) => p.sample);
  const hasTarget = targetValue !== null;
  const hasPath = hasTarget && baseline !== null;
  const targetText = hasTarget ? `${comparatorPrefix[comparator] ?? ""}${formatNumber(targetValue, lang)}` : "";
  const targetLabel = `${t(lang, "target")} ${targetText}`;

  const dates = [utcDate(start), utcDate(asOf), ...(hasTarget ? [utcDate(deadline)] : []), ...actual.map((p) => p.date)];
  const domain: [Date, Date] = [new Date(Math.min(...dates.map(Number))), new Date(Math.max(...dates.map(Number)))];
  const span = +domain[1] - +domain[0] || 1;
  const asOfDate = utcDate(asOf);
  const asOfRight = (+asOfDate - +domain[0]) / span > 0.6;
  const values = [0, ...actual.map((p) => p.value), ...(hasTarget ? [targetValue] : []), ...(hasPath ? [baseline] : [])];
  const top = Math.max(...values);
  // Whole numbers (parts, cases) get whole-number ticks.
  const whole = values.every(Number.isInteger) && top <= 10;
  const marginLeft = Math.max(40, Math.ceil(textWidth(formatNumber(top, lang)) + 22));
  const { ticks, tickFormat } = timeTicks(lang, domain, width - marginLeft - 20);

  const path = hasPath ? [{ date: utcDate(start), value: baseline }, { date: utcDate(deadline), value: targetValue }] : [];
  // The path's name sits left of the path, ending at its middle — or further along where the middle is
  // too near the y-axis for the name to fit (a phone's width), so that it never meets the axis' numbers.
  const plotWidth = width - marginLeft - 20;
  const xOf = (d: Date) => ((+d - +domain[0]) / span) * plotWidth;
  // Where even the last tenth of the path is too near the axis (a phone's width, a path over a short part
  // of the time axis), English says "Pace" instead of "Planned pace"; 序时进度 is short enough already.
  const fits = (label: string) => [0.5, 0.6, 0.7, 0.8, 0.9].find((f) => xOf(new Date(+path[0]!.date + f * (+path[1]!.date - +path[0]!.date))) >= textWidth(label) + 14);
  const paceLabel = hasPath && fits(t(lang, "pace")) === undefined && lang === "en" ? "Pace" : t(lang, "pace");
  const along = hasPath ? fits(paceLabel) ?? 0.9 : 0.5;
  const pathLabelAt = hasPath ? { date: new Date(+path[0]!.date + along * (+path[1]!.date - +path[0]!.date)), value: baseline + along * (targetValue - baseline) } : null;
  // The target's name goes above its ring, left of the deadline — below it where the series runs above
  // the target there (the line would cross the name).
  const deadlineDate = utcDate(deadline);
  const targetLabelSpan = (textWidth(targetLabel) + 12) / (plotWidth || 1) * span;
  const targetLabelBelow = hasTarget && actual.some((p) => +p.date >= +deadlineDate - targetLabelSpan && +p.date <= +deadlineDate && p.value > targetValue);
  const latest = actual.at(-1);

  const ariaLabel =
    lang === "zh"
      ? `${title ? `${title} ` : ""}进度图：实际值${hasTarget ? `与目标（${formatDate(deadline, lang)}前达到 ${targetText}）` : ""}`
      : `${title ? `${title}: ` : ""}progress chart of the actual values${hasTarget ? ` against the target (${targetText} by ${formatDate(deadline, lang)})` : ""}`;
  const ariaDescription =
    lang === "zh"
      ? [
          latest ? `共 ${actual.length} 个时期，最新 ${periodText(latest.period, lang)} 为 ${pointValue(latest, unitText, lang)}` : t(lang, "noData"),
          `截至 ${formatDate(asOf, lang)}`,
          hasPath ? "虚线为从方案起始日到目标的序时进度" : "",
          sample ? "样例数据，并非官方统计" : "",
        ]
          .filter(Boolean)
          .join("；") + "。"
      : [
          latest ? `${actual.length} periods, latest ${periodText(latest.period, lang)}: ${pointValue(latest, unitText, lang)}` : t(lang, "noData"),
          `as of ${formatDate(asOf, lang)}`,
          hasPath ? "the dashed line is the planned pace from the plan's start to the target" : "",
          sample ? "sample data, not official figures" : "",
        ]
          .filter(Boolean)
          .join("; ") + ".";

  const chart = plot({
    document,
    width,
    height,
    marginLeft,
    ...timeFrame(sample),
    ariaLabel,
    ariaDescription,
    x: { type: "utc", domain, ticks, tickFormat, label: null },
    y: { zero: true, nice: true, grid: true, label: unitText, insetTop: 24, tickFormat: (d: number) => formatNumber(d, lang), ...(whole ? { ticks: Math.max(1, top) } : {}), ...(top === 0 ? { domain: [0, 1] } : {}) },
    marks: [
      Plot.ruleY([0], { stroke: colours.faint }),
      // The straight path from (start, baseline) to (deadline, target), dashed, with its name.
      ...(hasPath
        ? [
            Plot.line(path, { x: "date", y: "value", stroke: colours.muted, strokeDasharray: "6,4", strokeWidth: 1.5 }),
            Plot.text([pathLabelAt!], { x: "date", y: "value", text: () => paceLabel, textAnchor: "end", dx: -6, dy: -10, fill: colours.muted, stroke: colours.background, strokeWidth: 3, paintOrder: "stroke" }),
          ]
        : []),
      // The as-of date, named above the frame: inside it, it met the target's name.
      Plot.ruleX([asOfDate], { stroke: colours.muted, strokeDasharray: "2,3" }),
      Plot.text([asOfDate], {
        x: (d: Date) => d,
        frameAnchor: "top",
        lineAnchor: "bottom",
        dy: -4,
        dx: asOfRight ? -4 : 4,
        textAnchor: asOfRight ? "end" : "start",
        text: () => `${t(lang, "asOf")} ${formatDate(asOf, lang)}`,
        fill: colours.muted,
        stroke: colours.background,
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
      // The target: a post at the deadline, a ring at the target value, and its label.
      ...(hasTarget
        ? [
            Plot.ruleX([utcDate(deadline)], { y1: 0, y2: targetValue, stroke: colours.foreground, strokeOpacity: 0.5 }),
            Plot.dot([{ date: utcDate(deadline), value: targetValue }], { x: "date", y: "value", r: 5, stroke: colours.foreground, strokeWidth: 2, fill: colours.background, title: () => (lang === "zh" ? `${targetLabel}（${formatDate(deadline, lang)}）` : `${targetLabel} (${formatDate(deadline, lang)})`) }),
            Plot.text([{ date: utcDate(deadline), value: targetValue }], { x: "date", y: "value", text: () => targetLabel, textAnchor: "end", dx: -4, dy: targetLabelBelow ? 14 : -14, fontWeight: "bold", fill: colours.foreground, stroke: colours.background, strokeWidth: 3, paintOrder: "stroke" }),
          ]
        : []),
      // The actual values at each period's end.
      Plot.line(actual, { x: "date", y: "value", stroke: colours.focus, strokeWidth: 2 }),
      Plot.dot(actual, { x: "date", y: "value", r: 3, fill: colours.focus, className: "actual-points", title: (p: (typeof actual)[number]) => `${periodText(p.period, lang)}${lang === "zh" ? "：" : ": "}${pointValue(p, unitText, lang)}` }),
      ...(actual.length ? [] : [Plot.text([t(lang, "noData")], { frameAnchor: "middle", fill: colours.muted, fontSize: 12 })]),
      // Under the date ticks: inside the frame it met the target's name (T23-1 at 390 px wide).
      ...(sample ? [sampleMark(lang, { frameAnchor: "bottom-right", dy: 38 })] : []),
    ],
  });
  markPoints(chart, actual);
  return chart;
}
