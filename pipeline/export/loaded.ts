// loaded.json: what the in-browser checker checks new files against (validate/loaded.ts) — each stored
// row's key and line, grouped by file and series; no values, notes or sources. From records in memory
// (buildExport) or from SQL (exportToSink): the same bytes (tests/export/sql.test.ts).

import type { DuckDBConnection } from "@duckdb/node-api";
import type { Snapshot } from "../model.ts";
import type { LoadedIndex } from "../validate/loaded.ts";
import { queryBatches } from "../warehouse/db.ts";
import { validIn } from "../warehouse/read.ts";

type Row = { file: string; group: (string | boolean)[]; fields: (string | number)[]; line: number; col: number };

/** The index from rows in any order: files sorted, groups by file then key, rows by line and column. */
function indexOf(revision: number, kinds: Record<keyof Omit<LoadedIndex, "revision" | "files">, Row[]>): LoadedIndex {
  const files = [...new Set(Object.values(kinds).flatMap((rows) => rows.map((r) => r.file)))].sort(byText);
  const fileNo = new Map(files.map((f, i) => [f, i]));
  const grouped = (rows: Row[], withColumns = false) => {
    const groups = new Map<string, Row[]>();
    for (const r of rows) {
      const k = JSON.stringify([fileNo.get(r.file), ...r.group]);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(r);
    }
    return [...groups.values()]
      .map((g) => g.sort((a, b) => a.line - b.line || a.col - b.col || byText(String(a.fields[0]), String(b.fields[0]))))
      .sort((a, b) => fileNo.get(a[0]!.file)! - fileNo.get(b[0]!.file)! || byGroup(a[0]!.group, b[0]!.group))
      .map((g) => {
        const columns = g[0]!.fields.map((_, i) => g.map((r) => r.fields[i]!));
        return [fileNo.get(g[0]!.file)!, ...g[0]!.group, ...columns, g.map((r) => r.line), ...(withColumns ? [g.map((r) => r.col)] : [])];
      });
  };
  return {
    revision,
    files,
    observations: grouped(kinds.observations) as LoadedIndex["observations"],
    itemStatuses: grouped(kinds.itemStatuses) as LoadedIndex["itemStatuses"],
    tasks: grouped(kinds.tasks) as LoadedIndex["tasks"],
    // Task statuses keep their column too: a stored status whose task is gone is reported where it stands.
    taskStatuses: grouped(kinds.taskStatuses, true) as LoadedIndex["taskStatuses"],
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

/** loadedIndexIn(c, r): the same from the warehouse, revision r; key columns only, read in batches. */
export async function loadedIndexIn(c: DuckDBConnection, r: number): Promise<LoadedIndex> {
  const rows = async (columns: string, table: string, shape: (x: unknown[]) => Omit<Row, "file" | "line" | "col">) => {
    const out: Row[] = [];
    for await (const batch of queryBatches(c, `SELECT file, line::INTEGER, col::INTEGER, ${columns} FROM ${table} WHERE ${validIn}`, { r })) {
      for (const x of batch) out.push({ file: x[0] as string, line: x[1] as number, col: x[2] as number, ...shape(x.slice(3)) });
    }
    return out;
  };
  return indexOf(r, {
    observations: await rows("indicator, entity, sample, period", "observations", ([indicator, entity, sample, period]) => ({ group: [indicator as string, entity as string, sample as boolean], fields: [period as string] })),
    itemStatuses: await rows("item::INTEGER, date::VARCHAR", "item_statuses", ([item, date]) => ({ group: [], fields: [item as number, date as string] })),
    tasks: await rows("id", "tasks", ([id]) => ({ group: [], fields: [id as string] })),
    taskStatuses: await rows("task, date::VARCHAR", "task_statuses", ([task, date]) => ({ group: [], fields: [task as string, date as string] })),
  });
}
