// `ftz check`: is the warehouse sound? It reads, never writes (the warehouse is opened read-only, the
// kept store only read) and says what is wrong and the command that repairs it:
//   schema      an earlier schema version (migrated by the next command that opens it) → ftz ingest;
//               one no migration leads from → ftz rebuild; a later one → the newer ftz
//   missing     a kept file a recorded revision refers to is gone               → ftz ingest / a backup
//   corrupt     a kept file's bytes do not hash to its name                     → move it aside, as missing
//   counts      a revision's recorded counts differ from the files and rows     → ftz rebuild
//   unrecorded  rows newer than the last recorded revision (a killed load)      → ftz ingest
//   record      the store's record of a revision differs from the warehouse's   → delete it, ftz ingest
//   unreadable  DuckDB cannot open the warehouse                                → move it aside, ftz rebuild (from the store)
// Notes that need nothing done: a WAL left by a process that did not close (it is replayed on the next
// open), kept files no revision refers to (a refused load's), leftovers of cut-short writes.

import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { WarehouseBusyError, WarehouseEmptyError, query, withConnection } from "../warehouse/db.ts";
import { unrecordedChanges } from "../warehouse/repair.ts";
import { schemaVersion } from "../warehouse/schema.ts";
import { migrationsFrom } from "../warehouse/migrate.ts";
import { countsAgree, readHistory, revisionCounts, type History } from "./history.ts";
import { blobPath, blobState, keptStore, listStore } from "./store.ts";
import { entriesOf, readManifest } from "./manifest.ts";

export type FindingCode = "schema" | "missing" | "corrupt" | "counts" | "unrecorded" | "record" | "unreadable";

export interface Finding {
  code: FindingCode;
  zh: string;
  en: string;
  /** The command (or step) that repairs it. */
  repair: string;
}

export interface CheckReport {
  sound: boolean;
  findings: Finding[];
  /** Lines worth knowing that need nothing done (zh / en). */
  notes: string[];
  schemaVersion: string | undefined;
  revisions: number;
  /** Distinct kept files the revisions refer to. */
  kept: number;
}

export async function checkWarehouse(db: string, { waitMs = 30_000 } = {}): Promise<CheckReport> {
  if (!existsSync(db)) throw new WarehouseEmptyError();
  const report: CheckReport = { sound: true, findings: [], notes: [], schemaVersion: undefined, revisions: 0, kept: 0 };
  if (existsSync(`${db}.wal`)) {
    report.notes.push(`${db}.wal：上一个进程未正常关闭数据仓库，下次打开时重放 / a process did not close the warehouse; the next open replays it`);
  }
  let opened = false;
  try {
    await withConnection(
      db,
      (c) => {
        opened = true;
        return inspect(c, db, report);
      },
      { readOnly: true, waitMs },
    );
  } catch (e) {
    // Only a failure to open is a finding; one while reading an open warehouse is not to be disguised as one.
    if (opened || e instanceof WarehouseBusyError) throw e;
    report.findings.push({
      code: "unreadable",
      zh: `无法打开数据仓库：${(e as Error).message.split("\n")[0]}`,
      en: `the warehouse cannot be opened: ${(e as Error).message.split("\n")[0]}`,
      repair: `把 ${db} 移走后运行 ftz rebuild，由保存的文件及其版本记录重建（全部版本保留）；或从备份恢复 / move ${db} aside and run ftz rebuild: it builds the warehouse again from the kept files and their record of the revisions, every revision kept; or restore it from a backup`,
    });
  }
  await noteLeftovers(db, report);
  report.sound = report.findings.length === 0;
  return report;
}

