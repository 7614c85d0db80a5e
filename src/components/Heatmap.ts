// Parks × indicators: each cell shaded by the park's value normalised within its indicator (0 = the
// lowest park, 1 = the highest, as the export computed it) and labelled with the value itself, so the
// shade is never the only carrier. Missing values are "—" on a neutral fill.

import * as Plot from "@observablehq/plot";
import { CHART_FONT, clampLines, colours, plot, pointValue, sampleMark, textWidth, wrapText, chartWidth } from "./chartKit.js";
import { formatNumber, type Lang } from "./i18n.js";

export interface HeatmapCell {
  /** The row: a park's name in the page's language. */
  row: string;
  /** The column: an indicator's name in the page's language. */
  column: string;
  value: number | null;
  /** The value normalised within its column, 0..1, from the export; null when missing. */
  normalised: number | null;
  sample?: boolean;
  /** The qualifier the figure was published with (约, 超 …): the cell says 约30, not 30. */
  qualifier?: string;
}

export interface HeatmapOptions {
  width?: number;
  lang?: Lang;
  /** Height of one row of cells. */
  cellHeight?: number;
  /** A row (a park's name as in the cells) outlined across its cells and marked ▶ in its label: the parks page's park selector. */
  highlightRow?: string;
  document?: Document;
}

// Words not in i18n.ts.
const words = {
  legend: { zh: "颜色深浅：同一指标内由低到高（按指标归一化）；— 为无数据", en: "Shade: low to high within each indicator (normalised per indicator); — is no data" },
};

/** Light to dark blue; text turns white on the darker half. */
const range = ["#deebf7", "#08519c"];

export function Heatmap(cells: HeatmapCell[], { width = 640, lang = "zh", cellHeight = 34, highlightRow, document }: HeatmapOptions = {}): SVGSVGElement | HTMLElement {
  width = chartWidth(width);
  const rows = [...new Set(cells.map((c) => c.row))];
  const columns = [...new Set(cells.map((c) => c.column))];
  const sample = cells.some((c) => c.sample);
  // A cell's value as written in it, in its tooltip and in the description: with its qualifier; "—" if missing.
  const cellText = (c: HeatmapCell) => (c.value === null ? formatNumber(null, lang) : pointValue({ value: c.value, qualifier: c.qualifier }, "", lang));
  const present = cells.filter((c) => c.value !== null && c.normalised !== null).map((c) => ({ ...c, text: cellText(c) }));
  const missing = cells.filter((c) => c.value === null || c.normalised === null);

  const marginLeft = Math.min(width * 0.3, Math.max(...rows.map((r) => textWidth(r)), 30) + 14);
  const rowLabels = new Map(rows.map((r) => [r, clampLines(r, marginLeft - 10, 2)]));
  const marginRight = 8;
  const columnWidth = (width - marginLeft - marginRight) / Math.max(1, columns.length);
  const headers = new Map(columns.map((c) => [c, clampLines(c, columnWidth - 8, 3, CHART_FONT, { bracketBreak: true })]));
  const headerLines = Math.max(1, ...[...headers.values()].map((h) => h.split("\n").length));
  const marginTop = 14 + headerLines * (CHART_FONT + 2);
  const legendLines = wrapText(words.legend[lang], width - 8).length;
  const marginBottom = 10 + legendLines * (CHART_FONT + 3) + (sample ? 18 : 0);
  const title = (c: HeatmapCell) => `${c.row} · ${c.column}: ${cellText(c)}`;

  return plot({
    document,
    width,
    height: marginTop + Math.max(1, rows.length) * cellHeight + marginBottom,
    marginLeft,
    marginRight,
    marginTop,
    marginBottom,
    ariaLabel: lang === "zh" ? `热力图：${rows.length} 个园区 × ${columns.length} 项指标，按指标归一化着色，格内为数值` : `Heatmap of ${rows.length} parks by ${columns.length} indicators, shaded per indicator, with the values written in the cells`,
    ariaDescription:
      (lang === "zh"
        ? columns.map((col) => `${col}：${cells.filter((c) => c.column === col).map((c) => `${c.row} ${cellText(c)}`).join("，")}`).join("；")
        : columns.map((col) => `${col}: ${cells.filter((c) => c.column === col).map((c) => `${c.row} ${cellText(c)}`).join(", ")}`).join("; ")) +
      (sample ? (lang === "zh" ? "。样例数据，并非官方统计。" : ". Sample data, not official figures.") : ""),
    x: { axis: "top", domain: columns, label: null, tickSize: 0, padding: 0.04, tickFormat: (c: string) => headers.get(c) ?? c },
    y: { domain: rows, label: null, tickSize: 0, padding: 0.06, tickFormat: (r: string) => `${r === highlightRow ? "▶ " : ""}${rowLabels.get(r) ?? r}` },
    color: { type: "linear", domain: [0, 1], range, interpolate: "hcl" },
    marks: [
      Plot.cell(present, { x: "column", y: "row", fill: "normalised", title }),
      Plot.cell(missing, { x: "column", y: "row", fill: colours.faintest, title }),
      ...(highlightRow ? [Plot.cell(cells.filter((c) => c.row === highlightRow), { x: "column", y: "row", fill: "none", stroke: colours.foreground, strokeWidth: 2.5 })] : []),
      // Values: dark text on the light half of the scale, white on the dark half.
      Plot.text(
        present.filter((c) => c.normalised! <= 0.5),
        { x: "column", y: "row", text: "text", fill: "#1b1e23", fontSize: CHART_FONT },
      ),
      Plot.text(
        present.filter((c) => c.normalised! > 0.5),
        { x: "column", y: "row", text: "text", fill: "#ffffff", fontSize: CHART_FONT, fontWeight: "bold" },
      ),
      Plot.text(missing, { x: "column", y: "row", text: () => "—", fill: colours.muted, fontSize: CHART_FONT }),
      Plot.text([words.legend[lang]], { frameAnchor: "bottom-left", lineAnchor: "top", dy: 8, text: (d: string) => wrapText(d, width - 8).join("\n"), textAnchor: "start", dx: 4 - marginLeft, fill: colours.muted }),
      ...(sample ? [sampleMark(lang, { frameAnchor: "bottom-right", dy: marginBottom - 3 })] : []),
    ],
  });
}
