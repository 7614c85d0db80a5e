// A table of data with its CSV download: every cell set as text (never HTML), numbers right-aligned
// in the page's language form, and the same rows downloadable for Excel/WPS.

import { csvDownloadButton } from "./download.js";
import { formatNumber, type Lang } from "./i18n.js";
import { bilingualPart, isChineseOriginal, markOriginal } from "./original.js";

export interface Column<Row> {
  key: keyof Row & string;
  label: string;
  /** Numbers are right-aligned and formatted; in the CSV they stay plain numbers. */
  number?: boolean;
  /** How the cell reads on the page (the CSV keeps the raw value). */
  format?: (value: Row[keyof Row], row: Row) => string;
  /** Text from the data as written (titles, evidence): Chinese on an English page is marked as an untranslated original. */
  original?: boolean;
  /** Codes, hashes and file:line references, shown as code (not words of either language). */
  code?: boolean;
  /** The cell as a link to this address (a figure's source publication); plain text where it gives none. */
  href?: (row: Row) => string | null | undefined;
}

export interface DataTableOptions<Row> {
  columns: Column<Row>[];
  lang: Lang;
  filename: string;
  caption?: string;
  /** At most this many rows on the page (all of them go into the CSV). */
  limit?: number;
  /** Rows shown before "show all": a long table is collapsed to this many, with its total and a button. */
  pageSize?: number;
  /** What the CSV button saves, when it is more than the columns shown (the indicator page: every field of each figure). */
  download?: { header: string[]; rows: (string | number | null)[][] };
  document?: Document;
}

export function DataTable<Row extends Record<string, unknown>>(rows: Row[], { columns, lang, filename, caption, limit = 500, pageSize = 50, download, document = globalThis.document }: DataTableOptions<Row>): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "data-table-wrap";
  const table = document.createElement("table");
  table.className = "data-table";
  if (caption) table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.textContent = c.label;
    if (c.number) th.className = "num";
    head.append(th);
  }
  const body = table.createTBody();
  const shown = rows.slice(0, limit);
  // A long table is collapsed: the first pageSize rows, then one button naming the total (not a
  // 9,000 px page). The rest are in the DOM, hidden, so "show all" needs no redraw.
  const collapsed = shown.length > pageSize + 10;
  for (const [i, row] of shown.entries()) {
    const tr = body.insertRow();
    if (collapsed && i >= pageSize) tr.hidden = true;
    for (const c of columns) {
      const td = tr.insertCell();
      const v = row[c.key];
      const text = c.format ? c.format(v, row) : c.number && typeof v === "number" ? formatNumber(v, lang) : v === null || v === undefined ? "" : String(v);
      const href = text ? c.href?.(row) : null;
      if (c.code && text) td.append(Object.assign(document.createElement("code"), { textContent: text }));
      else if (href) td.append(Object.assign(document.createElement("a"), { href, rel: "noopener noreferrer", textContent: c.original ? bilingualPart(text, lang) : text }));
      else td.textContent = c.original ? bilingualPart(text, lang) : text;
      if (c.number) td.className = "num";
      if (c.original && isChineseOriginal(td.textContent ?? "", lang)) markOriginal(td, lang);
    }
  }
  if (rows.length > limit) {
    const more = document.createElement("p");
    more.textContent = lang === "zh" ? `仅显示前 ${limit} 行，共 ${rows.length} 行；完整数据请下载 CSV。` : `Showing the first ${limit} of ${rows.length} rows; download the CSV for all.`;
    wrap.append(more);
  }
  const csv = csvDownloadButton(
    download?.header ?? columns.map((c) => c.label),
    download?.rows ?? rows.map((r) => columns.map((c) => r[c.key] as string | number | null)),
    { filename, lang, document },
  );
  wrap.prepend(csv);
  wrap.append(table);
  // A table of no rows would show its header alone, which reads as a page that failed: say so under it.
  if (!rows.length) wrap.append(Object.assign(document.createElement("p"), { className: "table-empty", textContent: lang === "zh" ? "暂无数据。" : "No data yet." }));
  if (collapsed) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "show-all";
    button.textContent = lang === "zh" ? `显示全部 ${shown.length} 行（当前显示前 ${pageSize} 行）` : `Show all ${shown.length} rows (showing the first ${pageSize})`;
    button.addEventListener("click", () => {
      for (const tr of body.rows) tr.hidden = false;
      button.remove();
    });
    wrap.append(button);
  }
  return wrap;
}
