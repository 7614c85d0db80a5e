// A load that was killed mid-commit can leave rows the warehouse never recorded. DuckDB 1.5.6 may
// replay a WAL without its commit marker by keeping a large insert's optimistically written row groups
// while dropping the small inserts of the same transaction (duckdb/duckdb#25931): the observations of
// revision N+1 survive, the `revisions` and `files` rows that make them revision N+1 do not. Readers
// never see them (they read up to the last recorded revision), but the next load would number its
// revision N+1 too and adopt them. So before every load, everything newer than the last recorded
// revision is taken back to how that revision left it.

import type { DuckDBConnection } from "@duckdb/node-api";
import { query, transaction } from "./db.ts";
import { dataTables } from "./schema.ts";

export interface Unrecorded {
  /** The last revision the warehouse records. */
  revision: number;
  /** Rows (data tables and `files`) stamped with a later revision, removed. */
  removed: number;
  /** Rows closed by a later revision, reopened. */
  reopened: number;
}

const tables = [...dataTables, "files"] as const;

/** unrecordedChanges(c) counts what a torn load left behind, without changing anything. */
export async function unrecordedChanges(c: DuckDBConnection): Promise<Unrecorded> {
  const revision = await lastRecorded(c);
  let removed = 0;
  let reopened = 0;
  for (const t of tables) {
    const [n] = await query<{ added: number; closed: number }>(
      c,
      `SELECT count(*) FILTER (WHERE valid_from > $r)::INTEGER AS added, count(*) FILTER (WHERE valid_to > $r)::INTEGER AS closed FROM ${t}`,
      { r: revision },
    );
    removed += n!.added;
    reopened += n!.closed;
  }
  return { revision, removed, reopened };
}

/**
 * discardUnrecorded(c) removes the rows of any load newer than the last recorded revision and reopens
 * the rows such a load had closed, in one transaction; it returns what it found (all zero when the
 * warehouse is whole).
 */
export async function discardUnrecorded(c: DuckDBConnection): Promise<Unrecorded> {
  const found = await unrecordedChanges(c);
  if (!found.removed && !found.reopened) return found;
  await transaction(c, async () => {
    for (const t of tables) {
      await c.run(`DELETE FROM ${t} WHERE valid_from > $r`, { r: found.revision });
      await c.run(`UPDATE ${t} SET valid_to = NULL WHERE valid_to > $r`, { r: found.revision });
    }
  });
  // Make the repair durable at once, rather than leaving it to a WAL that another kill could tear.
  await c.run("CHECKPOINT");
  return found;
}

async function lastRecorded(c: DuckDBConnection): Promise<number> {
  return (await query<{ r: number }>(c, "SELECT coalesce(max(revision), 0)::INTEGER AS r FROM revisions"))[0]!.r;
}
