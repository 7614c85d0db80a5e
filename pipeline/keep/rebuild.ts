// `ftz rebuild`: the warehouse made again from the kept bytes (store.ts), revision by revision, by the
// same ingest that made it — so a warehouse of an older schema comes out in the current one. Each
// revision is replayed with the files it opened (read from the kept store under their own names) and
// the ones it closed, at its own load time: it holds the same files (paths, hashes) as before.
//
// "Today" while replaying: validation refuses periods and dates after today, and nothing else it
// stores depends on the date, so a revision that was accepted on its day is accepted on any later day
// with the same rows. The replay uses the later of the rebuild's today and the day after the
// revision's load time (the load time is UTC; the analyst's today may be a day ahead of it).
//
// Built into a new file beside the warehouse, checked against the old one, then renamed over it:
// killed at any moment before the rename, the old warehouse is untouched (a leftover
// <name>.rebuild-<pid> is removed by the next rebuild). The old warehouse is held open meanwhile, so
// no ingest runs during a rebuild.

import { existsSync } from "node:fs";
import { readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Problem } from "../problems.ts";
import type { Registry } from "../registry/types.ts";
import { WarehouseEmptyError, withConnection } from "../warehouse/db.ts";
import { warehouseDigest } from "../warehouse/digest.ts";
import { ingest } from "../warehouse/ingest.ts";
import { unrecordedChanges } from "../warehouse/repair.ts";
import { schemaVersion } from "../warehouse/schema.ts";
import { countsAgree, readHistory, revisionCounts, type History, type RevisionCounts, type Row } from "./history.ts";
import { blobPath, blobState, flush, keptStore } from "./store.ts";
import { historyOf, readManifest } from "./manifest.ts";

export interface RebuildInput {
  db: string;
  registry: Registry;
  /** The rebuild's today (the analyst's date). */
  today: string;
  waitMs?: number;
  /** Told after each revision is replayed. */
  progress?: (done: number, total: number) => void;
}

export interface RebuildResult {
  revisions: number;
  files: number;
  rows: number;
  /** Where the old warehouse's own records disagreed with its rows (it was damaged): what the rebuilt one holds instead. */
  repaired: string[];
}

/** The rebuild cannot reproduce the warehouse: nothing was changed. `problems` when a kept file no longer loads. */
export class RebuildRefused extends Error {
  constructor(message: string, readonly problems: Problem[] = []) {
    super(message);
  }
}

export async function rebuild(input: RebuildInput): Promise<RebuildResult> {
  const { db } = input;
  if (!existsSync(db)) return rebuildFromStore(input);
  const tmp = `${db}.rebuild-${process.pid}`;
  let result: RebuildResult;
  try {
    result = await withConnection(
      db,
      async (old) => {
        // Holding the warehouse, no other rebuild runs: any rebuild file beside it is a killed one's.
        await removeStaleRebuilds(db);
        const history = await readHistory(old);
        if (!history.revisions.length) throw new WarehouseEmptyError();
        await refuseLostBytes(keptStore(db), history);
        return withConnection(tmp, async (fresh) => {
          await replay(fresh, history, input);
          const after = await readHistory(fresh);
          const repaired = await compare(old, fresh, history, after);
          await fresh.run("CHECKPOINT");
          return { revisions: after.revisions.length, files: new Set(after.files.map((f) => f.sha256)).size, rows: currentRows(after), repaired };
        });
      },
      { waitMs: input.waitMs },
    );
    // The old warehouse is closed (and checkpointed): a WAL beside it now would be replayed into the new file.
    if (existsSync(`${db}.wal`)) throw new RebuildRefused(`数据仓库关闭后仍留有 ${db}.wal，未替换 / ${db}.wal remains after closing the warehouse: not replaced`);
    await rm(`${tmp}.wal`, { force: true });
    await rename(tmp, db);
    await flush(dirname(db));
  } finally {
    await rm(tmp, { force: true });
    await rm(`${tmp}.wal`, { force: true });
  }
  return result;
}

/**
 * The warehouse file is gone (lost, or moved aside because DuckDB can no longer open it): built again
 * from the kept store alone — its record of the revisions (manifest.ts) and the files' bytes. Nothing
 * to compare with, so the replay's own checks (every revision loads, with its own number) are the proof.
 */
async function rebuildFromStore(input: RebuildInput): Promise<RebuildResult> {
  const { db } = input;
  const store = keptStore(db);
  const { entries } = await readManifest(store);
  if (!entries.length || entries.some((e, i) => e.revision !== i + 1)) throw new WarehouseEmptyError();
  const history = historyOf(entries);
  await refuseLostBytes(store, history);
  // No warehouse to hold, so no lock: leftovers of killed rebuilds stay for the next rebuild of a warehouse to remove.
  const tmp = `${db}.rebuild-${process.pid}`;
  try {
    const result = await withConnection(tmp, async (fresh) => {
      await replay(fresh, history, input);
      const after = await readHistory(fresh);
      await fresh.run("CHECKPOINT");
      return { revisions: after.revisions.length, files: new Set(after.files.map((f) => f.sha256)).size, rows: currentRows(after), repaired: [] };
    });
    await rm(`${tmp}.wal`, { force: true });
    // Another process may have made a new warehouse meanwhile: never replace it.
    if (existsSync(db)) throw new RebuildRefused(`重建期间出现了新的数据仓库 ${db}，未替换 / a new warehouse ${db} appeared during the rebuild: not replaced`);
    await rename(tmp, db);
    await flush(dirname(db));
    return result;
  } finally {
    await rm(tmp, { force: true });
    await rm(`${tmp}.wal`, { force: true });
  }
}

