// What the migration tests share: a fixture warehouse of an earlier schema unpacked afresh, the CLI run
// on it, and its tables' rows in the columns that schema had (what a migration must keep as it was).

import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { main } from "../../pipeline/cli/main.ts";
import { query, quoteIdentifier, withConnection } from "../../pipeline/warehouse/db.ts";

/** oldWarehouse("tests/fixtures/warehouse-v1/warehouse-v1.tar.gz"): unpack() gives a fresh copy (w.duckdb, w.duckdb.files/, data/), path(name) a new path beside. */
export function oldWarehouse(archive: string) {
  const fixture = resolve(archive);
  let root = "";
  let n = 0;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "ftz-migrate-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  return {
    async unpack(): Promise<string> {
      const dir = join(root, `copy-${++n}`);
      execFileSync("mkdir", ["-p", dir]);
      execFileSync("tar", ["-xzf", fixture, "-C", dir]);
      return dir;
    },
    /** A new path in the same temporary folder (for a warehouse made new to compare with). */
    path(name: string): string {
      return join(root, `${++n}-${name}`);
    },
  };
}

/** `ftz <args> --db <dir>/w.duckdb --data <dir>/data --today 2026-12-03`, in process: exit code and what it printed. */
export async function ftz(dir: string, ...args: string[]) {
  let out = "";
  let err = "";
  const argv = [...args, "--db", join(dir, "w.duckdb"), "--data", join(dir, "data"), "--today", "2026-12-03"];
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
  return { code, out, err };
}

/** Every table's rows, sorted, leaving out the columns a later schema added (`added`). */
export async function contentWithout(db: string, added: readonly string[]): Promise<Record<string, string[]>> {
  return withConnection(
    db,
    async (c) => {
      const out: Record<string, string[]> = {};
      for (const table of ["meta", "revisions", "files", "observations", "item_statuses", "tasks", "task_statuses"]) {
        const cols = (await query<{ c: string }>(c, "SELECT column_name AS c FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position", { t: table }))
          .map((x) => x.c)
          .filter((col) => !added.includes(col));
        const row = `concat_ws('|', ${cols.map((x) => `coalesce(${quoteIdentifier(x)}::VARCHAR, '∅')`).join(", ")})`;
        const rows = await query<{ r: string }>(c, `SELECT ${row} AS r FROM ${quoteIdentifier(table)} ORDER BY r`);
        out[table] = rows.map((x) => x.r.replace(/schema_version\|\d+/, "schema_version|?"));
      }
      return out;
    },
    { readOnly: true },
  );
}
