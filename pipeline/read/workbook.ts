// Workbook bytes (.xlsx, .xls) → one grid of cell texts per sheet, written as the CSV parser would have
// read the same table saved as CSV: the rules after this (validate/) never know which it was.
//
// The library is SheetJS 0.20.3 as republished on npm by @e965/xlsx (Apache-2.0, no dependencies): it
// reads both .xlsx and the older .xls, runs unchanged in Node and in the browser, and 0.20.x fixes the
// two published advisories of the registry's own `xlsx` 0.18.5 (prototype pollution CVE-2023-30533,
// ReDoS CVE-2024-22363). It is ≈ 360 KB minified, so the browser loads it only when a workbook is
// dropped (src/components/workbook.js, made by pipeline/site/bundle.ts); Node imports it only when a
// workbook is among the files (sheets.ts). Nothing here may import a Node-only module.

import { read, SSF, utils, type CellObject, type WorkBook, type WorkSheet } from "@e965/xlsx";
import { problem } from "../problems.ts";
import type { Sheet, SheetsRead } from "./sheets.ts";

/** Rows and columns read at most per sheet: a real analysts' sheet is far smaller; a damaged one can claim a million rows. */
const MAX_ROWS = 200_000;
const MAX_COLUMNS = 200;

export function readWorkbook(bytes: Uint8Array, file: string): SheetsRead {
  let wb: WorkBook;
  try {
    // cellNF keeps each cell's number format (a date cell is a number with a date format); no formulas
    // are evaluated: a formula cell gives the value Excel saved with it.
    wb = read(bytes, { type: "array", cellNF: true, cellText: true, cellDates: false, dense: false, WTF: false });
  } catch (e) {
    const reason = e instanceof Error ? e.message.slice(0, 120) : String(e);
    return { ok: false, problem: problem("unreadable_workbook", { file, line: 0, column: 0 }, { value: reason }) };
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets: Sheet[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    // Chart sheets and macro sheets have no cells to read.
    if (!ws || !ws["!ref"]) {
      sheets.push({ name, rows: [], merges: [] });
      continue;
    }
    sheets.push(readSheet(name, ws, date1904));
  }
  return { ok: true, sheets };
}

function readSheet(name: string, ws: WorkSheet, date1904: boolean): Sheet {
  const range = utils.decode_range(ws["!ref"]!);
  const lastRow = Math.min(range.e.r, MAX_ROWS - 1);
  const lastCol = Math.min(range.e.c, MAX_COLUMNS - 1);
  const rows: string[][] = [];
  // Rows and columns before the used range are blank in Excel: keep them, so row 4 stays line 4 and C stays column 3.
  for (let r = 0; r <= lastRow; r++) {
    const row: string[] = [];
    for (let c = 0; c <= lastCol; c++) {
      const cell = r < range.s.r || c < range.s.c ? undefined : (ws[utils.encode_cell({ r, c })] as CellObject | undefined);
      row.push(cell ? cellText(cell, date1904) : "");
    }
    // Trailing empty cells are formatting, not data (as a CSV row of bare delimiters is).
    while (row.length && row[row.length - 1] === "") row.pop();
    rows.push(row);
  }
  const merges = (ws["!merges"] ?? []).map((m) => ({ from: { row: m.s.r + 1, column: m.s.c + 1 }, to: { row: m.e.r + 1, column: m.e.c + 1 } }));
  return { name, rows, merges };
}

/**
 * A cell as the analyst sees it, in the forms the rules read: text as typed; a number in full
 * (2024.1 stays 2024.1, which is how Excel keeps a typed 2024.10 — the period rules warn about it);
 * a date cell as 2024-03 when its format shows no day (Excel's "2024/3", "Mar-24", "2024年3月"), as
 * 2024-03-01 when it does; an error value as Excel shows it (#N/A).
 */
export function cellText(cell: CellObject, date1904 = false): string {
  switch (cell.t) {
    case "s":
      return String(cell.v ?? "");
    case "n": {
      const v = cell.v as number;
      const format = typeof cell.z === "string" ? cell.z : "";
      if (format && SSF.is_date(format)) return dateText(v, format, date1904) ?? String(v);
      return String(v);
    }
    case "d":
      return (cell.v as Date).toISOString().slice(0, 10);
    case "b":
      return cell.v ? "TRUE" : "FALSE";
    case "e":
      return cell.w ?? "#N/A";
    default:
      return "";
  }
}

function dateText(serial: number, format: string, date1904: boolean): string | undefined {
  const d = SSF.parse_date_code(serial, { date1904 }) as { y: number; m: number; d: number } | null;
  if (!d) return undefined;
  const pad = (n: number) => String(n).padStart(2, "0");
  // What the format shows, without its quoted text ("年"), escapes and [colour]/[$-locale] parts.
  const shown = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "").toLowerCase();
  if (/d/.test(shown)) return `${d.y}-${pad(d.m)}-${pad(d.d)}`;
  if (/m/.test(shown)) return `${d.y}-${pad(d.m)}`;
  return `${d.y}`;
}