/** Every kept blob a recorded revision refers to must be there and whole, before anything is built. */
async function refuseLostBytes(store: string, history: History): Promise<void> {
  const lost: string[] = [];
  for (const sha of new Set(history.files.map((f) => f.sha256))) {
    const state = await blobState(store, sha);
    if (state === "ok") continue;
    const names = history.files.filter((f) => f.sha256 === sha).map((f) => `${f.path} (${f.valid_from})`);
    lost.push(`${blobPath(store, sha)} ${state === "missing" ? "缺失 missing" : "已损坏 corrupt"} — ${names.join(", ")}`);
  }
  if (lost.length) {
    throw new RebuildRefused(
      `无法重建：${lost.length} 个保存的文件缺失或损坏，数据仓库未改动；请从备份恢复后重试（ftz check 列出全部）/ ` +
        `cannot rebuild: ${lost.length} kept files are missing or corrupt, the warehouse is unchanged; restore them from a backup and try again (ftz check lists them): ${lost.join("; ")}`,
    );
  }
}

/** Each recorded revision again, in order, with the files it opened and closed. */
async function replay(c: DuckDBConnection, history: History, input: RebuildInput): Promise<void> {
  const store = keptStore(input.db);
  for (const [i, rev] of history.revisions.entries()) {
    const r = rev.revision;
    const opened = history.files.filter((f) => f.valid_from === r).sort((a, b) => (a.path < b.path ? -1 : 1));
    const touched = history.files.filter((f) => f.valid_from === r || f.valid_to === r).map((f) => f.path);
    const loadedAt = new Date(`${rev.loaded_at.replace(" ", "T")}Z`);
    const out = await ingest(c, {
      files: opened.map((f) => ({ file: f.path, path: blobPath(store, f.sha256) })),
      scope: [...new Set(touched)], // what is current, not opened again and named here, is withdrawn
      registry: input.registry,
      today: laterOf(input.today, dayAfter(rev.loaded_at.slice(0, 10))),
      now: loadedAt,
      // Not `keep`: the bytes are read from the store itself, and the store's record of the revisions
      // (manifest.ts) describes these very revisions already; settling it against a half-replayed
      // warehouse would take later entries for a restored backup's.
    });
    if (!out.ok || out.revision !== r) {
      throw new RebuildRefused(
        `无法重建：第 ${r} 版的保存文件按现行规则不再能导入（登记表或规则已变？），数据仓库未改动 / ` +
          `cannot rebuild: the kept files of revision ${r} no longer load under the current rules (did the registry or a rule change?); the warehouse is unchanged`,
        out.problems,
      );
    }
    input.progress?.(i + 1, history.revisions.length);
  }
}

/**
 * The rebuilt warehouse must record the same revisions and files as the old one, and — when the old one
 * is whole and of this schema — hold the same rows in every table. When the old one's records disagree
 * with its own rows (it was damaged), the rebuilt one is taken as it comes and the differences returned.
 */
async function compare(old: DuckDBConnection, fresh: DuckDBConnection, before: History, after: History): Promise<string[]> {
  const differs = (what: string, a: Row[], b: Row[]) => {
    const first = a.findIndex((x, i) => !sameRow(x, b[i]));
    if (first < 0 && a.length === b.length) return;
    const at = first < 0 ? Math.min(a.length, b.length) : first;
    throw new RebuildRefused(
      `重建结果与原数据仓库不同（${what} 第 ${at + 1} 行），数据仓库未改动 / the rebuilt warehouse differs from the old one (${what}, row ${at + 1}: ` +
        `${JSON.stringify(a[at] ?? null)} before, ${JSON.stringify(b[at] ?? null)} rebuilt); the warehouse is unchanged`,
    );
  };
  const oldCounts = await revisionCounts(old, before);
  const damaged = oldCounts.filter((x) => !countsAgree(x));
  differs("files", before.files, after.files);
  const counts = (n: RevisionCounts["found"]) => `files +${n.filesIn}/−${n.filesOut}, rows +${n.rowsAdded}/−${n.rowsWithdrawn}`;
  if (damaged.length) return damaged.map((x) => `revision ${x.revision} recorded ${counts(x.recorded)}; its tables held ${counts(x.found)}`);
  differs("revisions", before.revisions, after.revisions);
  const torn = await unrecordedChanges(old);
  if (before.schemaVersion === schemaVersion && !torn.removed && !torn.reopened) {
    const [a, b] = [await warehouseDigest(old), await warehouseDigest(fresh)];
    for (const table of Object.keys(b).filter((t) => t !== "meta")) {
      if (a[table] !== b[table]) {
        throw new RebuildRefused(
          `重建后表 ${table} 的内容与原数据仓库不同，数据仓库未改动 / the rebuilt table ${table} differs from the old one (${a[table]} rows:hash before, ${b[table]} rebuilt); the warehouse is unchanged`,
        );
      }
    }
  }
  return [];
}

/** Two records alike in every column both have (a schema change may add or drop columns). */
function sameRow(a: Row, b: Row | undefined): boolean {
  if (!b) return false;
  return Object.keys(a).every((k) => !(k in b) || JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** The rows current after the last revision, as the revisions record them. */
const currentRows = (h: History) => h.revisions.reduce((n, r) => n + Number(r.rows_added) - Number(r.rows_withdrawn), 0);

async function removeStaleRebuilds(db: string): Promise<void> {
  const prefix = `${basename(db)}.rebuild-`;
  for (const name of await readdir(dirname(db))) if (name.startsWith(prefix)) await rm(join(dirname(db), name), { recursive: true, force: true });
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const laterOf = (a: string, b: string) => (a > b ? a : b);
