// A rank target over time: the zone's rank among its peers in every reported period (1 at the top),
// the threshold the plan sets (前3名) as a line, the deadline and the as-of date. The points are the
// status engine's rankHistory, read as the card reads its rank: the last point is the card's latest.

import * as Plot from "@observablehq/plot";
import type { RankPoint } from "../../pipeline/status/targets.ts";
import { rankWords } from "../../pipeline/status/rank.ts";
import { chartWidth, colours, markPoints, plot, sampleMark, timeTicks, utcDate, timeFrame } from "./chartKit.js";
import { formatDate, periodText, type Lang } from "./i18n.js";

export interface RankData {
  points: RankPoint[];
  /** The plan's threshold: at most this rank (3 for 前3名). */
  threshold: number;
  start: string;
  deadline: string;
  asOf: string;
  /** For the aria-label, e.g. "T23-2 争取市级以上权限下放数量". */
  title?: string;
}

export interface RankChartOptions {
  width?: number;
  height?: number;
  lang?: Lang;
  document?: Document;
}

export function RankChart({ points, threshold, start, deadline, asOf, title }: RankData, { width = 640, height = 260, lang = "zh", document }: RankChartOptions = {}): SVGSVGElement | HTMLElement {
  width = chartWidth(width);
  const drawn = points.map((p) => ({ ...p, date: utcDate(p.end), words: rankWords(p, lang) }));
  const sample = points.some((p) => p.sample);
  const worst = Math.max(threshold + 1, ...points.map((p) => p.of), ...points.map((p) => p.rank));
  const dates = [utcDate(start), utcDate(asOf), utcDate(deadline), ...drawn.map((p) => p.date)];
  const domain: [Date, Date] = [new Date(Math.min(...dates.map(Number))), new Date(Math.max(...dates.map(Number)))];
  const marginLeft = lang === "zh" ? 56 : 48;
  const { ticks, tickFormat } = timeTicks(lang, domain, width - marginLeft - 20);
  const last = drawn.at(-1);
  const thresholdText = lang === "zh" ? `目标：前${threshold}名` : `Target: top ${threshold}`;
  // The threshold's label sits on the side of its line away from the latest point, so the two never meet.
  const labelBelow = !last || last.rank <= threshold;
  const asOfRight = (+utcDate(asOf) - +domain[0]) / (+domain[1] - +domain[0] || 1) > 0.6;
  const chart = plot({
    document,
    width,
    height,
    marginLeft,
    ...timeFrame(sample),
    ariaLabel: lang === "zh" ? `${title ? `${title} ` : ""}排名变化图（第1名在上）` : `${title ? `${title}: ` : ""}rank over time (1st at the top)`,
    ariaDescription:
      lang === "zh"
        ? `${last ? `共 ${drawn.length} 个时期，最新 ${periodText(last.period, lang)} ${last.words}（共${last.of}个）` : "暂无数据"}；${thresholdText}，截止 ${formatDate(deadline, lang)}。${sample ? "样例数据，并非官方统计。" : ""}`
        : `${last ? `${drawn.length} periods, latest ${periodText(last.period, lang)}: ${last.words} of ${last.of}` : "No data"}; ${thresholdText.toLowerCase()} by ${formatDate(deadline, lang)}.${sample ? " Sample data, not official figures." : ""}`,
    x: { type: "utc", domain, ticks, tickFormat, label: null },
    // Rank 1 at the top: the axis is reversed, every whole rank a tick.
    y: { domain: [worst + 0.5, 0.5], ticks: Array.from({ length: worst }, (_, i) => i + 1).filter((r) => worst <= 12 || r === 1 || r % 2 === 1), tickFormat: (r: number) => (lang === "zh" ? `第${r}名` : `#${r}`), label: null, grid: true },
    marks: [
      // The band the target asks for, and its edge.
      Plot.rectY([0], { x1: domain[0], x2: domain[1], y1: 0.5, y2: threshold + 0.5, fill: colours.focus, fillOpacity: 0.06 }),
      Plot.ruleY([threshold + 0.5], { stroke: colours.foreground, strokeOpacity: 0.6, strokeDasharray: "6,4" }),
      Plot.text([thresholdText], { frameAnchor: "left", y: threshold + 0.5, dx: 6, dy: labelBelow ? 10 : -10, textAnchor: "start", fontWeight: "bold", fill: colours.foreground, stroke: colours.background, strokeWidth: 3, paintOrder: "stroke" }),
      Plot.ruleX([utcDate(deadline)], { stroke: colours.foreground, strokeOpacity: 0.5 }),
      Plot.ruleX([utcDate(asOf)], { stroke: colours.muted, strokeDasharray: "2,3" }),
      // The as-of date above the frame: inside it, it would meet the points at the top ranks.
      Plot.text([utcDate(asOf)], { x: (d: Date) => d, frameAnchor: "top", dy: -14, textAnchor: asOfRight ? "end" : "start", text: () => `${lang === "zh" ? "截至" : "As of"} ${formatDate(asOf, lang)}`, fill: colours.muted }),
      Plot.line(drawn, { x: "date", y: "rank", stroke: colours.focus, strokeWidth: 2, curve: "step-after" }),
      Plot.dot(drawn, { x: "date", y: "rank", r: 4, fill: colours.focus, className: "actual-points", title: (p: (typeof drawn)[number]) => `${periodText(p.period, lang)}${lang === "zh" ? "：" : ": "}${p.words}${lang === "zh" ? `（共${p.of}个）` : ` of ${p.of}`}` }),
      ...(drawn.length ? [] : [Plot.text([lang === "zh" ? "暂无数据" : "No data"], { frameAnchor: "middle", fill: colours.muted })]),
      // Under the date ticks: inside the frame it met the target's name (T23-1 at 390 px wide).
      ...(sample ? [sampleMark(lang, { frameAnchor: "bottom-right", dy: 38 })] : []),
    ],
  });
  markPoints(chart, drawn.map((p) => ({ value: p.rank, period: p.period })));
  return chart;
}

