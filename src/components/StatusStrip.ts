// The targets' statuses at a glance: one horizontal bar split by status (symbol and count written in
// each wide enough segment), and under it every status's symbol, word and count, zeros included — so
// the status is never carried by colour alone. The counts are status.json's; nothing is added up here
// but the bar's layout.

import * as Plot from "@observablehq/plot";
import { colours, plot, sampleMark, statusOrder, statusStyle, type StatusCode, chartWidth } from "./chartKit.js";
import { t, type Lang } from "./i18n.js";

export type StatusCounts = Record<StatusCode, number>;

export interface StatusStripOptions {
  width?: number;
  lang?: Lang;
  /** status.json's `sample`: the statuses were computed from sample data. */
  sample?: boolean;
  document?: Document;
}

const barHeight = 30;
const lineHeight = 20;

export function StatusStrip(counts: StatusCounts, { width = 640, lang = "zh", sample = false, document }: StatusStripOptions = {}): SVGSVGElement | HTMLElement {
  width = chartWidth(width);
  const rows = statusOrder.map((code) => ({ code, count: counts[code] ?? 0, ...statusStyle[code], word: statusStyle[code][lang] }));
  const total = rows.reduce((a, r) => a + r.count, 0); // the bar's length, for layout only
  const shown = rows.filter((r) => r.count > 0);
  const columns = width >= 600 ? 6 : width >= 330 ? 3 : 2;
  const legendRows = Math.ceil(rows.length / columns);
  const marginLeft = 1;
  const marginRight = 1;
  const columnWidth = (width - marginLeft - marginRight) / columns;
  const marginBottom = 10 + legendRows * lineHeight + (sample ? 18 : 0);
  // A segment gets its own label when it is wide enough for "✔ 12".
  const labelled = new Set(shown.filter((r) => (r.count / total) * (width - marginLeft - marginRight) >= 30).map((r) => r.code));

  const ariaLabel = lang === "zh" ? "目标状态汇总" : "Summary of target statuses";
  const ariaDescription =
    lang === "zh"
      ? `共 ${total} 项目标：${rows.map((r) => `${r.word} ${r.count} 项`).join("，")}${sample ? "。样例数据，并非官方统计" : ""}。`
      : `${total} targets: ${rows.map((r) => `${r.word.toLowerCase()} ${r.count}`).join(", ")}${sample ? ". Sample data, not official figures" : ""}.`;

  return plot({
    document,
    width,
    height: 4 + barHeight + marginBottom,
    marginTop: 4,
    marginLeft,
    marginRight,
    marginBottom,
    ariaLabel,
    ariaDescription,
    x: { axis: null, domain: [0, Math.max(1, total)] },
    color: { type: "identity" },
    marks: [
      ...(total
        ? [
            Plot.barX(shown, Plot.stackX({ x: "count", fill: "colour", stroke: colours.background, strokeWidth: 1, title: (r: (typeof rows)[number]) => `${r.symbol} ${r.word} ${r.count}` })),
            // Stacked like the bars; a segment too narrow gets no text (empty texts are not drawn).
            Plot.text(
              shown,
              Plot.stackX({
                x: "count",
                text: (r: (typeof rows)[number]) => (labelled.has(r.code) ? `${r.symbol} ${r.count}` : null),
                fill: (r: (typeof rows)[number]) => (r.code === "no_data" ? "#1b1e23" : "#ffffff"),
                fontWeight: "bold",
                fontSize: 12,
              }),
            ),
          ]
        : [Plot.frame({ stroke: colours.faint, strokeDasharray: "4,3" }), Plot.text([t(lang, "noData")], { frameAnchor: "middle", fill: colours.muted, fontSize: 12 })]),
      // The legend: every status with its colour, symbol, word and count, zeros too.
      ...rows.flatMap((r, i) => {
        const dx = (i % columns) * columnWidth;
        const dy = 8 + Math.floor(i / columns) * lineHeight + lineHeight / 2;
        return [
          Plot.dot([r], { frameAnchor: "bottom-left", dx: dx + 6, dy, symbol: "square", r: 5, fill: r.colour }),
          Plot.text([r], { frameAnchor: "bottom-left", dx: dx + 15, dy, textAnchor: "start", text: (d: typeof r) => `${d.symbol} ${d.word} ${d.count}`, fill: colours.foreground, fontSize: 12, fontWeight: r.count > 0 ? "bold" : "normal", fillOpacity: r.count > 0 ? 1 : 0.7 }),
        ];
      }),
      ...(sample ? [sampleMark(lang, { frameAnchor: "bottom-right", dy: marginBottom - 3 })] : []),
    ],
  });
}
