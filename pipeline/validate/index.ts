// The validation module: bytes of analysts' files → records and located problems. It touches no file
// system and no database, so the site's in-browser checker runs exactly this code.

import { decode, type Encoding } from "../read/decode.ts";
import { workbookKind, type Sheet, type SheetsRead, type WorkbookKind } from "../read/sheets.ts";
import { parseCsv, type CsvRecord } from "../parse/csv.ts";
import { problem, sortProblems, warning, type Problem } from "../problems.ts";
import { lookup } from "../registry/lookup.ts";
import type { Registry } from "../registry/types.ts";
import { emptyRecords, type FileRecords, type Layout, type Observation, type Origin } from "../model.ts";
import { readItemStatusRow, readTaskRow, readTaskStatusRow } from "./boards.ts";
import { Row, type Context } from "./cells.ts";
import { detectLayout } from "./layout.ts";
import { readLongRow, readWideRow } from "./observations.ts";
import { storedRows, type LoadedIndex } from "./loaded.ts";
import { findTable, type Place } from "./table.ts";
import { Totals } from "./totals.ts";

export interface FileResult extends FileRecords {
  file: string;
  layout: Layout | null;
  /** The text encoding; for a workbook, its kind (xlsx or xls). */
  encoding: Encoding | WorkbookKind | null;
  rows: number; // data records read (header and blank lines excluded)
  bytes: number;
  problems: Problem[];
}

export interface Validation extends FileRecords {
  files: FileResult[];
  problems: Problem[]; // every file's problems and the cross-file ones, sorted
}

/** A file to check: its name, its bytes and, for a workbook, its sheets as read/workbook.ts read them. */
export interface FileInput {
  file: string;
  bytes: Uint8Array;
  sheets?: SheetsRead;
}

/**
 * Check one file. `file` is the name problems carry (a path relative to the project, or a dropped file's
 * name). A workbook's sheets come read (`sheets`): the spreadsheet library is loaded only where a
 * workbook is (files.ts in Node, the checker in the browser); each sheet with anything in it is read
 * as a table of its own, by the same rules as a CSV file, its problems located in the sheet.
 */
export function validateFile(file: string, bytes: Uint8Array, registry: Registry, today: string, sheets?: SheetsRead): FileResult {
  const result: FileResult = { file, layout: null, encoding: null, rows: 0, bytes: bytes.length, problems: [], ...emptyRecords() };
  const workbook = workbookKind(bytes);
  if (workbook && sheets) {
    if (!sheets.ok) return { ...result, problems: [sheets.problem] };
    result.encoding = workbook;
    let tables = 0;
    for (const sheet of sheets.sheets) {
      const records = sheet.rows.map((fields, i) => ({ line: i + 1, fields })).filter((r) => r.fields.some((f) => f.trim() !== ""));
      // An empty sheet (Excel's Sheet2, Sheet3) holds nothing to read.
      if (!records.length) continue;
      tables++;
      readTable(records, { file, sheet: sheet.name }, sheet.merges, registry, today, result);
    }
    if (!tables) result.problems.push(problem("empty_file", { file, line: 0, column: 0 }));
    return { ...result, problems: sortProblems(result.problems) };
  }
  const decoded = decode(bytes, file);
  if (!decoded.ok) return { ...result, problems: [decoded.problem] };
  result.encoding = decoded.encoding;

  const parsed = parseCsv(decoded.text, file);
  result.problems.push(...parsed.problems);
  if (!parsed.records.length) {
    result.problems.push(problem("empty_file", { file, line: 0, column: 0 }));
    return result;
  }
  readTable(parsed.records, { file }, [], registry, today, result);
  return { ...result, problems: sortProblems(result.problems) };
}

