// A digest of every table's content: to prove that a refused or killed ingest left the warehouse
// exactly as it was. Load times can be left out, to compare two warehouses loaded at different moments.
// Computed in SQL (a row count and the sum of the rows' hashes, which no row order changes), so a
// warehouse of millions of rows is digested in well under a second and nothing is read into memory.

import type { DuckDBConnection } from "@duckdb/node-api";
import { query, quoteIdentifier } from "./db.ts";

export async function warehouseDigest(c: DuckDBConnection, { withLoadTimes = true } = {}): Promise<Record<string, string>> {
  const tables = await query<{ name: string }>(c, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name");
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const cols = await query<{ c: string }>(c, "SELECT column_name AS c FROM information_schema.columns WHERE table_name = $t AND table_schema = 'main' ORDER BY ordinal_position", { t: name });
    const kept = cols.map((x) => x.c).filter((col) => withLoadTimes || col !== "loaded_at");
    const [d] = await query<{ n: string; h: string }>(
      c,
      `SELECT count(*)::VARCHAR AS n, coalesce(sum(hash(${kept.map(quoteIdentifier).join(", ")})::HUGEINT), 0)::VARCHAR AS h FROM ${quoteIdentifier(name)}`,
    );
    out[name] = `${d!.n}:${d!.h}`;
  }
  return out;
}
