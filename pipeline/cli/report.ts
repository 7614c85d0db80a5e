// `ftz report --out F.pdf [--as-of DATE] [--lang zh|en]`: the briefing page printed to an A4 PDF
// (report.ts builds the site for the date and prints it in headless Chromium).

import { printBriefing } from "../report.ts";
import { warehousePath } from "../warehouse/db.ts";
import type { Io } from "./io.ts";

export interface ReportOptions {
  dataDir: string;
  /** --db, if given (else FTZ_WAREHOUSE, else data/warehouse.duckdb: warehousePath). */
  db: string | undefined;
  asOf: string;
  lang: string;
  out: string | undefined;
}

export async function reportCommand(o: ReportOptions, io: Io): Promise<number> {
  const { out, lang } = o;
  if (!out || (lang !== "zh" && lang !== "en")) {
    io.err("ftz: report 需要 --out 文件.pdf，--lang 为 zh 或 en / report needs --out FILE.pdf and --lang zh|en\n");
    return 2;
  }
  const r = await printBriefing({ dataDir: o.dataDir, db: warehousePath(o.db), asOf: o.asOf, lang, out, log: (t) => io.err(`${t}\n`) });
  io.out(`已写入 ${out}，共 ${r.pages} 页${r.sample ? "（含样例数据）" : ""} / wrote ${out}, ${r.pages} pages${r.sample ? " (includes sample data)" : ""}\n`);
  return 0;
}
