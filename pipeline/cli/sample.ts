// `ftz sample [--out DIR]`: write the sample dataset (not official figures) from the registry.

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateSample } from "../sample/generate.ts";
import type { Io } from "./io.ts";
import { registryOrReport } from "./registry.ts";

export async function sampleCommand(o: { dataDir: string; out: string }, io: Io): Promise<number> {
  const registry = await registryOrReport(o.dataDir, false, io);
  if (typeof registry === "number") return registry;
  await mkdir(o.out, { recursive: true });
  const files = generateSample(registry);
  for (const f of files) await writeFile(join(o.out, f.name), f.text);
  io.out(`已写入 ${files.length} 个样例文件到 ${o.out} / wrote ${files.length} sample files to ${o.out}\n`);
  return 0;
}
