// One indicator park by park: a small panel per park on a shared y scale (so panels compare), the
// park's name and latest value in its panel, and the park's own target where the registry sets one.

import * as Plot from "@observablehq/plot";
import { CHART_FONT, colours, plot, pointValue, sampleMark, textWidth, timeTicks, truncate, utcDate, type SeriesPoint, chartWidth } from "./chartKit.js";
import { formatNumber, name, periodText, t, type Lang } from "./i18n.js";

export interface ParkSmallMultiplesData {
  /** The parks in the order to show, with their names. */
  parks: { code: string; name: { zh: string; en: string } }[];
  /** Each park's own series (series-parks.json or an indicator file: series.entities[code]); a park with no entry or no points shows 暂无数据. */
  series: Record<string, SeriesPoint[]>;
  unit: { zh: string; en: string };
  /** Park code → that park's target value, drawn as a rule in its panel. */
  perEntityTargets?: Record<string, number>;
}

export interface ParkSmallMultiplesOptions {
  width?: number;
  lang?: Lang;
  /** Panels per row; by default as many as fit 240 px each, at most 3. */
  columns?: number;
  /** Height of one panel's plot area. */
  panelHeight?: number;
  /** A park's code: its panel framed in the foreground colour (the parks page's park selector). */
  highlight?: string;
  document?: Document;
}

