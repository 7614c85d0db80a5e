// Node side of the registry: read data/reference/*.csv and data/indicators.yml from disk.

import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { buildRegistry } from "./build.ts";

export async function loadRegistry(dataDir: string, cwd = process.cwd()) {
  const referenceDir = join(dataDir, "reference");
  const reference: Record<string, string> = {};
  for (const name of await readdir(referenceDir)) {
    if (name.endsWith(".csv")) reference[name] = await readFile(join(referenceDir, name), "utf8");
  }
  const indicatorsPath = join(dataDir, "indicators.yml");
  return buildRegistry({
    referenceDir: relative(cwd, referenceDir) || referenceDir,
    reference,
    indicatorsFile: relative(cwd, indicatorsPath) || indicatorsPath,
    indicators: await readFile(indicatorsPath, "utf8"),
  });
}
