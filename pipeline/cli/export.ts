// `ftz export [--out DIR]`: write the files the site reads, computed from the warehouse (export/).

import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { exportFromWarehouse } from "../export/site.ts";
import { warehousePath } from "../warehouse/db.ts";
import type { Io } from "./io.ts";

export interface ExportOptions {
  dataDir: string;
  /** --db, if given (else FTZ_WAREHOUSE, else data/warehouse.duckdb: warehousePath). */
  db: string | undefined;
  asOf: string;
  today: string;
  out: string;
}

export async function exportCommand(o: ExportOptions, io: Io): Promise<number> {
  const { files, revision } = await exportFromWarehouse({ dataDir: o.dataDir, db: warehousePath(o.db), asOf: o.asOf, today: o.today });
  // Write beside, then swap: the site never reads a half-written export.
  const tmp = `${o.out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  for (const [name, content] of files) {
    await mkdir(dirname(join(tmp, name)), { recursive: true });
    await writeFile(join(tmp, name), content);
  }
  await rm(o.out, { recursive: true, force: true });
  await rename(tmp, o.out);
  io.out(`已导出 ${files.size} 个文件到 ${o.out}（截至 ${o.asOf}，第 ${revision} 版）/ exported ${files.size} files to ${o.out} (as of ${o.asOf}, revision ${revision})\n`);
  return 0;
}
