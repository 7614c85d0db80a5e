// What the charts share: dates at UTC midnight, time ticks in each language, the sample-data mark, the
// status palette (always paired with a symbol and a word), theme colours with fallbacks for a standalone
// SVG, and a rough text width for margins and wrapping. Nothing here computes a status or a sum.

import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import { formatNumber, t, type Lang } from "./i18n.js";
import { formatValue, inexactNote } from "./pipeline.js";

export type { Lang };

/** One point of a series as the export writes it (series-targets.json, series-parks.json, indicators/<id>.json) (zone, zoneCumulative or an entity's). */
export interface SeriesPoint {
  period: string;
  start: string;
  end: string;
  value: number;
  sample: boolean;
  /** For sums over parks: how many parks reported the period. */
  parts?: number;
  /** A figure published with a qualifier keeps it: 约30 is drawn at 30 and said as 约30. */
  qualifier?: string;
  /** A total (over parks, or since the plan's start) names the qualifiers of the figures in it. */
  qualified?: string[];
}

/**
 * pointValue(p, unit, lang): a point's value as a label or tooltip says it — with the qualifier it was
 * published with (约 30 个 · about 30), and for a total holding qualified figures, which ones
 * (120 亿元（含非确数（约、超））). A chart never says a bare number a publication did not.
 */
export function pointValue(p: Pick<SeriesPoint, "value" | "qualifier" | "qualified">, unit: string, lang: Lang): string {
  const number = formatValue(p.value, p.qualifier ?? null, lang, (v: number) => formatNumber(v, lang));
  const note = inexactNote(p.qualified ?? [], lang);
  const text = unit ? `${number} ${unit}` : number;
  return note ? (lang === "zh" ? `${text}（${note}）` : `${text} (${note})`) : text;
}

export { statusOrder, statusStyle, type StatusCode } from "./statusStyle.js";

/** Theme colours: Framework's CSS variables, with the light theme's values when they are not defined. */
export const colours = {
  foreground: "currentColor",
  muted: "var(--theme-foreground-muted, #6d6d6d)",
  faint: "var(--theme-foreground-faint, #a0a0a0)",
  faintest: "var(--theme-foreground-faintest, #e3e3e3)",
  focus: "var(--theme-foreground-focus, #3b5fc0)",
  background: "var(--theme-background, #ffffff)",
  sample: "#9e9e9e",
} as const;

/**
 * The size of chart text, in px as drawn: every chart is drawn at its container's width (scale 1), so
 * this is what a reader sees; 11 px is the least the browser test accepts.
 */
export const CHART_FONT = 12;

/**
 * Plot.plot with the charts' common finish: text at CHART_FONT (Plot's default is 10 px), and Plot's
 * own English names of its marks ("dot", "y-axis tick") moved from aria-label to data-mark: a screen
 * reader reads the chart's own aria-label and description (in the page's language), and ARIA does
 * not allow a label on a plain <g>.
 */
export function plot(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  const chart = Plot.plot({ ...options, style: { fontSize: `${CHART_FONT}px` } });
  for (const g of chart.querySelectorAll("g[aria-label]")) {
    g.setAttribute("data-mark", g.getAttribute("aria-label")!);
    g.removeAttribute("aria-label");
  }
  return chart;
}

/**
 * Writes each drawn point's figure and period on its element (data-value, data-period), in the order
 * drawn: what a reader hovers is what a test can read, and the last one is the latest figure.
 */
export function markPoints(chart: Element, points: { value: number; period: string }[]): void {
  const circles = chart.querySelectorAll(".actual-points circle");
  circles.forEach((c, i) => {
    const p = points[i];
    if (!p) return;
    c.setAttribute("data-value", String(p.value));
    c.setAttribute("data-period", p.period);
  });
}

/** "2023-06-30" → the Date at UTC midnight of that day. */
export function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/**
 * The sample-data mark: light grey text inside the plot, so that a screenshot of the chart alone never
 * looks official. Anchored to a corner of the frame (or of the whole figure for facet "super").
 */
