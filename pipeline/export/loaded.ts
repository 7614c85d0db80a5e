// loaded.json: what the in-browser checker checks new files against (validate/loaded.ts) — each stored
// row's key and line, grouped by file and series; no values, notes or sources. From records in memory
// (buildExport) or from SQL (exportToSink): the same bytes (tests/export/sql.test.ts).

import type { DuckDBConnection } from "@duckdb/node-api";
import type { Snapshot } from "../model.ts";
import type { LoadedIndex } from "../validate/loaded.ts";
import { query, queryBatches } from "../warehouse/db.ts";
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

/** About how many observations one query joins into text: DuckDB holds their aggregate and JavaScript their text. */
export const LOADED_BATCH_ROWS = 200_000;

type Series = { file: string; indicator: string; entity: string; sample: boolean; rows: number; plain: boolean };

/**
 * loadedTextIn(c, r, write): loaded.json from the warehouse, revision r — the bytes compactJsonText(loadedIndex(…))
 * gives over the same rows — to `write` in pieces. The observations (a row each: millions) never come into
 * JavaScript: their series are listed first (a few rows), ordered as loadedIndex orders them, then DuckDB
 * joins each series' periods and lines into JSON text, a batch of series at a time (all at once, the
 * aggregates and their text took 250 MB at a million rows). A series holding a period key JSON escapes
 * is read and written as loadedIndex writes it. The other kinds are few.
 */
export async function loadedTextIn(c: DuckDBConnection, r: number, write: (text: string) => Promise<void>, batchRows = LOADED_BATCH_ROWS): Promise<void> {
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
  const series = await query<Series>(
    c,
    `SELECT file, indicator, entity, sample, count(*)::INTEGER AS rows, bool_and(${plainPeriod}) AS plain FROM observations WHERE ${validIn} GROUP BY file, indicator, entity, sample`,
    { r },
  );
  const files = [...new Set([...series, ...itemStatuses, ...tasks, ...taskStatuses].map((x) => x.file))].sort(byText);
  const fileNo = new Map(files.map((f, i) => [f, i]));
  series.sort((a, b) => fileNo.get(a.file)! - fileNo.get(b.file)! || byGroup([a.indicator, a.entity, a.sample], [b.indicator, b.entity, b.sample]));
  await write(`{"revision":${JSON.stringify(r)},"files":${JSON.stringify(files)},"observations":[`);
  let n = 0;
  for (let from = 0; from < series.length; ) {
    // Consecutive series up to batchRows rows (at least one).
    let to = from + 1;
    for (let total = series[from]!.rows; to < series.length && total + series[to]!.rows <= batchRows; to++) total += series[to]!.rows;
    const batch = series.slice(from, to);
    const texts = await seriesTexts(c, r, batch.filter((s) => s.plain));
    for (const s of batch) {
      const key = seriesKey(s);
      const [periods, lines] = texts.get(key) ?? (await escapedSeries(c, r, s));
      await write(`${n++ ? "," : ""}[${fileNo.get(s.file)},${JSON.stringify(s.indicator)},${JSON.stringify(s.entity)},${s.sample},${periods},${lines}]`);
    }
    from = to;
  }
  const rest = { itemStatuses: grouped(itemStatuses, fileNo), tasks: grouped(tasks, fileNo), taskStatuses: grouped(taskStatuses, fileNo, true) };
  await write(`],${JSON.stringify(rest).slice(1)}\n`);
}

const seriesKey = (s: Pick<Series, "file" | "indicator" | "entity" | "sample">) => JSON.stringify([s.file, s.indicator, s.entity, s.sample]);

/**
 * The JSON text of the periods and of the lines of each series given (plain period keys only), by seriesKey.
 * In each series, rows by line, column, then period (byRow): ASCII keys sort alike as bytes and as UTF-16.
 */
async function seriesTexts(c: DuckDBConnection, r: number, list: Series[]): Promise<Map<string, [string, string]>> {
  const out = new Map<string, [string, string]>();
  if (!list.length) return out;
  const order = "ORDER BY line, col, period";
  const wanted = JSON.stringify(list.map(({ file, indicator, entity, sample }) => ({ file, indicator, entity, sample })));
  const sql = `SELECT file, indicator, entity, sample, '[' || string_agg('"' || period || '"', ',' ${order}) || ']', '[' || string_agg(line::VARCHAR, ',' ${order}) || ']'
    FROM observations SEMI JOIN (SELECT unnest(from_json($wanted, '[{"file":"VARCHAR","indicator":"VARCHAR","entity":"VARCHAR","sample":"BOOLEAN"}]'), recursive := true)) USING (file, indicator, entity, sample)
    WHERE ${validIn} GROUP BY file, indicator, entity, sample`;
  for await (const batch of queryBatches(c, sql, { r, wanted })) {
    for (const [file, indicator, entity, sample, periods, lines] of batch as [string, string, string, boolean, string, string][]) {
      out.set(seriesKey({ file, indicator, entity, sample }), [periods, lines]);
    }
  }
  return out;
}

/** A series with a period key JSON escapes: its rows in JavaScript, ordered and written as loadedIndex does. */
async function escapedSeries(c: DuckDBConnection, r: number, s: Series): Promise<[string, string]> {
  const own: Row[] = [];
  const sql = `SELECT period, line::INTEGER, col::INTEGER FROM observations WHERE ${validIn} AND file = $file AND indicator = $indicator AND entity = $entity AND sample = $sample`;
  for await (const batch of queryBatches(c, sql, { r, file: s.file, indicator: s.indicator, entity: s.entity, sample: s.sample })) {
    for (const [period, line, col] of batch as [string, number, number][]) own.push({ file: s.file, group: [], fields: [period], line, col });
  }
  own.sort(byRow);
  return [JSON.stringify(own.map((x) => x.fields[0])), JSON.stringify(own.map((x) => x.line))];
}
