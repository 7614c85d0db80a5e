// `ftz status [--as-of DATE] [--revision N] [--json]`: every target's status with its components.
// One call yields the report, computed in DuckDB from aggregates (warehouse/aggregates.ts: memory does
// not grow with the warehouse); the rest is printing.

import { statusWords } from "../status/index.ts";
import { explainTarget } from "../status/explain.ts";
import { statusFromWarehouse } from "../warehouse/aggregates.ts";
import { warehousePath } from "../warehouse/db.ts";
import type { Io } from "./io.ts";
import { registryOrReport } from "./registry.ts";
import { fileAndSheet } from "../model.ts";

export interface StatusOptions {
  dataDir: string;
  /** --db, if given (else FTZ_WAREHOUSE, else data/warehouse.duckdb: warehousePath). */
  db: string | undefined;
  asOf: string;
  revision: number | undefined;
  json: boolean;
}

export async function statusCommand(o: StatusOptions, io: Io): Promise<number> {
  const registry = await registryOrReport(o.dataDir, o.json, io);
  if (typeof registry === "number") return registry;
  const { revision, report } = await statusFromWarehouse({ db: warehousePath(o.db), registry, asOf: o.asOf, revision: o.revision });
  if (o.json) {
    io.out(`${JSON.stringify({ revision, ...report }, null, 2)}\n`);
    return 0;
  }
  const counts = Object.entries(report.counts).filter(([, k]) => k > 0) as [keyof typeof statusWords, number][];
  io.out(`目标状态，截至 ${o.asOf}（数据第 ${revision} 版）/ Target status as of ${o.asOf} (revision ${revision})\n`);
  io.out(
    `${report.targets.length} 项目标：${counts.map(([s, k]) => `${k} 项${statusWords[s].zh}`).join("，")} / ` +
      `${report.targets.length} targets: ${counts.map(([s, k]) => `${k} ${statusWords[s].en}`).join(", ")}\n`,
  );
  if (report.targets.some((t) => t.components.sample)) io.out("【样例数据 SAMPLE DATA】以下含样例数据，非官方结果 / figures below include sample data, not official results\n");
  for (const t of report.targets) {
    const indicator = registry.indicators.find((i) => i.id === t.indicator)!;
    const e = explainTarget(t, registry);
    io.out(`\n${t.target}  ${indicator.name.zh} / ${indicator.name.en}${t.components.sample ? "  [样例 sample]" : ""}\n  ${e.zh}\n  ${e.en}\n`);
    if (t.components.origins.length) {
      const from = t.components.origins.slice(0, 3).map((x) => `${fileAndSheet(x)}:${x.line}`).join(", ");
      io.out(`  来源 from: ${from}${t.components.origins.length > 3 ? ` … (+${t.components.origins.length - 3})` : ""}\n`);
    }
  }
  if (report.trends.length) io.out("\n无目标指标的趋势（Open SDG CAGR 法）/ Trends of indicators with no target (Open SDG CAGR method)\n");
  for (const tr of report.trends) {
    const indicator = registry.indicators.find((i) => i.id === tr.indicator)!;
    io.out(`  ${indicator.name.zh} / ${indicator.name.en}: ${tr.trend} (P = ${tr.progress ?? "—"}, ${tr.from ?? "—"}→${tr.to ?? "—"})${tr.sample ? "  [样例 sample]" : ""}\n`);
  }
  return 0;
}
