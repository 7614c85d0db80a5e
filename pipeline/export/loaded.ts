// loaded.json: what the in-browser checker checks new files against (validate/loaded.ts) — each stored
// row's key and line, grouped by file and series; no values, notes or sources. From records in memory
// (buildExport) or from SQL (exportToSink): the same bytes (tests/export/sql.test.ts).

import type { DuckDBConnection } from "@duckdb/node-api";
import type { Snapshot } from "../model.ts";
import type { LoadedIndex } from "../validate/loaded.ts";
import { queryBatches } from "../warehouse/db.ts";
import { validIn } from "../warehouse/read.ts";

type Row = { file: string; group: (string | boolean)[]; fields: (string | number)[]; line: number; col: number };

/** Rows grouped by file (their number in `fileNo`) and key, groups in that order, rows by line and column. */
function grouped(rows: Row[], fileNo: Map<string, number>, withColumns = false): unknown[][] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = JSON.stringify([fileNo.get(r.file), ...r.group]);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  return [...groups.values()]
    .map((g) => g.sort(byRow))
    .sort((a, b) => fileNo.get(a[0]!.file)! - fileNo.get(b[0]!.file)! || byGroup(a[0]!.group, b[0]!.group))
    .map((g) => {
      const columns = g[0]!.fields.map((_, i) => g.map((r) => r.fields[i]!));
      return [fileNo.get(g[0]!.file)!, ...g[0]!.group, ...columns, g.map((r) => r.line), ...(withColumns ? [g.map((r) => r.col)] : [])];
    });
}
const byRow = (a: Row, b: Row) => a.line - b.line || a.col - b.col || byText(String(a.fields[0]), String(b.fields[0]));

/** The index from rows in any order: files sorted, groups by file then key, rows by line and column. */
function indexOf(revision: number, kinds: Record<keyof Omit<LoadedIndex, "revision" | "files">, Row[]>): LoadedIndex {
  const files = [...new Set(Object.values(kinds).flatMap((rows) => rows.map((r) => r.file)))].sort(byText);
  const fileNo = new Map(files.map((f, i) => [f, i]));
  return {
    revision,
    files,
    observations: grouped(kinds.observations, fileNo) as LoadedIndex["observations"],
    itemStatuses: grouped(kinds.itemStatuses, fileNo) as LoadedIndex["itemStatuses"],
    tasks: grouped(kinds.tasks, fileNo) as LoadedIndex["tasks"],
    // Task statuses keep their column too: a stored status whose task is gone is reported where it stands.
    taskStatuses: grouped(kinds.taskStatuses, fileNo, true) as LoadedIndex["taskStatuses"],
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byGroup = (a: (string | boolean)[], b: (string | boolean)[]) => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return typeof x === "boolean" ? Number(x) - Number(y) : byText(String(x), String(y));
  }
  return 0;
};

/** loadedIndex(snapshot): from the records of one revision in memory. */
export function loadedIndex(snapshot: Snapshot): LoadedIndex {
  const at = (o: { origin: { file: string; line: number; column: number } }) => ({ file: o.origin.file, line: o.origin.line, col: o.origin.column });
  return indexOf(snapshot.revision, {
    observations: snapshot.observations.map((o) => ({ ...at(o), group: [o.indicator, o.entity, o.sample], fields: [o.period.key] })),
    itemStatuses: snapshot.itemStatuses.map((s) => ({ ...at(s), group: [], fields: [s.item, s.date] })),
    tasks: snapshot.tasks.map((t) => ({ ...at(t), group: [], fields: [t.id] })),
    taskStatuses: snapshot.taskStatuses.map((s) => ({ ...at(s), group: [], fields: [s.task, s.date] })),
  });
}

/** Period keys JSON writes as they are, between quotes (rows.ts plainPeriod): ASCII that needs no escaping. */
const plainPeriod = "regexp_full_match(period, '[0-9A-Za-z~][0-9A-Za-z_.:/~-]*')";

