// The export, as the site's data loaders and `ftz export` make it: from the warehouse, the registry
// and the data folder. Settings come from the environment the CLI or Framework gives:
//   FTZ_DATA (data folder, default data) · FTZ_WAREHOUSE (default data/warehouse.duckdb) ·
//   FTZ_AS_OF (default today, where the machine is) · FTZ_TODAY (the date validation calls today;
//   default the machine's date — never the as-of date: a briefing as of a past date must not report
//   the data that came after it as "future periods" on the data page)

import { findDataFiles, localToday, readDataFiles } from "../files.ts";
import { formatProblem } from "../problems.ts";
import { loadRegistry } from "../registry/load.ts";
import { validateFiles } from "../validate/index.ts";
import { warehousePath, withConnection } from "../warehouse/db.ts";
import { readObservationHistory, readSnapshot, revisionAt } from "../warehouse/read.ts";
import { previousQuarterEnd } from "../briefing.ts";
import { buildExport, type ExportFiles } from "./index.ts";

export interface ExportOptions {
  dataDir: string;
  db: string;
  asOf: string;
  today: string;
}

export function optionsFromEnv(env: Record<string, string | undefined> = process.env): ExportOptions {
  const today = localToday();
  return { dataDir: env.FTZ_DATA ?? "data", db: warehousePath(undefined, env), asOf: env.FTZ_AS_OF ?? today, today: env.FTZ_TODAY ?? today };
}

export async function exportFromWarehouse({ dataDir, db, asOf, today }: ExportOptions): Promise<{ files: ExportFiles; revision: number }> {
  const { registry, problems } = await loadRegistry(dataDir);
  if (!registry) throw new Error(problems.map(formatProblem).join("\n"));
  const { snapshot, history, previous } = await withConnection(
    db,
    async (c) => ({
      snapshot: await readSnapshot(c),
      history: await readObservationHistory(c),
      previous: await readSnapshot(c, await revisionAt(c, previousQuarterEnd(asOf))),
    }),
    { readOnly: true, waitMs: 10_000 },
  );
  const paths = await findDataFiles([dataDir]);
  const v = validateFiles(await readDataFiles(paths), registry, today);
  const validation = { files: paths.length, rows: v.files.reduce((n, f) => n + f.rows, 0), problems: v.problems };
  return { files: buildExport({ registry, snapshot, asOf, validation, history, previous }), revision: snapshot.revision };
}

/** A data loader's whole job: one export file to stdout; a clear message and a non-zero exit on failure. */
export async function loadExportFile(name: string): Promise<void> {
  try {
    const { files } = await exportFromWarehouse(optionsFromEnv());
    const content = files.get(name);
    if (content === undefined) throw new Error(`no export file ${name}`);
    process.stdout.write(content);
  } catch (e) {
    process.stderr.write(`ftz: 无法生成 ${name}：${(e as Error).message} / cannot make ${name}: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
