// The warehouse's tables. Every data row carries its origin (file, line, column, the file's content
// hash) and the revisions it is valid in: valid_from ≤ r < valid_to (valid_to NULL = still current).
// A changed file closes its old rows and adds new ones, so what was reported before stays queryable.

import type { DuckDBConnection } from "@duckdb/node-api";
import { query, withConnection, type OpenOptions } from "./db.ts";
import { migrate, migrationPath } from "./migrate.ts";

export const schemaVersion = "4";

const origin = `
  sample BOOLEAN NOT NULL,
  file VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  sha256 VARCHAR NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_to INTEGER`;

// Schema 2: where a published figure was published — link, title, date, the quoted sentence and how
// reliable the source is — each NULL when the file does not say. Last in the table, where migration
// 1 → 2 (migrate.ts) adds them, so a migrated warehouse and a new one have the same column order.
export const provenanceColumns = ["source_url", "source_title", "published", "excerpt", "reliability"] as const;
const provenance = `
  source_url VARCHAR,
  source_title VARCHAR,
  published DATE,
  excerpt VARCHAR,
  reliability VARCHAR`;

// Schema 3: whether a figure is a flow over its period or a stock at its end (normalise/period.ts
// periodKind), and the number and unit as written when a unit was written (12000 万元 beside the value
// 1.2 of an 亿元 indicator; NULL when none was). Last, where migration 2 → 3 adds them.
export const writtenColumns = ["period_kind", "written_value", "written_unit"] as const;
const written = `
  period_kind VARCHAR,
  written_value DOUBLE,
  written_unit VARCHAR`;

// Schema 4: the sheet of a workbook a row was read from (NULL for a CSV file), so that a stored row is
// located as its problems were, `x.xlsx[二月]:3:D`, from ftz check to the download. Last in every data
// table, where migration 3 → 4 adds it.
export const sheetColumns = ["sheet"] as const;
const sheet = `
  sheet VARCHAR`;

const ddl = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS revisions (
    revision INTEGER PRIMARY KEY,
    loaded_at TIMESTAMP NOT NULL,
    files_added INTEGER NOT NULL,
    files_changed INTEGER NOT NULL,
    files_withdrawn INTEGER NOT NULL,
    rows_added INTEGER NOT NULL,
    rows_withdrawn INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS files (
    path VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    layout VARCHAR NOT NULL,
    encoding VARCHAR NOT NULL,
    bytes BIGINT NOT NULL,
    rows INTEGER NOT NULL,
    valid_from INTEGER NOT NULL,
    valid_to INTEGER)`,
  `CREATE TABLE IF NOT EXISTS observations (
    indicator VARCHAR NOT NULL,
    entity VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    granularity VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    value DOUBLE,
    qualifier VARCHAR,
    note VARCHAR NOT NULL,
    source VARCHAR NOT NULL,${origin},${provenance},${written},${sheet})`,
  `CREATE TABLE IF NOT EXISTS item_statuses (
    item INTEGER NOT NULL,
    date DATE NOT NULL,
    status VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    source VARCHAR NOT NULL,${origin},${sheet})`,
  `CREATE TABLE IF NOT EXISTS tasks (
    id VARCHAR NOT NULL,
    list VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    units VARCHAR NOT NULL, -- unit codes joined by '|'
    deadline DATE NOT NULL,
    deliverable VARCHAR NOT NULL,
    item INTEGER,
    note VARCHAR NOT NULL,
    source VARCHAR NOT NULL,${origin},${sheet})`,
  `CREATE TABLE IF NOT EXISTS task_statuses (
    task VARCHAR NOT NULL,
    date DATE NOT NULL,
    status VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    source VARCHAR NOT NULL,${origin},${sheet})`,
];

/** The tables that hold data rows, each with valid_from/valid_to. */
export const dataTables = ["observations", "item_statuses", "tasks", "task_statuses"] as const;

/**
 * ensureSchema(c) makes a new warehouse's tables, or carries an older one forward to this schema
 * (migrate.ts: in one transaction, history kept). It returns the version the warehouse had before
 * (undefined for a new one), so the caller can say that it was upgraded.
 */
export async function ensureSchema(c: DuckDBConnection): Promise<string | undefined> {
  const had = await storedVersion(c);
  if (had !== undefined && had !== schemaVersion) {
    await migrate(c, had);
    return had;
  }
  for (const sql of ddl) await c.run(sql);
  if (had === undefined) await c.run("INSERT INTO meta BY NAME SELECT 'schema_version' AS key, $v AS value", { v: schemaVersion });
  return had;
}

/** The schema version a warehouse records; undefined when it has none yet (a new file). */
export async function storedVersion(c: DuckDBConnection): Promise<string | undefined> {
  const meta = await query<{ n: number }>(c, "SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'meta'");
  if (!meta[0]!.n) return undefined;
  return (await query<{ value: string }>(c, "SELECT value FROM meta WHERE key = 'schema_version'"))[0]?.value;
}

/**
 * withCurrentWarehouse(path, fn, options) is withConnection read-only, for the commands that only read
 * (status, export, diff): a warehouse of an earlier schema is first migrated — one short write open,
 * history kept — so an upgrade of ftz never asks the office to delete or rebuild anything. One of a
 * later schema is refused (exit 4) before anything is read.
 */
export async function withCurrentWarehouse<T>(path: string, fn: (c: DuckDBConnection) => Promise<T>, options: Omit<OpenOptions, "readOnly"> = {}): Promise<T> {
  const read = () =>
    withConnection(
      path,
      async (c) => {
        const version = await storedVersion(c);
        if (version === undefined || version === schemaVersion) return { done: true as const, value: await fn(c) };
        migrationPath(version); // refuses a version no step leads from, before anything is opened for writing
        return { done: false as const };
      },
      { ...options, readOnly: true },
    );
  const first = await read();
  if (first.done) return first.value;
  await withConnection(path, ensureSchema, options);
  const second = await read();
  if (!second.done) throw new Error(`the warehouse ${path} is still not of schema ${schemaVersion} after its migration`);
  return second.value;
}
