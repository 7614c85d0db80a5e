// `ftz diff --from A --to B [--json]`: what changed between two dates or revisions (diff.ts).

import { changesFromWarehouse } from "../export/changes.ts";
import { statusWords } from "../status/index.ts";
import { warehousePath } from "../warehouse/db.ts";
import { withCurrentWarehouse } from "../warehouse/schema.ts";
import { limitMemory, revisionIn } from "../warehouse/aggregates.ts";
import { revisionAt, revisionDate } from "../warehouse/read.ts";
import type { Io } from "./io.ts";
import { registryOrReport } from "./registry.ts";

export interface DiffOptions {
  dataDir: string;
  /** --db, if given (else FTZ_WAREHOUSE, else data/warehouse.duckdb: warehousePath). */
  db: string | undefined;
  from: string | undefined;
  to: string | undefined;
  json: boolean;
}

export async function diffCommand(o: DiffOptions, io: Io): Promise<number> {
  const moment = /^(\d+|\d{4}-\d{2}-\d{2})$/;
  const { from, to } = o;
  if (!from || !to || !moment.test(from) || !moment.test(to)) {
    io.err("ftz: diff 需要 --from 和 --to，值为日期 YYYY-MM-DD 或版本号 / diff needs --from and --to, each a date YYYY-MM-DD or a revision number\n");
    return 2;
  }
  const registry = await registryOrReport(o.dataDir, o.json, io);
  if (typeof registry === "number") return registry;
  const d = await withCurrentWarehouse(
    warehousePath(o.db),
    async (c) => {
      // A date stands for the warehouse as it was at the end of that day, judged as of that day; a
      // revision number for that revision, judged as of the day it was loaded. Compared in SQL
      // (export/changes.ts): no snapshot is read whole.
      await revisionIn(c); // an empty warehouse says so before anything is read
      const resolve = async (arg: string) => {
        if (/^\d+$/.test(arg)) {
          const revision = await revisionIn(c, Number(arg));
          return { revision, asOf: (await revisionDate(c, revision)) ?? arg };
        }
        return { revision: await revisionAt(c, arg), asOf: arg };
      };
      const [a, b] = [await resolve(from), await resolve(to)];
      await limitMemory(c);
      return changesFromWarehouse(c, registry, a, b, { cut: false });
    },
    { waitMs: 5000 },
  );
  if (o.json) {
    io.out(`${JSON.stringify(d, null, 2)}\n`);
    return 0;
  }
  const name = (id: string) => registry.indicators.find((i) => i.id === id)?.name.zh ?? id;
  const v = (x: { value: number | null; qualifier: string | null }) => (x.value === null ? "—" : `${x.value}${x.qualifier ? ` (${x.qualifier})` : ""}`);
  io.out(`变化：第 ${d.from.revision} 版（${d.from.asOf}）→ 第 ${d.to.revision} 版（${d.to.asOf}）/ changes from revision ${d.from.revision} (${d.from.asOf}) to revision ${d.to.revision} (${d.to.asOf})\n`);
  io.out(`新增 ${d.added.length} 条，修订 ${d.revised.length} 条，撤回 ${d.withdrawn.length} 条 / ${d.added.length} added, ${d.revised.length} revised, ${d.withdrawn.length} withdrawn\n`);
  for (const r of d.revised) io.out(`  修订 revised ${name(r.new.indicator)} ${r.new.entity} ${r.new.period}: ${v(r.old)} → ${v(r.new)}  (${r.new.file}:${r.new.line})\n`);
  for (const r of d.added.slice(0, 50)) io.out(`  新增 added ${name(r.indicator)} ${r.entity} ${r.period}: ${v(r)}  (${r.file}:${r.line})\n`);
  if (d.added.length > 50) io.out(`  … (+${d.added.length - 50})\n`);
  for (const r of d.withdrawn) io.out(`  撤回 withdrawn ${name(r.indicator)} ${r.entity} ${r.period}: ${v(r)}  (${r.file}:${r.line})\n`);
  for (const i of d.items) io.out(`  事项 item ${i.item}: ${i.from ?? "—"} → ${i.to ?? "—"}\n`);
  for (const s of d.statuses) io.out(`  目标 target ${s.target}: ${statusWords[s.from].zh} ${s.from} → ${statusWords[s.to].zh} ${s.to}\n`);
  return 0;
}
