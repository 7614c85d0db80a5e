// Downloads, with no dependency and no network: a chart as SVG or PNG (the SVG drawn on a canvas at 2×),
// any text (Blob + a temporary <a download>), and table rows as the same spreadsheet CSV the pipeline
// writes (UTF-8 with a BOM, CRLF, formulas neutralised).

import { spreadsheetCsv } from "./pipeline.js";
import { t, type Lang } from "./i18n.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const XLINK_NS = "http://www.w3.org/1999/xlink";

/**
 * A downloaded chart is read outside the page: on white, in the light theme's colours, whatever theme
 * the page was in. currentColor and the theme variables the charts use are set on the root.
 */
const standaloneStyle = [
  "color: #1b1e23",
  "background: #ffffff",
  "--theme-foreground: #1b1e23",
  "--theme-foreground-focus: #3b5fc0",
  "--theme-foreground-muted: #6d6d6d",
  "--theme-foreground-faint: #a0a0a0",
  "--theme-foreground-faintest: #e3e3e3",
  "--theme-background: #ffffff",
  "--theme-background-alt: #f5f5f5",
].join("; ");

/** The chart's <svg>: the element itself, or the first top-level <svg> inside it (not a legend swatch). */
export function chartSvg(chart: Element): SVGSVGElement | null {
  if (chart.localName === "svg") return chart as SVGSVGElement;
  const all = [...chart.querySelectorAll("svg")].filter((s) => !s.parentElement?.closest("svg"));
  return all.find((s) => s.hasAttribute("aria-label")) ?? all.at(-1) ?? null;
}

/** The size the chart is drawn at: its width and height attributes, else its viewBox. */
export function svgSize(svg: Element): { width: number; height: number } {
  const box = (svg.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
  const width = Number(svg.getAttribute("width")) || box[2] || 640;
  const height = Number(svg.getAttribute("height")) || box[3] || 400;
  return { width, height };
}

/**
 * serializeSvg(svg) → a standalone SVG file's text: the XML declaration, the SVG and XLink namespaces,
 * an explicit width and height, the light theme's colours, and a white background rect drawn first.
 * The page's element is not changed (a copy is serialised).
 */
export function serializeSvg(svg: Element, { background = "#ffffff" }: { background?: string } = {}): string {
  const doc = svg.ownerDocument;
  const copy = svg.cloneNode(true) as Element;
  const { width, height } = svgSize(svg);
  copy.setAttributeNS(XMLNS_NS, "xmlns", SVG_NS);
  copy.setAttributeNS(XMLNS_NS, "xmlns:xlink", XLINK_NS);
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  if (!copy.hasAttribute("viewBox")) copy.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const style = copy.getAttribute("style");
  copy.setAttribute("style", style ? `${style.replace(/;?\s*$/, "; ")}${standaloneStyle}` : standaloneStyle);
  const rect = doc.createElementNS(SVG_NS, "rect");
  rect.setAttribute("class", "chart-background");
  rect.setAttribute("x", "0");
  rect.setAttribute("y", "0");
  rect.setAttribute("width", "100%");
  rect.setAttribute("height", "100%");
  rect.setAttribute("fill", background);
  copy.insertBefore(rect, copy.firstChild);
  const Serializer = doc.defaultView?.XMLSerializer ?? XMLSerializer;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new Serializer().serializeToString(copy)}\n`;
}

/** Draws the SVG on a canvas at `scale` × its size, on white, and returns the PNG. Needs a browser. */
export async function svgToPng(svg: Element, scale = 2): Promise<Blob> {
  const doc = svg.ownerDocument;
  const view = doc.defaultView ?? window;
  const { width, height } = svgSize(svg);
  const url = view.URL.createObjectURL(new view.Blob([serializeSvg(svg)], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = new view.Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("the chart's SVG could not be drawn as an image"));
      image.src = url;
    });
    const canvas = doc.createElement("canvas");
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the canvas made no PNG"))), "image/png"));
  } finally {
    view.URL.revokeObjectURL(url);
  }
}

/** Saves a Blob as `filename` through a temporary <a download>. */
export function downloadBlob(blob: Blob, filename: string, doc: Document = document): void {
  const view = doc.defaultView ?? window;
  const url = view.URL.createObjectURL(blob);
  const a = doc.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoked a moment later: some browsers start the download only after the click returns.
  view.setTimeout(() => view.URL.revokeObjectURL(url), 1000);
}

/** downloadText(text, "x.csv", "text/csv;charset=utf-8") saves the text as a file. */
export function downloadText(text: string, filename: string, mime = "text/plain;charset=utf-8", doc: Document = document): void {
  const view = doc.defaultView ?? window;
  downloadBlob(new view.Blob([text], { type: mime }), filename, doc);
}

/** A file name without its extension and without characters Windows refuses. */
function baseName(filename: string): string {
  return filename.replace(/\.(svg|png|csv)$/i, "").replace(/[\\/:*?"<>|\s]+/g, "-") || "chart";
}

function button(doc: Document, label: string, onClick: () => void | Promise<void>): HTMLButtonElement {
  const b = doc.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      await onClick();
      b.removeAttribute("title");
    } catch (error) {
      b.title = error instanceof Error ? error.message : String(error);
      console.error(error);
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

export interface ChartDownloadsOptions {
  /** The file name without extension: `${filename}.svg`, `${filename}.png`. */
  filename: string;
  lang?: Lang;
}

/**
 * chartDownloads(chart, {filename, lang}) → <div class="chart-downloads"> with 下载 SVG / Download SVG and
 * 下载 PNG / Download PNG buttons for the chart's <svg> (the chart itself, or the <svg> inside it).
 */
export function chartDownloads(chart: Element, { filename, lang = "zh" }: ChartDownloadsOptions): HTMLElement {
  const doc = chart.ownerDocument;
  const name = baseName(filename);
  const svg = () => {
    const found = chartSvg(chart);
    if (!found) throw new Error("no SVG in the chart");
    return found;
  };
  const div = doc.createElement("div");
  div.className = "chart-downloads";
  div.append(
    button(doc, t(lang, "downloadSvg"), () => {
      const view = doc.defaultView ?? window;
      downloadBlob(new view.Blob([serializeSvg(svg())], { type: "image/svg+xml;charset=utf-8" }), `${name}.svg`, doc);
    }),
    button(doc, t(lang, "downloadPng"), async () => downloadBlob(await svgToPng(svg(), 2), `${name}.png`, doc)),
  );
  return div;
}

export interface CsvDownloadOptions {
  /** The file name; ".csv" is added when missing. */
  filename: string;
  lang?: Lang;
  document?: Document;
}

/** csvDownloadButton(header, rows, {filename, lang}) → a 下载 CSV / Download CSV button saving spreadsheetCsv(header, rows). */
export function csvDownloadButton(header: string[], rows: (string | number | null)[][], { filename, lang = "zh", document: doc = document }: CsvDownloadOptions): HTMLButtonElement {
  const b = button(doc, t(lang, "downloadCsv"), () => downloadText(spreadsheetCsv(header, rows), `${baseName(filename)}.csv`, "text/csv;charset=utf-8", doc));
  b.className = "csv-download";
  return b;
}
