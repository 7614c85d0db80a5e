// The rules that span rows and files, checked in SQL on the warehouse as it will be once the revision
// commits (its current rows: the new ones and those of every file that stays). They are the rules of
// validateFiles (validate/index.ts) — same wording, same locations — but they see every file ever
// loaded, not only the ones given together, and a million rows cost a GROUP BY, not a JavaScript Map.
//   duplicate     a new row whose key an earlier row holds: rows already loaded come first, then the
//                 files in the order given, then line and column — the order validateFiles reads them in;
//   unknown_task  a task status whose task no current task list defines;
//   outlier       (warning) a new value far outside its series (validate/index.ts: outliers), sample and
//                 real data apart.

import type { DuckDBConnection } from "@duckdb/node-api";
import { problem, warning, type Problem } from "../problems.ts";
import { duplicateKey, outlierRule } from "../validate/index.ts";
import { query } from "./db.ts";
import { fileAndSheetSql } from "../model.ts";

type Keyed = Record<string, string | number | null> & { file: string; line: number; col: number; sheet: string | null; ofile: string; oline: number };

/** A stored row's place: a workbook's rows carry their sheet (schema 4), so problems read `x.xlsx[二月]:3:D`. */
type Stored = { file: string; line: number; col: number; sheet: string | null };
const at = (x: Stored) => ({ file: x.file, line: x.line, column: x.col, ...(x.sheet !== null && { sheet: x.sheet }) });

const keys: { table: keyof typeof duplicateKey; columns: string[]; describe: (r: Keyed) => [string, string] }[] = [
  // sample is part of the key: a real row and a sample row of the same key are not duplicates (validate/index.ts).
  { table: "observations", columns: ["indicator", "entity", "period", "sample"], describe: (r) => duplicateKey.observations(String(r.indicator), String(r.entity), String(r.period)) },
  { table: "item_statuses", columns: ["item", "date"], describe: (r) => duplicateKey.item_statuses(r.item!, String(r.date)) },
  { table: "tasks", columns: ["id"], describe: (r) => duplicateKey.tasks(String(r.id)) },
  { table: "task_statuses", columns: ["task", "date"], describe: (r) => duplicateKey.task_statuses(String(r.task), String(r.date)) },
];

/**
 * crossChecks(c, r, files): the problems of revision r's rows; `files` are the files given, in order.
 * `valuesPerGroup` is how many values the outlier check holds at once (tests make it small).
 */
export async function crossChecks(c: DuckDBConnection, r: number, files: string[], { valuesPerGroup = 1_000_000 } = {}): Promise<Problem[]> {
  await c.run("CREATE OR REPLACE TEMP TABLE ftz_order (file VARCHAR, idx INTEGER)");
  const a = await c.createAppender("ftz_order", "main", "temp");
  files.forEach((f, i) => {
    a.appendVarchar(f);
    a.appendInteger(i);
    a.endRow();
  });
  a.flushSync();
  a.closeSync();
  try {
    return [...(await duplicates(c, r)), ...(await unknownTasks(c)), ...(await outliers(c, r, valuesPerGroup))];
  } finally {
    for (const t of ["ftz_order", "ftz_twice", "ftz_flagged"]) await c.run(`DROP TABLE IF EXISTS temp.${t}`);
  }
}

async function duplicates(c: DuckDBConnection, r: number): Promise<Problem[]> {
  const out: Problem[] = [];
  for (const { table, columns, describe } of keys) {
    const k = columns.join(", ");
    // Keys held twice among current rows, one of them new: few, so the ordering below stays cheap.
    // Grouped by the key's hash first (one number, not several texts); usually there are none, and
    // nothing more is read. The window then compares the keys themselves.
    await c.run(
      `CREATE OR REPLACE TEMP TABLE ftz_twice AS
       SELECT hash(${k}) AS h FROM ${table} WHERE valid_to IS NULL GROUP BY h HAVING count(*) > 1 AND bool_or(valid_from = $r)`,
      { r },
    );
    const [{ n }] = await query<{ n: number }>(c, "SELECT count(*)::INTEGER AS n FROM temp.ftz_twice");
    if (n === 0) continue;
    const rows = await query<Keyed>(
      c,
      `WITH twice AS (SELECT DISTINCT ${k} FROM ${table} WHERE valid_to IS NULL AND hash(${k}) IN (SELECT h FROM temp.ftz_twice)),
       ranked AS (
         SELECT t.${columns.join(", t.")}, t.file, t.line, t.col, t.sheet, t.valid_from = $r AS new,
                row_number() OVER w AS n, first_value(${fileAndSheetSql("t.")}) OVER w AS ofile, first_value(t.line) OVER w AS oline
         FROM ${table} t SEMI JOIN twice USING (${k}) LEFT JOIN temp.ftz_order o ON o.file = t.file
         WHERE t.valid_to IS NULL
         WINDOW w AS (PARTITION BY ${columns.map((x) => `t.${x}`).join(", ")} ORDER BY t.valid_from = $r, coalesce(o.idx, -1), t.line, t.col))
       SELECT * EXCLUDE (new, n) FROM ranked WHERE n > 1 AND new ORDER BY file, line, col`,
      { r },
    );
    for (const x of rows) {
      const [en, zh] = describe(x);
      out.push(problem("duplicate", at(x), { key: zh, keyEn: en, other: `${x.ofile}:${x.oline}` }));
    }
  }
  return out;
}

