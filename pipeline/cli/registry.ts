// The registry every command but `--help` starts from; when it cannot be read, its problems are the
// command's answer (exit 1).

import { loadRegistry } from "../registry/load.ts";
import type { Registry } from "../registry/types.ts";
import { reportProblems, type Io } from "./io.ts";

export async function registryOrReport(dataDir: string, json: boolean, io: Io): Promise<Registry | number> {
  const { registry, problems } = await loadRegistry(dataDir, io.cwd);
  return registry ?? reportProblems(problems, { files: 0, rows: 0 }, json, io);
}