/**
 * loadedTextIn(c, r, write): loaded.json from the warehouse, revision r — the bytes compactJsonText(loadedIndex(…))
 * gives over the same rows — to `write` in pieces. The observations (a row each: millions) never come into
 * JavaScript: DuckDB groups them and joins each series' periods and lines into JSON text (plain period keys;
 * a series holding another is read and written as loadedIndex writes it). The other kinds are few.
 */
export async function loadedTextIn(c: DuckDBConnection, r: number, write: (text: string) => Promise<void>): Promise<void> {
  const rows = async (columns: string, table: string, shape: (x: unknown[]) => Omit<Row, "file" | "line" | "col">) => {
    const out: Row[] = [];
    for await (const batch of queryBatches(c, `SELECT file, line::INTEGER, col::INTEGER, ${columns} FROM ${table} WHERE ${validIn}`, { r })) {
      for (const x of batch) out.push({ file: x[0] as string, line: x[1] as number, col: x[2] as number, ...shape(x.slice(3)) });
    }
    return out;
  };
  const itemStatuses = await rows("item::INTEGER, date::VARCHAR", "item_statuses", ([item, date]) => ({ group: [], fields: [item as number, date as string] }));
  const tasks = await rows("id", "tasks", ([id]) => ({ group: [], fields: [id as string] }));
  const taskStatuses = await rows("task, date::VARCHAR", "task_statuses", ([task, date]) => ({ group: [], fields: [task as string, date as string] }));
  // In each series, rows by line, column, then period (byRow): ASCII keys sort alike as bytes and as UTF-16.
  const order = "ORDER BY line, col, period";
  type Series = { file: string; group: [string, string, boolean]; periods: string | null; lines: string | null };
  const series: Series[] = [];
  const sql = `SELECT file, indicator, entity, sample,
      CASE WHEN bool_and(${plainPeriod}) THEN '[' || string_agg('"' || period || '"', ',' ${order}) || ']' END,
      CASE WHEN bool_and(${plainPeriod}) THEN '[' || string_agg(line::VARCHAR, ',' ${order}) || ']' END
    FROM observations WHERE ${validIn} GROUP BY file, indicator, entity, sample`;
  for await (const batch of queryBatches(c, sql, { r })) {
    for (const [file, indicator, entity, sample, periods, lines] of batch as [string, string, string, boolean, string | null, string | null][]) {
      series.push({ file, group: [indicator, entity, sample], periods, lines });
    }
  }
  const files = [...new Set([...series, ...itemStatuses, ...tasks, ...taskStatuses].map((x) => x.file))].sort(byText);
  const fileNo = new Map(files.map((f, i) => [f, i]));
  series.sort((a, b) => fileNo.get(a.file)! - fileNo.get(b.file)! || byGroup(a.group, b.group));
  await write(`{"revision":${JSON.stringify(r)},"files":${JSON.stringify(files)},"observations":[`);
  let n = 0;
  for (const s of series) {
    const [indicator, entity, sample] = s.group;
    let { periods, lines } = s;
    if (periods === null || lines === null) {
      // A series with a key JSON escapes: its rows in JavaScript, as loadedIndex orders and writes them.
      const own: Row[] = [];
      const sql = `SELECT period, line::INTEGER, col::INTEGER FROM observations WHERE ${validIn} AND file = $file AND indicator = $indicator AND entity = $entity AND sample = $sample`;
      for await (const batch of queryBatches(c, sql, { r, file: s.file, indicator, entity, sample })) {
        for (const [period, line, col] of batch as [string, number, number][]) own.push({ file: s.file, group: [], fields: [period], line, col });
      }
      own.sort(byRow);
      periods = JSON.stringify(own.map((x) => x.fields[0]));
      lines = JSON.stringify(own.map((x) => x.line));
    }
    await write(`${n++ ? "," : ""}[${fileNo.get(s.file)},${JSON.stringify(indicator)},${JSON.stringify(entity)},${sample},${periods},${lines}]`);
  }
  const rest = { itemStatuses: grouped(itemStatuses, fileNo), tasks: grouped(tasks, fileNo), taskStatuses: grouped(taskStatuses, fileNo, true) };
  await write(`],${JSON.stringify(rest).slice(1)}\n`);
}
