// `ftz check [--db FILE] [--json]`: is the warehouse sound (keep/check.ts)? Each finding in one line with
// the command that repairs it; exit 0 when sound, 1 when anything is wrong (3 when busy or absent).

import { checkWarehouse } from "../keep/check.ts";
import { warehousePath } from "../warehouse/db.ts";
import type { Io } from "./io.ts";

export interface CheckOptions {
  /** --db, if given (else FTZ_WAREHOUSE, else data/warehouse.duckdb: warehousePath). */
  db: string | undefined;
  waitMs: number;
  json: boolean;
}

export async function checkCommand(o: CheckOptions, io: Io): Promise<number> {
  const db = warehousePath(o.db);
  const r = await checkWarehouse(db, { waitMs: o.waitMs });
  if (o.json) {
    io.out(`${JSON.stringify({ db, ...r }, null, 2)}\n`);
    return r.sound ? 0 : 1;
  }
  for (const f of r.findings) io.out(`${f.code}: ${f.zh} / ${f.en}\n  修复 repair: ${f.repair}\n`);
  for (const n of r.notes) io.out(`注 note: ${n}\n`);
  const zh = `结构版本 ${r.schemaVersion ?? "?"}，${r.revisions} 个版本，${r.kept} 个保存的文件`;
  const en = `schema ${r.schemaVersion ?? "?"}, ${r.revisions} revisions, ${r.kept} kept files`;
  const n = r.findings.length;
  io.out(r.sound ? `数据仓库完好：${zh} / the warehouse is sound: ${en} (${db})\n` : `数据仓库有 ${n} 个问题：${zh} / the warehouse has ${n} problems: ${en} (${db})\n`);
  return r.sound ? 0 : 1;
}
