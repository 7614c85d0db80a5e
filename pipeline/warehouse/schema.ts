// The warehouse's tables. Every data row carries its origin (file, line, column, the file's content
// hash) and the revisions it is valid in: valid_from ≤ r < valid_to (valid_to NULL = still current).
// A changed file closes its old rows and adds new ones, so what was reported before stays queryable.

import type { DuckDBConnection } from "@duckdb/node-api";

export const schemaVersion = "1";

const origin = `
  sample BOOLEAN NOT NULL,
  file VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  sha256 VARCHAR NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_to INTEGER`;

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
    source VARCHAR NOT NULL,${origin})`,
  `CREATE TABLE IF NOT EXISTS item_statuses (
    item INTEGER NOT NULL,
    date DATE NOT NULL,
    status VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    source VARCHAR NOT NULL,${origin})`,
  `CREATE TABLE IF NOT EXISTS tasks (
    id VARCHAR NOT NULL,
    list VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    units VARCHAR NOT NULL, -- unit codes joined by '|'
    deadline DATE NOT NULL,
    deliverable VARCHAR NOT NULL,
    item INTEGER,
    note VARCHAR NOT NULL,
    source VARCHAR NOT NULL,${origin})`,
  `CREATE TABLE IF NOT EXISTS task_statuses (
    task VARCHAR NOT NULL,
    date DATE NOT NULL,
    status VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    source VARCHAR NOT NULL,${origin})`,
];

/** The tables that hold data rows, each with valid_from/valid_to. */
export const dataTables = ["observations", "item_statuses", "tasks", "task_statuses"] as const;

export async function ensureSchema(c: DuckDBConnection): Promise<void> {
  for (const sql of ddl) await c.run(sql);
  const rows = (await c.runAndReadAll("SELECT value FROM meta WHERE key = 'schema_version'")).getRowObjectsJson();
  if (rows.length === 0) await c.run("INSERT INTO meta VALUES ('schema_version', $v)", { v: schemaVersion });
  else if (rows[0]!.value !== schemaVersion) {
    throw new Error(`数据仓库版本 ${rows[0]!.value} 与程序版本 ${schemaVersion} 不符，请删除后重新导入 / warehouse schema ${rows[0]!.value} differs from ${schemaVersion}: delete it and ingest again`);
  }
}
