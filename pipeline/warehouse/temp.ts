// Small temporary tables made from rows computed in JavaScript (lookup tables beside a set-based load).

import type { DuckDBConnection } from "@duckdb/node-api";

/**
 * fill(c, table, columns, rows) makes a small temporary table from rows: one JSON text parameter,
 * unnested by DuckDB (binding values one by one, or the appender, costs about a microsecond each).
 */
export async function fill(c: DuckDBConnection, table: string, columns: string, rows: unknown[][]): Promise<void> {
  await c.run(`CREATE TEMP TABLE ${table} (${columns})`);
  if (!rows.length) return;
  const types = columns.split(", ").map((d) => d.split(" ")[1]!);
  const json = JSON.stringify(rows.map((r) => r.map((v) => (v === null || v === undefined ? null : String(v)))));
  await c.run(`INSERT INTO ${table} SELECT ${types.map((t, k) => `r[${k + 1}]::${t}`).join(", ")} FROM (SELECT unnest(from_json($json, '[["VARCHAR"]]')) AS r)`, { json });
}
