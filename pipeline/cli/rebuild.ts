// `ftz rebuild [--db FILE]`: the warehouse made again from the kept bytes of every ingested file
// (keep/rebuild.ts), then swapped in whole; on any refusal the warehouse is unchanged (exit 1).

import { rebuild, RebuildRefused } from "../keep/rebuild.ts";
import { warehousePath } from "../warehouse/db.ts";
import { printProblems, progressBar, type Io } from "./io.ts";
import { registryOrReport } from "./registry.ts";

export interface RebuildOptions {
  dataDir: string;
  /** --db, if given (else FTZ_WAREHOUSE, else data/warehouse.duckdb: warehousePath). */
  db: string | undefined;
  today: string;
  waitMs: number;
}

export async function rebuildCommand(o: RebuildOptions, io: Io): Promise<number> {
  const registry = await registryOrReport(o.dataDir, false, io);
  if (typeof registry === "number") return registry;
  const db = warehousePath(o.db);
  const bar = progressBar(io);
  try {
    const r = await rebuild({ db, registry, today: o.today, waitMs: o.waitMs, progress: (done, total) => bar.update("load", done, total) }).finally(bar.end);
    for (const line of r.repaired) io.err(`ftz: 原数据仓库的记录与其数据不符，已按保存的文件重建 / the old warehouse's records disagreed with its rows; rebuilt from the kept files: ${line}\n`);
    io.out(
      `已由保存的文件重建数据仓库：${r.revisions} 个版本、${r.files} 个文件、当前 ${r.rows} 行 / ` +
        `rebuilt the warehouse from the kept files: ${r.revisions} revisions, ${r.files} files, ${r.rows} current rows (${db})\n`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof RebuildRefused)) throw e;
    printProblems(e.problems, io);
    io.err(`ftz: ${e.message}\n`);
    return 1;
  }
}