async function inspect(c: DuckDBConnection, db: string, report: CheckReport): Promise<void> {
  const tables = new Set((await query<{ t: string }>(c, "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'main'")).map((x) => x.t));
  if (!["meta", "revisions", "files"].every((t) => tables.has(t))) {
    report.findings.push({
      code: "schema",
      zh: `${db} 不是本程序的数据仓库（缺少 meta、revisions 或 files 表）`,
      en: `${db} is not a warehouse of this program (no meta, revisions or files table)`,
      repair: `检查 --db 是否指错了文件 / check that --db names the right file`,
    });
    return;
  }
  const history = await readHistory(c);
  report.schemaVersion = history.schemaVersion;
  report.revisions = history.revisions.length;
  const store = keptStore(db);
  const hashes = [...new Set(history.files.map((f) => f.sha256))];
  report.kept = hashes.length;
  for (const sha of hashes) {
    const state = await blobState(store, sha);
    if (state === "ok") continue;
    const uses = history.files.filter((f) => f.sha256 === sha);
    const names = uses.map((f) => `${f.path}（第 ${f.valid_from} 版 revision ${f.valid_from}）`).join("、");
    const current = uses.find((f) => f.valid_to === null);
    const restore =
      (current ? `若 ${current.path} 仍未改动，运行 ftz ingest 即重新保存；否则 / if ${current.path} is still unchanged, ftz ingest keeps it again; otherwise ` : "") +
      `从备份恢复该文件到 ${blobPath(store, sha)} / restore the file from a backup to ${blobPath(store, sha)}`;
    report.findings.push(
      state === "missing"
        ? { code: "missing", zh: `保存的文件 ${sha} 缺失：${names}`, en: `kept file ${sha} is missing: ${names}`, repair: restore }
        : {
            code: "corrupt",
            zh: `保存的文件 ${sha} 已损坏（内容的哈希与文件名不符）：${names}`,
            en: `kept file ${sha} is corrupt (its bytes do not hash to its name): ${names}`,
            repair: `先把 ${blobPath(store, sha)} 移走，再 / move ${blobPath(store, sha)} aside, then: ${restore}`,
          },
    );
  }
  if (history.schemaVersion !== schemaVersion) {
    const had = history.schemaVersion ?? "（无）";
    const newer = Number(history.schemaVersion) > Number(schemaVersion);
    const migratable = history.schemaVersion !== undefined && migrationsFrom(history.schemaVersion) !== undefined;
    report.findings.push({
      code: "schema",
      zh: `数据仓库的结构版本为 ${had}，本程序为 ${schemaVersion}${migratable ? "（可升级，历史保留）" : ""}`,
      en: `the warehouse's schema version is ${history.schemaVersion ?? "(none)"}, this program's is ${schemaVersion}${migratable ? " (it migrates, history kept)" : ""}`,
      repair: newer ? "使用更新版本的 ftz / use the newer ftz that made it" : migratable ? `ftz ingest --db ${db}` : `ftz rebuild --db ${db}`,
    });
    return; // the row tables are another schema's: their counts are not this program's to read
  }
  for (const x of await revisionCounts(c, history)) {
    if (countsAgree(x)) continue;
    const { recorded: a, found: b } = x;
    report.findings.push({
      code: "counts",
      zh: `第 ${x.revision} 版记录的数目与数据不符：文件 +${a.filesIn}/−${a.filesOut}、行 +${a.rowsAdded}/−${a.rowsWithdrawn}，实有文件 +${b.filesIn}/−${b.filesOut}、行 +${b.rowsAdded}/−${b.rowsWithdrawn}`,
      en: `revision ${x.revision} records files +${a.filesIn}/−${a.filesOut}, rows +${a.rowsAdded}/−${a.rowsWithdrawn}, but the tables hold files +${b.filesIn}/−${b.filesOut}, rows +${b.rowsAdded}/−${b.rowsWithdrawn}`,
      repair: `ftz rebuild --db ${db}`,
    });
  }
  const torn = await unrecordedChanges(c);
  if (torn.removed || torn.reopened) {
    report.findings.push({
      code: "unrecorded",
      zh: `有未记录的导入留下的数据（进程被终止）：${torn.removed} 行晚于第 ${torn.revision} 版，${torn.reopened} 行被其关闭`,
      en: `a killed load left unrecorded changes: ${torn.removed} rows newer than revision ${torn.revision}, ${torn.reopened} rows closed by it`,
      repair: `ftz ingest --db ${db}（导入前先撤销它们 / takes them back before it loads）`,
    });
  }
  await checkRecord(store, history, report);
  const { blobs } = await listStore(store);
  const unreferenced = blobs.filter((b) => !hashes.includes(b)).length;
  if (unreferenced) report.notes.push(`${unreferenced} 个保存的文件不属于任何版本（被拒绝或中断的导入留下的，无害）/ ${unreferenced} kept files belong to no revision (left by a refused or killed load; harmless)`);
}

/**
 * The store's record of the revisions (manifest.ts) against the warehouse's history: entries missing
 * (a warehouse from before the record, or a load killed before it confirmed its entry) are a note —
 * the next ingest writes them; an entry that says otherwise than the warehouse is a finding.
 */
async function checkRecord(store: string, history: History, report: CheckReport): Promise<void> {
  const { entries, pending } = await readManifest(store);
  const have = new Map(entries.map((e) => [e.revision, JSON.stringify(e)]));
  const want = entriesOf(history);
  const missing = want.filter((e) => !have.has(e.revision)).map((e) => e.revision);
  if (missing.length || pending.length) {
    report.notes.push(
      `保存处的版本记录缺少 ${missing.length} 个版本、有 ${pending.length} 个待确认（下次 ftz ingest 补齐）/ the kept store's record of the revisions lacks ${missing.length} revisions and has ${pending.length} unconfirmed (the next ftz ingest completes it)`,
    );
  }
  for (const e of want) {
    const stored = have.get(e.revision);
    if (stored === undefined || stored === JSON.stringify(e)) continue;
    const file = join(store, "revisions", `${e.revision}.json`);
    report.findings.push({
      code: "record",
      zh: `保存处对第 ${e.revision} 版的记录与数据仓库不符`,
      en: `the kept store's record of revision ${e.revision} differs from the warehouse's`,
      repair: `删除 ${file} 后运行 ftz ingest，由数据仓库重写 / delete ${file}, then ftz ingest writes it again from the warehouse`,
    });
  }
}

/** Files a cut-short write left: in the kept store, and rebuilds beside the warehouse. */
async function noteLeftovers(db: string, report: CheckReport): Promise<void> {
  const { leftovers } = await listStore(keptStore(db));
  const rebuilds = (await readdir(dirname(db)).catch(() => [] as string[])).filter((n) => n.startsWith(`${basename(db)}.rebuild-`));
  if (leftovers.length || rebuilds.length) {
    report.notes.push(
      `${leftovers.length + rebuilds.length} 个中断的写入留下的临时文件（无害，下次 ftz rebuild 清除重建文件）/ ${leftovers.length + rebuilds.length} temporary files left by cut-short writes (harmless; the next ftz rebuild removes rebuild files)`,
    );
  }
}