export function ParkSmallMultiples(
  data: ParkSmallMultiplesData,
  { width = 640, lang = "zh", columns, panelHeight = 124, highlight, document }: ParkSmallMultiplesOptions = {},
): SVGSVGElement | HTMLElement {
  width = chartWidth(width);
  const { parks, series, unit, perEntityTargets = {} } = data;
  const unitText = name(lang, unit);
  const cols = Math.max(1, Math.min(parks.length || 1, columns ?? Math.min(3, Math.floor(width / 240))));
  const rows = Math.max(1, Math.ceil(parks.length / cols));
  const panels = parks.map((p, i) => ({ code: p.code, name: name(lang, p.name), fx: i % cols, fy: Math.floor(i / cols) }));
  const points = panels.flatMap((p) => (series[p.code] ?? []).map((d) => ({ ...d, park: p.name, fx: p.fx, fy: p.fy, date: utcDate(d.end) })));
  const latest = panels.flatMap((p) => {
    const last = (series[p.code] ?? []).at(-1);
    return last ? [{ ...p, text: `${periodText(last.period, lang)}${lang === "zh" ? "：" : ": "}${pointValue(last, "", lang)}` }] : [];
  });
  const empty = panels.filter((p) => !(series[p.code] ?? []).length);
  const targets = panels.filter((p) => typeof perEntityTargets[p.code] === "number").map((p) => ({ ...p, value: perEntityTargets[p.code]! }));
  const sample = points.some((d) => d.sample);
  const dense = Math.max(0, ...panels.map((p) => (series[p.code] ?? []).length)) > 24;

  const top = Math.max(0, ...points.map((d) => d.value), ...targets.map((d) => d.value));
  const whole = [...points, ...targets].every((d) => Number.isInteger(d.value));
  const marginLeft = Math.max(40, Math.ceil(textWidth(formatNumber(top, lang)) + 22));
  const marginRight = 12;
  const panelWidth = (width - marginLeft - marginRight) / cols;
  const dates = points.map((d) => +d.date);
  const xDomain: [Date, Date] | undefined = dates.length ? [new Date(Math.min(...dates)), new Date(Math.max(...dates))] : undefined;
  const time = xDomain ? timeTicks(lang, xDomain, panelWidth * 0.85) : undefined;
  const marginBottom = 30 + (sample ? 18 : 0);

  const halo = { stroke: colours.background, strokeWidth: 3, paintOrder: "stroke" } as const;
  return plot({
    document,
    width,
    height: 28 + rows * (panelHeight + 30) + marginBottom,
    marginLeft,
    marginRight,
    marginTop: 28,
    marginBottom,
    ariaLabel: lang === "zh" ? `各园区${unitText ? `（${unitText}）` : ""}分面折线图，共 ${parks.length} 个园区，纵轴相同` : `Small multiples of ${parks.length} parks${unitText ? ` (${unitText})` : ""} on a shared y scale`,
    ariaDescription:
      (lang === "zh"
        ? latest.map((p) => `${p.name} ${p.text}`).join("；") + (empty.length ? `；暂无数据：${empty.map((p) => p.name).join("、")}` : "")
        : latest.map((p) => `${p.name} ${p.text}`).join("; ") + (empty.length ? `; no data: ${empty.map((p) => p.name).join(", ")}` : "")) +
      (sample ? (lang === "zh" ? "。样例数据，并非官方统计。" : ". Sample data, not official figures.") : ""),
    fx: { axis: null, padding: 0.08, domain: [...Array(cols).keys()] },
    fy: { axis: null, padding: 0.22, domain: [...Array(rows).keys()] },
    ...(xDomain && time ? { x: { type: "utc" as const, domain: xDomain, ticks: time.ticks, tickFormat: time.tickFormat, label: null, insetLeft: 6, insetRight: 6 } } : {}),
    y: { zero: true, nice: true, grid: true, ticks: whole ? Math.max(1, Math.min(3, top)) : 3, label: unitText, insetTop: 38, tickFormat: (d: number) => formatNumber(d, lang), ...(top === 0 ? { domain: [0, 1] } : {}) },
    marks: [
      Plot.frame({ stroke: colours.faintest }),
      // The selected park's panel, framed; the other charts of the page mark the same park.
      ...(highlight ? [Plot.rect(panels.filter((p) => p.code === highlight), { fx: "fx", fy: "fy", stroke: colours.foreground, strokeWidth: 2.5, fill: "none" })] : []),
      ...(xDomain ? [Plot.ruleY(panels, { y: () => 0, fx: "fx", fy: "fy", stroke: colours.faint })] : []),
      ...(targets.length
        ? [
            Plot.ruleY(targets, { y: "value", fx: "fx", fy: "fy", stroke: colours.foreground, strokeDasharray: "4,3", strokeOpacity: 0.7 }),
            Plot.text(targets, { y: "value", fx: "fx", fy: "fy", frameAnchor: "right", textAnchor: "end", lineAnchor: "bottom", dx: -4, dy: -3, text: (d: (typeof targets)[number]) => `${t(lang, "target")} ${formatNumber(d.value, lang)}`, fill: colours.foreground, ...halo }),
          ]
        : []),
      Plot.lineY(points, { x: "date", y: "value", fx: "fx", fy: "fy", z: "park", stroke: colours.focus, strokeWidth: 1.5 }),
      Plot.dot(dense ? points.filter((d, i) => points[i + 1]?.park !== d.park) : points, {
        x: "date",
        y: "value",
        fx: "fx",
        fy: "fy",
        r: 2.5,
        fill: colours.focus,
        title: (d: (typeof points)[number]) => `${d.park} ${periodText(d.period, lang)}${lang === "zh" ? "：" : ": "}${pointValue(d, unitText, lang)}`,
      }),
      // Each panel's name and, under it, its latest value (top left, over the data): both lines have the
      // panel's whole width, so a park's name is not cut at 12 px on a phone.
      Plot.text(panels, { fx: "fx", fy: "fy", frameAnchor: "top-left", lineAnchor: "top", dx: 4, dy: 4, text: (d: (typeof panels)[number]) => truncate(d.name, panelWidth - 12, CHART_FONT), fontSize: CHART_FONT, fontWeight: "bold", fill: colours.foreground, ...halo }),
      Plot.text(latest, { fx: "fx", fy: "fy", frameAnchor: "top-left", lineAnchor: "top", textAnchor: "start", dx: 4, dy: 4 + CHART_FONT + 4, text: "text", fill: colours.muted, ...halo }),
      ...(empty.length ? [Plot.text(empty, { fx: "fx", fy: "fy", frameAnchor: "middle", text: () => t(lang, "noData"), fill: colours.muted, fontSize: 12 })] : []),
      ...(sample ? [sampleMark(lang, { frameAnchor: "bottom-right", dy: marginBottom - 2, facet: "super" })] : []),
    ],
  });
}
