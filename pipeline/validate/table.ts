// Where the table is in a sheet as analysts lay it out in Excel: a title above the header (skipped and
// said so), a header in two rows with merged cells (refused, once, with the one header to write
// instead), notes under the table (注：…, skipped and said so). Blank rows are gone already (the CSV
// parser and the workbook reader skip them). The same for a CSV file and for each sheet of a workbook.

import { parseValue } from "../normalise/number.ts";
import { parsePeriod } from "../normalise/period.ts";
import { problem, warning, type Problem } from "../problems.ts";
import type { CsvRecord } from "../parse/csv.ts";
import { columnLetters as letters, type Sheet } from "../read/sheets.ts";
import type { Registry } from "../registry/types.ts";
import { detectLayout } from "./layout.ts";

/** A table's file and, in a workbook, its sheet. */
export interface Place {
  file: string;
  sheet?: string;
}

export interface Table {
  header?: CsvRecord;
  records: CsvRecord[];
  problems: Problem[];
}

/** Title rows looked for above the header: a title and a subtitle (单位：家) at most, with room for one more. */
const MAX_TITLE_ROWS = 3;

/** A note's first words: 注：…, 说明：…, 备注：…, 资料来源：…, 数据来源：…, 填报单位：…, 制表：… */
const noteStart = /^(注|注释|说明|备注|资料来源|数据来源|来源|填报说明|填报单位|填表人|制表|制表人|审核人|单位)\s*[0-9一二三四五六七八九十]*\s*[:：.、]/;

const filled = (r: CsvRecord) => r.fields.filter((f) => f.trim() !== "");

/** A row the table reader skips as a note under the table: one filled cell, beginning as a note does. */
export function isNoteRow(fields: readonly string[]): boolean {
  const cells = fields.filter((f) => f.trim() !== "");
  return cells.length === 1 && noteStart.test(cells[0]!.trim());
}

export function findTable(all: CsvRecord[], place: Place, merges: Sheet["merges"], registry: Registry): Table {
  const at = (line: number, column: number) => ({ ...place, line, column });
  const problems: Problem[] = [];
  const layoutOf = (r: CsvRecord) => detectLayout(r.fields, r.line, place.file, registry, place.sheet);

  // Titles: rows of one filled cell above a row that reads as a header.
  let h = 0;
  while (h < Math.min(MAX_TITLE_ROWS, all.length - 1) && filled(all[h]!).length === 1 && !layoutOf(all[h]!).map) h++;
  if (h > 0 && (layoutOf(all[h]!).map || twoRowHeader(all[h]!, all[h + 1], merges))) {
    for (const t of all.slice(0, h)) problems.push(warning("title_row", at(t.line, firstFilled(t)), { value: filled(t)[0]!.trim(), expected: all[h]!.line }));
  } else h = 0;
  const header = all[h];
  if (!header) return { records: [], problems };

  const two = twoRowHeader(header, all[h + 1], merges);
  if (two) {
    problems.push(problem("two_row_header", at(header.line, 0), two));
    return { records: [], problems };
  }

  // Notes under the table: a row whose one filled cell begins as a note does.
  const records: CsvRecord[] = [];
  for (const r of all.slice(h + 1)) {
    const cells = filled(r);
    if (isNoteRow(r.fields)) problems.push(warning("note_row", at(r.line, firstFilled(r)), { value: shorten(cells[0]!.trim()) }));
    else records.push(r);
  }
  return { header, records, problems };
}

/**
 * A header in two rows: the header row does not read as a header by itself, the row under it holds
 * names, not figures, and the two are laid out as one (a merged cell across them or along the upper
 * one, or gaps in one filled by the other). Returns the message's parameters, with the one header row
 * that would replace them: each column's lower name, or the upper one where the lower is empty.
 */
function twoRowHeader(upper: CsvRecord, lower: CsvRecord | undefined, merges: Sheet["merges"]) {
  if (!lower || lower.line !== upper.line + 1) return undefined;
  if (!filled(lower).length || !isNames(upper) || !isNames(lower)) return undefined;
  const width = Math.max(upper.fields.length, lower.fields.length);
  const cell = (r: CsvRecord, i: number) => (r.fields[i] ?? "").trim();
  // An empty cell before the row's last filled one.
  const gap = (r: CsvRecord) => r.fields.slice(0, lastFilled(r)).some((f) => f.trim() === "");
  const merged = merges.find((m) => m.from.row <= upper.line && m.to.row >= upper.line && (m.to.row > m.from.row || m.to.column > m.from.column));
  const lowerFillsGaps = Array.from({ length: width }, (_, i) => i).some((i) => cell(upper, i) === "" && cell(lower, i) !== "");
  if (!merged && !gap(upper) && !lowerFillsGaps) return undefined;
  // The upper name carries right across a merged span, as Excel shows it.
  let carried = "";
  const names = Array.from({ length: width }, (_, i) => {
    if (cell(upper, i)) carried = cell(upper, i);
    return cell(lower, i) || carried;
  });
  const range = merged ? `${letters(merged.from.column)}${merged.from.row}:${letters(merged.to.column)}${merged.to.row}` : undefined;
  return {
    value: `${upper.line}–${lower.line}`,
    detail: range ? `合并单元格 ${range}` : undefined,
    detailEn: range ? `merged cells ${range}` : undefined,
    expected: names.join(","),
  };
}

/** A row of names: no cell in it reads as a figure or a period. */
function isNames(r: CsvRecord): boolean {
  return r.fields.every((f) => {
    const t = f.trim();
    if (t === "") return true;
    const v = parseValue(t);
    return !(v.ok && v.value !== null) && !parsePeriod(t).ok;
  });
}

function lastFilled(r: CsvRecord): number {
  for (let i = r.fields.length - 1; i >= 0; i--) if (r.fields[i]!.trim() !== "") return i;
  return -1;
}

function firstFilled(r: CsvRecord): number {
  return r.fields.findIndex((f) => f.trim() !== "") + 1;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
