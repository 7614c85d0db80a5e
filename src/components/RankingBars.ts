// A ranking as horizontal bars, largest first: value labels at the bar ends, the highlighted row (this
// zone) in a distinct colour and marked in words, and an optional "top N" line under the Nth bar.

import * as Plot from "@observablehq/plot";
import { clampLines, colours, plot, pointValue, sampleMark, textWidth, chartWidth } from "./chartKit.js";
import { formatNumber, name, type Lang } from "./i18n.js";

export interface RankingRow {
  label: string;
  value: number;
  /** This zone (or the row the page is about): drawn in a distinct colour and marked ◀ 本区. */
  highlight?: boolean;
  sample?: boolean;
  /** The qualifier the figure was published with (约, 超 …): its label says 约30, not 30. */
  qualifier?: string;
}

export interface RankingBarsOptions {
  width?: number;
  lang?: Lang;
  unit?: { zh: string; en: string };
  /** Draw a line between rank `threshold` and the next, labelled 前 N 名 / top N. */
  threshold?: number;
  /** The highlighted row's marker, if not ◀ 本区 / ◀ this zone. */
  highlightLabel?: { zh: string; en: string };
  document?: Document;
}

// Words not in i18n.ts.
const words = {
  thisZone: { zh: "◀ 本区", en: "◀ this zone" },
  top: { zh: (n: number) => `前 ${n} 名`, en: (n: number) => `top ${n}` },
};

const padding = 0.2;

export function RankingBars(rows: RankingRow[], { width = 640, lang = "zh", unit, threshold, highlightLabel, document }: RankingBarsOptions = {}): SVGSVGElement | HTMLElement {
  width = chartWidth(width);
  const marker = name(lang, highlightLabel ?? words.thisZone);
  const unitText = unit ? name(lang, unit) : "";
  // Largest first; rows with equal values keep the order they came in.
  const sorted = [...rows].sort((a, b) => b.value - a.value).map((r, i) => ({ ...r, i, text: `${pointValue(r, "", lang)}${r.highlight ? ` ${marker}` : ""}` }));
  type Row = (typeof sorted)[number];
  const n = sorted.length;
  const sample = sorted.some((r) => r.sample);
  const line = threshold !== undefined && threshold >= 1 && threshold < n ? threshold : null;
  const topText = line === null ? "" : words.top[lang](line);
  // The line goes under the last row ranked within the top N, ranks shared by equal values (11, 11 are
  // both 3rd: 并列第3): under the Nth bar it would put a row tied for Nth outside the top N.
  const cut = line === null ? null : sorted.filter((r) => 1 + sorted.filter((s) => s.value > r.value).length <= line).length;
  const drawLine = cut !== null && cut < n;

  // Room for the labels: the widest label, up to 40 % of the width; longer labels wrap onto two lines.
  const labelRoom = Math.min(width * 0.4, Math.max(40, ...sorted.map((r) => textWidth(r.label))) + 14);
  const labels = sorted.map((r) => clampLines(r.label, labelRoom - 12, 2));
  const rowHeight = labels.some((l) => l.includes("\n")) ? 30 : 24;
  const marginRight = Math.max(36, ...sorted.map((r) => textWidth(r.text) * (r.highlight ? 1.1 : 1) + 14), line === null ? 0 : textWidth(topText) + 10);
  const marginTop = 34;
  const marginBottom = sample ? 24 : 8;
  const height = marginTop + Math.max(1, n) * rowHeight + marginBottom;
  // The band step, to put the top-N line halfway between two bars.
  const step = (Math.max(1, n) * rowHeight) / (Math.max(1, n) + padding);

  const highlighted = sorted.find((r) => r.highlight);
  const ariaLabel = lang === "zh" ? `排名条形图，共 ${n} 项，按数值从高到低${unitText ? `（${unitText}）` : ""}` : `Ranking of ${n} rows by value, highest first${unitText ? ` (${unitText})` : ""}`;
  const ariaDescription =
    lang === "zh"
      ? [
          sorted.map((r) => `${r.label} ${pointValue(r, "", lang)}`).join("，"),
          highlighted ? `本区为第 ${highlighted.i + 1} 条` : "",
          line !== null ? `横线标出${topText}` : "",
          sample ? "样例数据，并非官方统计" : "",
        ]
          .filter(Boolean)
          .join("；") + "。"
      : [
          sorted.map((r) => `${r.label} ${pointValue(r, "", lang)}`).join(", "),
          highlighted ? `this zone is bar ${highlighted.i + 1}` : "",
          line !== null ? `a line marks the ${topText}` : "",
          sample ? "sample data, not official figures" : "",
        ]
          .filter(Boolean)
          .join("; ") + ".";

  const halo = { stroke: colours.background, strokeWidth: 3, paintOrder: "stroke" } as const;
  return plot({
    document,
    width,
    height,
    marginLeft: labelRoom,
    marginRight,
    marginTop,
    marginBottom,
    ariaLabel,
    ariaDescription,
    x: { axis: "top", grid: true, zero: true, nice: true, label: unitText || null, tickFormat: (d: number) => formatNumber(d, lang), ticks: Math.max(2, Math.floor((width - labelRoom - marginRight) / 80)) },
    y: { domain: sorted.map((r) => r.i), padding, label: null, tickSize: 0, tickFormat: (i: number) => labels[i]! },
    marks: [
      Plot.barX(sorted, {
        x: "value",
        y: "i",
        fill: (r: Row) => (r.highlight ? colours.focus : colours.faint),
        fillOpacity: (r: Row) => (r.highlight ? 1 : 0.55),
        title: (r: Row) => `${r.label}: ${pointValue(r, unitText, lang)}`,
      }),
      Plot.ruleX([0], { stroke: colours.foreground }),
      // Value labels at the bar ends (left of a negative bar's end), the highlighted one bold.
      ...[false, true].flatMap((bold) =>
        [true, false].map((ahead) =>
          Plot.text(
            sorted.filter((r) => !!r.highlight === bold && r.value >= 0 === ahead),
            { x: "value", y: "i", text: "text", textAnchor: ahead ? "start" : "end", dx: ahead ? 4 : -4, fill: colours.foreground, fontWeight: bold ? "bold" : "normal" },
          ),
        ),
      ),
      ...(drawLine
        ? [
            // The line runs into the right margin and stops short of its label.
            Plot.ruleY([cut! - 1], { y: (d: number) => d, dy: step / 2, stroke: colours.foreground, strokeDasharray: "5,3", insetRight: textWidth(topText) * 1.1 + 10 - marginRight }),
            Plot.text([cut! - 1], { y: (d: number) => d, dy: step / 2, frameAnchor: "right", textAnchor: "end", dx: marginRight - 4, text: () => topText, fill: colours.foreground, fontWeight: "bold", ...halo }),
          ]
        : []),
      ...(sample ? [sampleMark(lang, { frameAnchor: "bottom-right", dy: marginBottom - 4, dx: marginRight - 4 })] : []),
    ],
  });
}
