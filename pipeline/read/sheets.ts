// A workbook's sheets as grids of cell texts (read/workbook.ts makes them), and how to tell a workbook
// from text by its first bytes. Kept apart from workbook.ts, which carries the spreadsheet library:
// the validation rules and the browser checker need these types, not the library.

import type { Problem } from "../problems.ts";

export interface Sheet {
  name: string;
  /** Row r (0-based) is the sheet's row r + 1; cell c its column c + 1 (A = 1). Texts as read/workbook.ts writes them. */
  rows: string[][];
  /** Merged ranges, 1-based and inclusive: a two-row header is usually one. */
  merges: { from: { row: number; column: number }; to: { row: number; column: number } }[];
}

export type SheetsRead = { ok: true; sheets: Sheet[] } | { ok: false; problem: Problem };

export type WorkbookKind = "xlsx" | "xls";

/** .xlsx is a zip ("PK\x03\x04"), .xls an OLE compound file (D0 CF 11 E0), whatever the file's name says. */
export function workbookKind(b: Uint8Array): WorkbookKind | undefined {
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return "xlsx";
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return "xls";
  return undefined;
}

/** Column number → Excel's letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
