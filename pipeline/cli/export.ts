// `ftz export [--out DIR]`: write the files the site reads, computed from the warehouse (export/),
// streamed to disk one indicator at a time and swapped in whole.

import { writeExport } from "../export/site.ts";
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
  const { files, revision } = await writeExport({ dataDir: o.dataDir, db: warehousePath(o.db), asOf: o.asOf, today: o.today, out: o.out });
  io.out(`已导出 ${files} 个文件到 ${o.out}（截至 ${o.asOf}，第 ${revision} 版）/ exported ${files} files to ${o.out} (as of ${o.asOf}, revision ${revision})\n`);
  return 0;
}
