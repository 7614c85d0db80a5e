// Large input for `ftz validate`: the checks of an ingest into a warehouse of its own, thrown away
// after. The same problems as the rules read file by file (tests/warehouse/setload.test.ts), and a
// file of millions of rows is checked at the engine's speed in bounded memory. Its own module so that
// a small validate never loads DuckDB.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataFileRefs } from "../files.ts";
import type { Problem } from "../problems.ts";
import type { Registry } from "../registry/types.ts";
import { withConnection } from "../warehouse/db.ts";
import { ingest } from "../warehouse/ingest.ts";
import { progressBar, type Io } from "./io.ts";

export async function checkInScratchWarehouse(
  files: string[],
  registry: Registry,
  today: string,
  io: Io,
  setBasedFromBytes?: number,
): Promise<{ problems: Problem[]; rows: number }> {
  const scratch = await mkdtemp(join(tmpdir(), "ftz-validate-"));
  const bar = progressBar(io);
  try {
    const r = await withConnection(join(scratch, "check.duckdb"), (c) =>
      ingest(c, { files: dataFileRefs(files, io.cwd), scope: ["."], registry, today, now: new Date(), progress: bar.update, setBasedFromBytes }),
    ).finally(bar.end);
    return { problems: r.problems, rows: r.rowsRead };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