async function unknownTasks(c: DuckDBConnection): Promise<Problem[]> {
  const rows = await query<Stored & { task: string }>(
    c,
    `SELECT file, line, col, sheet, task FROM task_statuses
     WHERE valid_to IS NULL AND task NOT IN (SELECT id FROM tasks WHERE valid_to IS NULL) ORDER BY file, line`,
  );
  return rows.map((x) => problem("unknown_task", at(x), { value: x.task }));
}

/**
 * The outlier rule in SQL, to the bit: a median is the middle value, or the two middle values' sum
 * halved (as median() in validate/index.ts computes it; for one middle value x, (x + x) / 2 is x).
 */
async function outliers(c: DuckDBConnection, r: number, valuesPerGroup: number): Promise<Problem[]> {
  const median = (l: string) => `((${l}[(len(${l}) + 1) // 2] + ${l}[len(${l}) // 2 + 1]) / 2)`;
  // The series holding a value out of bounds, first: usually none, and then no row is read again.
  // A series' values are held whole to find its median, so the series go in groups of about a
  // million values (by a hash of their key): memory stays the same however large the warehouse.
  await c.run("CREATE OR REPLACE TEMP TABLE ftz_flagged (indicator VARCHAR, entity VARCHAR, granularity VARCHAR, sample BOOLEAN, m DOUBLE, s DOUBLE)");
  const [{ values }] = await query<{ values: number }>(c, "SELECT count(*)::DOUBLE AS values FROM observations WHERE valid_to IS NULL AND value IS NOT NULL");
  const groups = Math.max(1, Math.ceil(values / valuesPerGroup));
  for (let g = 0; g < groups; g++) {
    await c.run(
      `INSERT INTO temp.ftz_flagged BY NAME
       WITH series AS (
         SELECT indicator, entity, granularity, sample, list_sort(list(value)) AS l FROM observations
         WHERE valid_to IS NULL AND value IS NOT NULL ${groups > 1 ? `AND hash(indicator, entity, granularity, sample) % ${groups} = ${g}` : ""} GROUP BY ALL
         HAVING count(*) >= ${outlierRule.minValues} AND bool_or(valid_from = $r)),
       centred AS (SELECT *, ${median("l")} AS m FROM series),
       deviations AS (SELECT *, list_sort(list_transform(l, x -> abs(x - m))) AS d FROM centred),
       spread AS (SELECT indicator, entity, granularity, sample, l, m, greatest(${median("d")}, abs(m) / 10, 1) AS s FROM deviations)
       SELECT indicator, entity, granularity, sample, m, s FROM spread WHERE len(list_filter(l, x -> abs(x - m) > ${outlierRule.spreads} * s)) > 0`,
      { r },
    );
  }
  const [{ n }] = await query<{ n: number }>(c, "SELECT count(*)::INTEGER AS n FROM temp.ftz_flagged");
  if (n === 0) return [];
  const rows = await query<Stored & { value: number; m: number }>(
    c,
    `SELECT o.file, o.line, o.col, o.sheet, o.value, s.m FROM observations o JOIN temp.ftz_flagged s USING (indicator, entity, granularity, sample)
     WHERE o.valid_to IS NULL AND o.valid_from = $r AND o.value IS NOT NULL AND abs(o.value - s.m) > ${outlierRule.spreads} * s.s
     ORDER BY o.file, o.line, o.col`,
    { r },
  );
  return rows.map((x) => warning("outlier", at(x), { value: x.value, expected: x.m }));
}
