// The one module that owns DuckDB connections. Values always go in as parameters; the few names
// that are built into SQL go through quoteIdentifier.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

// Loaded with require(), not import: Node imports a CommonJS package into ES modules by first parsing
// each of its modules for the names it exports (cjs-module-lexer), ≈ 0.25 s of CPU that every ftz
// command touching the warehouse paid before doing anything (0.53 s against 0.28 s to load it).
export const duckdb: typeof import("@duckdb/node-api") = createRequire(import.meta.url)("@duckdb/node-api");

export const defaultWarehouse = "data/warehouse.duckdb";

/** The warehouse file: --db, else FTZ_WAREHOUSE, else data/warehouse.duckdb. */
export function warehousePath(flag?: string, env: Record<string, string | undefined> = process.env): string {
  return flag ?? env.FTZ_WAREHOUSE ?? defaultWarehouse;
}

/** Another process holds the warehouse (DuckDB allows one writer per file). */
export class WarehouseBusyError extends Error {
  constructor(readonly path: string, readonly holder: string) {
    super(
      `数据仓库正被另一个进程使用（${holder}），请稍后再试 / the warehouse ${path} is in use by another process (${holder}); try again when it has finished`,
    );
  }
}

/** The warehouse has never been loaded: nothing to read yet. */
export class WarehouseEmptyError extends Error {
  constructor() {
    super("数据仓库还没有数据，请先运行 ftz ingest / the warehouse holds no data yet: run ftz ingest first");
  }
}

export interface OpenOptions {
  readOnly?: boolean;
  /** How long to wait for another writer to finish before refusing, in milliseconds. */
  waitMs?: number;
}

/**
 * withConnection(path, fn) opens the warehouse, runs fn with a connection and always closes both.
 * When another process holds the file, it retries until waitMs has passed, then throws
 * WarehouseBusyError: one of two concurrent ingests waits, and refuses clearly if it waits too long.
 */
export async function withConnection<T>(path: string, fn: (c: DuckDBConnection) => Promise<T>, options: OpenOptions = {}): Promise<T> {
  const instance = await openInstance(path, options);
  const connection = await instance.connect();
  try {
    return await fn(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function openInstance(path: string, { readOnly = false, waitMs = 30_000 }: OpenOptions): Promise<DuckDBInstance> {
  if (readOnly && path !== ":memory:" && !existsSync(path)) throw new WarehouseEmptyError();
  const deadline = Date.now() + waitMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      return await duckdb.DuckDBInstance.create(path, readOnly ? { access_mode: "READ_ONLY" } : {});
    } catch (e) {
      const holder = /Conflicting lock is held in (.*?)(?:\. See|$)/.exec((e as Error).message)?.[1];
      if (!holder) throw e;
      if (Date.now() + delay > deadline) throw new WarehouseBusyError(path, holder);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** transaction(c, fn): BEGIN, fn, COMMIT — or ROLLBACK on any error, so nothing is half-written. */
export async function transaction<T>(c: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await c.run("BEGIN TRANSACTION");
  try {
    const result = await fn();
    await c.run("COMMIT");
    return result;
  } catch (e) {
    // A failed COMMIT (a full disk) has already ended the transaction, and the ROLLBACK's own error
    // ("no transaction is active") would hide the cause: the first error is the one to tell.
    await c.run("ROLLBACK").catch(() => {});
    throw e;
  }
}

/** A name for SQL: "like ""this""". Only for identifiers; values are parameters. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Rows as plain objects with JSON-friendly values (dates as ISO strings, bigints as numbers). */
export async function query<T = Record<string, unknown>>(c: DuckDBConnection, sql: string, params: Record<string, string | number | boolean | null> = {}): Promise<T[]> {
  const reader = await c.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as T[];
}

/**
 * queryBatches(c, sql, params, size) yields the rows in batches of about `size`, as arrays of plain
 * values (cast columns in SQL to VARCHAR, DOUBLE, INTEGER or BOOLEAN): a large result never sits in
 * memory whole.
 */
export async function* queryBatches(c: DuckDBConnection, sql: string, params: Record<string, string | number | boolean | null> = {}, size = 65_536): AsyncGenerator<unknown[][]> {
  const result = await c.stream(sql, params);
  let batch: unknown[][] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    for (const row of chunk.getRows()) batch.push(row);
    if (batch.length >= size) yield batch.splice(0);
  }
  if (batch.length) yield batch;
}