export function sampleMark(
  lang: Lang,
  { frameAnchor = "top-right", dx = 0, dy = 0, facet }: { frameAnchor?: Plot.FrameAnchor; dx?: number; dy?: number; facet?: "super" } = {},
): Plot.Markish {
  const right = frameAnchor.endsWith("right");
  const left = frameAnchor.endsWith("left");
  return Plot.text([t(lang, "sampleMark")], {
    frameAnchor,
    dx: dx || (right ? -6 : left ? 6 : 0),
    dy: dy || (frameAnchor.startsWith("top") ? 4 : frameAnchor.startsWith("bottom") ? -4 : 0),
    textAnchor: right ? "end" : left ? "start" : "middle",
    lineAnchor: frameAnchor.startsWith("top") ? "top" : frameAnchor.startsWith("bottom") ? "bottom" : "middle",
    fill: colours.sample,
    fillOpacity: 0.9,
    fontSize: CHART_FONT,
    fontWeight: "bold",
    ...(facet ? { facet } : {}),
  });
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Ticks for a UTC time axis `width` pixels wide: the finest of 1, 3, 6 months (for spans up to two and a
 * half years) or 1, 2, 5 years that fits, labelled 2023年 / 2023 for years and 2023年6月 / Jun 2023 for months.
 */
export function timeTicks(lang: Lang, [lo, hi]: [Date, Date], width: number): { ticks: d3.TimeInterval; tickFormat: (d: Date) => string } {
  const room = Math.max(2, Math.floor(width / (lang === "zh" ? 64 : 70)));
  const candidates: [d3.TimeInterval, boolean][] = [
    [d3.utcMonth.every(1)!, false],
    [d3.utcMonth.every(3)!, false],
    [d3.utcMonth.every(6)!, false],
    [d3.utcYear.every(1)!, true],
    [d3.utcYear.every(2)!, true],
    [d3.utcYear.every(5)!, true],
  ];
  // Spans of more than two and a half years read best in whole years.
  const long = +hi - +lo > 30 * 30.44 * 86_400_000;
  const [ticks, years] = candidates.find(([interval, y]) => (y || !long) && interval.range(lo, new Date(+hi + 1)).length <= room) ?? candidates.at(-1)!;
  const tickFormat = years
    ? (d: Date) => (lang === "zh" ? `${d.getUTCFullYear()}年` : `${d.getUTCFullYear()}`)
    : (d: Date) => (lang === "zh" ? `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月` : `${monthNames[d.getUTCMonth()]} ${d.getUTCFullYear()}`);
  return { ticks, tickFormat };
}

const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** A rough width in pixels of `text` at `fontSize`: CJK and full-width characters are 1 em, others about 0.6 em. */
export function textWidth(text: string, fontSize = CHART_FONT): number {
  let em = 0;
  // Generous, so that margins fit the widest common fonts (DejaVu Sans is wider than Noto Sans).
  for (const ch of text) em += wide.test(ch) ? 1 : /[A-Z@%#&mwMW]/.test(ch) ? 0.76 : /[il.,:;'|!\s]/.test(ch) ? 0.32 : 0.62;
  return em * fontSize;
}

/** `text` cut to `maxWidth` pixels with an ellipsis. */
export function truncate(text: string, maxWidth: number, fontSize = CHART_FONT): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  let out = "";
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, fontSize) > maxWidth) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/**
 * `text` in lines of at most `maxWidth` pixels, broken between words and between CJK characters; with
 * `bracketBreak`, always before an opening bracket (a period such as （2026-09） goes on its own line).
 */
export function wrapText(text: string, maxWidth: number, fontSize = CHART_FONT, { bracketBreak = false } = {}): string[] {
  const tokens = text.match(/[（(][^）)]*[）)]?|[\u2e80-\ua4cf\uf900-\ufaff\uff00-\uff60]|[^\s\u2e80-\ua4cf\uf900-\ufaff\uff00-\uff60（(]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    const bracket = bracketBreak && /^[（(]/.test(token);
    if (line && (bracket || textWidth(`${line}${token}`.trimEnd(), fontSize) > maxWidth)) {
      lines.push(line.trimEnd());
      line = "";
    }
    line += line ? token : token.trimStart();
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** `text` wrapped to at most `lines` lines of `maxWidth` pixels, the last one cut with an ellipsis. */
export function clampLines(text: string, maxWidth: number, lines = 2, fontSize = CHART_FONT, options: { bracketBreak?: boolean } = {}): string {
  const wrapped = wrapText(text, maxWidth, fontSize, options);
  if (wrapped.length <= lines) return wrapped.join("\n");
  const kept = wrapped.slice(0, lines - 1);
  return [...kept, truncate(`${wrapped.slice(lines - 1).join(" ")}`, maxWidth, fontSize)].join("\n");
}

/**
 * chartWidth(width) is never narrower than 280 px: Framework's reactive width can be 0 while a page
 * lays out, and a chart's margins would then give negative sizes (console errors, an empty chart).
 * 280 is a phone's narrowest column (a 320 px screen less the page's padding): a higher floor draws
 * a chart in a card wider than the card, and the browser shrinks its text below 11 px to fit.
 */
export const MIN_CHART_WIDTH = 280;

/**
 * The frame of a chart over time (TrendChart, RankChart): room above it for the as-of date's name and
 * under the axis for the sample mark, where it meets no data.
 */
export function timeFrame(sample: boolean): { marginRight: number; marginBottom: number; marginTop: number } {
  return { marginRight: 20, marginBottom: sample ? 44 : 30, marginTop: 28 };
}
export function chartWidth(width: number): number {
  return Math.max(MIN_CHART_WIDTH, Number.isFinite(width) ? width : 640);
}