/** One table (a CSV file, or one sheet): its records and problems are added to `result`. */
function readTable(all: CsvRecord[], place: Place, merges: Sheet["merges"], registry: Registry, today: string, result: FileResult): void {
  const { file, sheet } = place;
  const problems = result.problems;
  const table = findTable(all, place, merges, registry);
  problems.push(...table.problems);
  if (!table.header) return;
  const { header, records } = table;
  const detected = detectLayout(header.fields, header.line, file, registry, sheet);
  problems.push(...detected.problems);
  const map = detected.map;
  if (!map) return;
  // Without a required column every row would repeat the header's problem: report it once.
  if (detected.problems.some((p) => p.code === "missing_column")) {
    result.layout ??= map.layout;
    return;
  }
  result.layout ??= map.layout;
  result.rows += records.length;

  // A wide sheet with no indicator column is named after its indicator: enterprises_attracted.csv, or a sheet so named.
  const named = (n: string | undefined) => (n !== undefined && lookup(registry).indicator(n) ? n : undefined);
  const fileIndicator = map.layout === "wide" && map.fields.indicator === undefined ? (named(sheet) ?? stem(file)) : undefined;
  if (fileIndicator !== undefined && !lookup(registry).indicator(fileIndicator)) {
    problems.push(
      problem("missing_column", { ...place, line: header.line, column: 0 }, {
        expected: `指标（indicator）列，或以指标 id 命名文件${sheet !== undefined ? "或工作表" : ""}（如 enterprises_attracted.csv；"${fileIndicator}" 不是指标）`,
        expectedEn: `an indicator column, or a file${sheet !== undefined ? " or sheet" : ""} named after an indicator id (e.g. enterprises_attracted.csv; "${fileIndicator}" is not one)`,
      }),
    );
    return;
  }

  const ctx: Context = { file, today, ...(sheet !== undefined && { sheet }) };
  const totals = new Totals(map, registry, place, header.line, header.fields);
  // Errors among the problems found since `from`: counting all of them for every row would make a file
  // with many problems take quadratic time (200,000 bad rows: hours).
  const errorSince = (from: number) => {
    for (let i = from; i < problems.length; i++) if (problems[i]!.severity === "error") return true;
    return false;
  };
  for (const record of records) {
    if (record.fields.length !== header.fields.length) {
      // Surplus cells that are all empty are a trailing delimiter, not data.
      const surplus = record.fields.slice(map.width);
      const firstFilled = surplus.findIndex((f) => f.trim() !== "");
      // A workbook row ends at its last filled cell: fewer cells than the header is empty cells, not missing ones.
      const short = record.fields.length < map.width && sheet === undefined;
      if (short || firstFilled >= 0) {
        const column = firstFilled >= 0 ? map.width + firstFilled + 1 : record.fields.length + 1;
        problems.push(problem("column_count", { ...place, line: record.line, column }, { value: record.fields.length, expected: map.width }));
        continue;
      }
    }
    // A 合计 row is checked against its parts once the table is read, never loaded as a figure.
    if (totals.isTotalRow(record)) continue;
    totals.keepRow(record);
    // One rule for every layout: a row with an error yields no record, so nothing half-checked goes on.
    const before = problems.length;
    const rows = readRow(new Row(record.fields, record.line, map, ctx, problems));
    if (!errorSince(before)) {
      for (const o of rows.observations) result.observations.push(o), totals.part(o);
      result.itemStatuses.push(...rows.itemStatuses);
      result.tasks.push(...rows.tasks);
      result.taskStatuses.push(...rows.taskStatuses);
    } else totals.spoilt(record.line);
  }
  problems.push(...totals.check(fileIndicator));

  function readRow(row: Row): FileRecords {
    const out = emptyRecords();
    const keep = <T>(list: T[], x: T | undefined) => x !== undefined && list.push(x);
    switch (map!.layout) {
      case "long":
        keep(out.observations, readLongRow(row, registry, today));
        break;
      case "wide":
        out.observations.push(...readWideRow(row, registry, today, map!.entityColumns, fileIndicator));
        break;
      case "item_status":
        keep(out.itemStatuses, readItemStatusRow(row, registry));
        break;
      case "tasks":
        keep(out.tasks, readTaskRow(row, registry));
        break;
      case "task_status":
        keep(out.taskStatuses, readTaskStatusRow(row));
        break;
    }
    return out;
  }
}

