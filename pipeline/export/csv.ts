// CSV for people: opens cleanly in Excel and WPS on Chinese Windows (UTF-8 with a BOM, CRLF), and
// text that a spreadsheet would run as a formula (= + - @ at the start) is neutralised with a quote.
// Pure, so the site's download buttons use the very same function.

import Papa from "papaparse";

export type Cell = string | number | boolean | null | undefined;

/** A text cell Excel would read as a formula gets a leading apostrophe; numbers stay numbers. */
export function neutralise(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell !== "string") return String(cell);
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** spreadsheetRows(rows) → the CRLF lines of more rows, for a file written in parts after spreadsheetCsv. */
export function spreadsheetRows(rows: Cell[][]): string {
  return Papa.unparse(rows.map((r) => r.map(neutralise)), { newline: "\r\n", quotes: false });
}

/** spreadsheetCsv(header, rows) → text with a BOM, quoted by papaparse, every text cell neutralised. */
export function spreadsheetCsv(header: string[], rows: Cell[][]): string {
  return "\uFEFF" + Papa.unparse({ fields: header, data: rows.map((r) => r.map(neutralise)) }, { newline: "\r\n", quotes: false });
}
