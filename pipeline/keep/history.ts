// What the warehouse records of its own history — the `revisions` and `files` tables, and how many
// rows each revision added and closed — read the same way by `ftz check` and `ftz rebuild`. Only
// recorded revisions count: rows a killed load left behind (repair.ts) are not history.

import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../warehouse/db.ts";
import { dataTables } from "../warehouse/schema.ts";

export type Row = Record<string, unknown>;

export interface FileRecord {
  path: string;
  sha256: string;
  valid_from: number;
  valid_to: number | null;
}

export interface History {
  /** Every column of `revisions`, loaded_at as text, by revision. */
  revisions: (Row & { revision: number; loaded_at: string })[];
  /** Every column of `files` for the recorded revisions (a close by an unrecorded load undone), by revision and path. */
  files: (Row & FileRecord)[];
  /** meta's schema_version, if it has one. */
  schemaVersion: string | undefined;
}

export async function readHistory(c: DuckDBConnection): Promise<History> {
  const revisions = await query<History["revisions"][number]>(c, "SELECT * REPLACE (loaded_at::VARCHAR AS loaded_at) FROM revisions ORDER BY revision");
  const last = revisions.at(-1)?.revision ?? 0;
  const files = await query<History["files"][number]>(
    c,
    "SELECT * REPLACE (CASE WHEN valid_to > $r THEN NULL ELSE valid_to END AS valid_to) FROM files WHERE valid_from <= $r ORDER BY valid_from, path",
    { r: last },
  );
  const meta = await query<{ value: string }>(c, "SELECT value FROM meta WHERE key = 'schema_version'");
  return { revisions, files, schemaVersion: meta[0]?.value };
}

/** The counts a revision records, and the counts its rows and files show. */
export interface RevisionCounts {
  revision: number;
  recorded: { filesIn: number; filesOut: number; rowsAdded: number; rowsWithdrawn: number };
  found: { filesIn: number; filesOut: number; rowsAdded: number; rowsWithdrawn: number };
}

/**
 * revisionCounts(c, history): for each recorded revision, what `revisions` says it did against what the
 * tables hold — files opened (added + changed) and closed (changed + withdrawn), rows added and closed.
 */
export async function revisionCounts(c: DuckDBConnection, history: History): Promise<RevisionCounts[]> {
  const rows = new Map<number, { added: number; withdrawn: number }>();
  for (const t of dataTables) {
    // Per revision, in one pass over the table: rows it opened, and rows it closed.
    const counts = await query<{ r: number; added: number; withdrawn: number }>(
      c,
      `SELECT r, sum(added)::INTEGER AS added, sum(withdrawn)::INTEGER AS withdrawn FROM (
         SELECT valid_from AS r, 1 AS added, 0 AS withdrawn FROM ${t}
         UNION ALL SELECT valid_to, 0, 1 FROM ${t} WHERE valid_to IS NOT NULL) GROUP BY r`,
    );
    for (const x of counts) {
      const n = rows.get(x.r) ?? { added: 0, withdrawn: 0 };
      rows.set(x.r, { added: n.added + x.added, withdrawn: n.withdrawn + x.withdrawn });
    }
  }
  return history.revisions.map((rev) => {
    const r = rev.revision;
    const n = rows.get(r) ?? { added: 0, withdrawn: 0 };
    return {
      revision: r,
      recorded: {
        filesIn: Number(rev.files_added) + Number(rev.files_changed),
        filesOut: Number(rev.files_changed) + Number(rev.files_withdrawn),
        rowsAdded: Number(rev.rows_added),
        rowsWithdrawn: Number(rev.rows_withdrawn),
      },
      found: {
        filesIn: history.files.filter((f) => f.valid_from === r).length,
        filesOut: history.files.filter((f) => f.valid_to === r).length,
        rowsAdded: n.added,
        rowsWithdrawn: n.withdrawn,
      },
    };
  });
}

export const countsAgree = (x: RevisionCounts) => JSON.stringify(x.recorded) === JSON.stringify(x.found);