/** Check a set of files together: each file, then the rules that span files (duplicates, task ids, outliers). */
export function validateFiles(
  files: FileInput[],
  registry: Registry,
  today: string,
  /**
   * Task ids defined elsewhere (already in the warehouse), which status files may refer to; `loaded`:
   * what the warehouse holds (validate/loaded.ts), checked against as `ftz ingest` checks — its rows
   * come before the files' in duplicates, and a file given under a stored file's name replaces it.
   */
  { knownTaskIds = [], progress, loaded }: { knownTaskIds?: string[]; progress?: (done: number, total: number) => void; loaded?: LoadedIndex } = {},
): Validation {
  const results = files.map((f, i) => {
    const r = validateFile(f.file, f.bytes, registry, today, f.sheets);
    progress?.(i + 1, files.length);
    return r;
  });
  const all: Validation = { files: results, problems: [], ...emptyRecords() };
  for (const r of results) {
    // A loop, not push(...rows): spreading a million records as arguments overflows the call stack.
    for (const o of r.observations) all.observations.push(o);
    for (const s of r.itemStatuses) all.itemStatuses.push(s);
    for (const t of r.tasks) all.tasks.push(t);
    for (const s of r.taskStatuses) all.taskStatuses.push(s);
  }
  const stored = loaded ? storedRows(loaded, files.map((f) => f.file)) : undefined;
  const cross: Problem[] = [
    // A real row and a sample row of the same key are not duplicates: real data replaces the sample (status/series.ts stepAside).
    ...duplicates(all.observations, (o) => `${o.indicator}|${o.entity}|${o.period.key}|${o.sample}`, (o) => duplicateKey.observations(o.indicator, o.entity, o.period.key), stored?.observations),
    ...duplicates(all.itemStatuses, (s) => `${s.item}|${s.date}`, (s) => duplicateKey.item_statuses(s.item, s.date), stored?.itemStatuses),
    ...duplicates(all.tasks, (t) => t.id, (t) => duplicateKey.tasks(t.id), stored?.tasks),
    ...duplicates(all.taskStatuses, (s) => `${s.task}|${s.date}`, (s) => duplicateKey.task_statuses(s.task, s.date), stored?.taskStatuses),
    ...outliers(all.observations),
  ];
  const taskIds = new Set([...knownTaskIds, ...(stored?.tasks ?? []).map((t) => t.id), ...all.tasks.map((t) => t.id)]);
  // Stored statuses too: a task list given again without a task leaves that task's stored statuses pointing nowhere.
  for (const s of [...(stored?.taskStatuses ?? []), ...all.taskStatuses]) {
    if (!taskIds.has(s.task)) cross.push(problem("unknown_task", s.origin, { value: s.task }));
  }
  all.problems = sortProblems([...results.flatMap((r) => r.problems), ...cross]);
  return all;
}

/**
 * How a duplicated key reads in a message ([English, Chinese]), for each kind of record. The
 * warehouse's own check (warehouse/checks.ts) words its duplicates with these too.
 */
export const duplicateKey = {
  observations: (indicator: string, entity: string, period: string): [string, string] => [`(${indicator}, ${entity}, ${period})`, `(指标 ${indicator}，主体 ${entity}，时期 ${period})`],
  item_statuses: (item: number | string, date: string): [string, string] => [`(item ${item}, ${date})`, `(事项 ${item}，日期 ${date})`],
  tasks: (id: string): [string, string] => [`task ${id}`, `任务 ${id}`],
  task_statuses: (task: string, date: string): [string, string] => [`(task ${task}, ${date})`, `(任务 ${task}，日期 ${date})`],
};

/** The outlier rule's numbers (see outliers below; warehouse/checks.ts applies the same rule in SQL). */
export const outlierRule = { minValues: 6, spreads: 10 } as const;

function duplicates<T extends { origin: Origin }, S extends { origin: Origin }>(
  records: T[],
  keyOf: (r: T | S) => string,
  describe: (r: T) => [string, string],
  /** Rows already stored, which come first: a new row with one of their keys is the duplicate. */
  stored: S[] = [],
): Problem[] {
  const first = new Map<string, T | S>();
  for (const r of stored) if (!first.has(keyOf(r))) first.set(keyOf(r), r);
  const out: Problem[] = [];
  for (const r of records) {
    const k = keyOf(r);
    const prior = first.get(k);
    if (!prior) {
      first.set(k, r);
      continue;
    }
    const [en, zh] = describe(r);
    const o = prior.origin;
    const other = o.sheet === undefined ? `${o.file}:${o.line}` : `${o.file}[${o.sheet}]:${o.line}`;
    out.push(problem("duplicate", r.origin, { key: zh, keyEn: en, other }));
  }
  return out;
}

/**
 * A value far outside its series' history gets a warning, never an error: real figures do jump.
 * Rule: a series (indicator × entity × granularity, sample and real data apart: a real value is never
 * judged against sample history) with at least 6 values; the value lies more than
 * ten robust spreads (median absolute deviation, at least a tenth of the median and at least 1) from
 * the series' median. Median and spread are robust, so the value itself barely moves them: they are
 * computed once per series (n log n, not n² — files hold hundreds of thousands of rows).
 */
function outliers(observations: Observation[]): Problem[] {
  const series = new Map<string, Observation[]>();
  for (const o of observations) {
    if (o.value === null) continue;
    const k = `${o.indicator}|${o.entity}|${o.period.granularity}|${o.sample}`;
    let s = series.get(k);
    if (!s) series.set(k, (s = []));
    s.push(o);
  }
  const out: Problem[] = [];
  for (const s of series.values()) {
    if (s.length < outlierRule.minValues) continue;
    const values = s.map((x) => x.value!);
    const m = median(values);
    const spread = Math.max(median(values.map((v) => Math.abs(v - m))), Math.abs(m) / 10, 1);
    for (const o of s) {
      if (Math.abs(o.value! - m) > outlierRule.spreads * spread) out.push(warning("outlier", o.origin, { value: o.value!, expected: m }));
    }
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function stem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]*$/, "");
}
