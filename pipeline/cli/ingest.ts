// `ftz ingest [paths…]`: validate, then load into the warehouse in one transaction (warehouse/ingest.ts).

import { relative, resolve, sep } from "node:path";
import { warehousePath, withConnection } from "../warehouse/db.ts";
import { ingest } from "../warehouse/ingest.ts";
import { schemaVersion } from "../warehouse/schema.ts";
import { keptStore } from "../keep/store.ts";
import { inputFiles, printProblems, progressBar, type Io } from "./io.ts";
import { registryOrReport } from "./registry.ts";

export interface IngestOptions {
  paths: string[];
  dataDir: string;
  /** --db, if given (else FTZ_WAREHOUSE, else data/warehouse.duckdb: warehousePath). */
  db: string | undefined;
  today: string;
  waitMs: number;
  json: boolean;
}

export async function ingestCommand(o: IngestOptions, io: Io): Promise<number> {
  const registry = await registryOrReport(o.dataDir, o.json, io);
  if (typeof registry === "number") return registry;
  const { files, tooLong } = await inputFiles(o.paths, io);
  // The same form findDataFiles gives file names (relative to the working folder, "/"): data/../data is data.
  const scope = o.paths.map((p) => (relative(io.cwd, resolve(io.cwd, p)) || ".").split(sep).join("/"));
  const db = warehousePath(o.db);
  // A field or line past the caps refuses the load before the warehouse is opened.
  if (tooLong.length) {
    if (o.json) io.out(`${JSON.stringify({ ok: false, problems: tooLong }, null, 2)}\n`);
    else {
      printProblems(tooLong, io);
      io.out("导入被拒绝，数据仓库未改动 / ingest refused: the warehouse is unchanged\n");
    }
    return 1;
  }
  const bar = progressBar(io);
  const r = await withConnection(db, (c) => ingest(c, { files, scope, registry, today: o.today, now: new Date(), progress: bar.update, keep: db === ":memory:" ? undefined : keptStore(db) }), { waitMs: o.waitMs }).finally(bar.end);
  if (o.json) {
    io.out(`${JSON.stringify({ ...r, problems: r.problems }, null, 2)}\n`);
    return r.ok ? 0 : 1;
  }
  if (r.migratedFrom) {
    io.out(`数据仓库已由结构版本 ${r.migratedFrom} 升级到 ${schemaVersion}，历史全部保留 / upgraded the warehouse from schema ${r.migratedFrom} to ${schemaVersion}, its history kept\n`);
  }
  const { removed, reopened } = r.repaired;
  if (removed || reopened) {
    io.err(
      `ftz: 上次导入未完成（进程被终止），其留下的 ${removed} 行已删除、${reopened} 行已恢复，数据仓库回到第 ${r.repaired.revision} 版 / ` +
        `an earlier ingest was killed before it finished: its ${removed} unrecorded rows were removed and ${reopened} rows reopened, back to revision ${r.repaired.revision}\n`,
    );
  }
  printProblems(r.problems, io);
  if (!r.ok) {
    io.out(`导入被拒绝，数据仓库未改动 / ingest refused: the warehouse is unchanged (revision ${r.revision})\n`);
    return 1;
  }
  if (!r.added.length && !r.changed.length && !r.withdrawn.length) {
    io.out(`没有变化：${r.unchanged.length} 个文件与第 ${r.revision} 版相同 / nothing changed: ${r.unchanged.length} files match revision ${r.revision}\n`);
    return 0;
  }
  io.out(
    `已导入第 ${r.revision} 版：新增 ${r.added.length} 个文件、更新 ${r.changed.length} 个、撤回 ${r.withdrawn.length} 个、未变 ${r.unchanged.length} 个；` +
      `新增 ${r.rowsAdded} 行，撤回 ${r.rowsWithdrawn} 行 / loaded revision ${r.revision}: ${r.added.length} files added, ` +
      `${r.changed.length} changed, ${r.withdrawn.length} withdrawn, ${r.unchanged.length} unchanged; ${r.rowsAdded} rows added, ${r.rowsWithdrawn} withdrawn (${db})\n`,
  );
  return 0;
}
