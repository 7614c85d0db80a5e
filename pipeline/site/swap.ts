// The site's output written safely: each build goes into a fresh folder beside the output
// (dist.build-<pid>/), and only a complete build is swapped in. Readers (the server of `npm start`,
// someone copying dist/ to the intranet's web server) never see a half-written dist/, and a build
// killed at any moment leaves the previous build in place; its staging folder is removed by the next
// build (builds take turns: lock.ts, so no other build's staging folder is in use then).

import {existsSync, readdirSync} from "node:fs";
import {readdir, rename, rm} from "node:fs/promises";
import {basename, dirname, join} from "node:path";

/** Left beside `output` by a build: its staging folder, or the previous build on its way out. */
const leftover = (output: string) => new RegExp(`^${basename(output).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(build|old)-\\d+$`);

/** A fresh, empty staging folder for a build of `output` (what earlier, killed builds left is removed). */
export async function stageOutput(output: string): Promise<string> {
  const parent = dirname(output);
  const pattern = leftover(output);
  const names = existsSync(parent) ? await readdir(parent) : [];
  // Killed between swapIn's two renames: the previous build is whole under its old name; put it back.
  const previous = names.find((n) => /\.old-\d+$/.test(n) && pattern.test(n));
  if (!existsSync(output) && previous) await rename(join(parent, previous), output);
  for (const name of names) {
    if (pattern.test(name) && existsSync(join(parent, name))) await rm(join(parent, name), {recursive: true, force: true});
  }
  return `${output}.build-${process.pid}`;
}

/**
 * swapIn(staging, output) makes the complete build in `staging` the output: the previous build is
 * renamed aside, the new one renamed in (two renames: no reader finds a file half-written; between
 * them, for a moment, the output is absent and a request is a 404), and the previous one removed.
 * An output folder that holds something other than a build is refused (refuseForeignOutput).
 */
export async function swapIn(staging: string, output: string): Promise<void> {
  refuseForeignOutput(output);
  const old = `${output}.old-${process.pid}`;
  const hadOne = existsSync(output);
  if (hadOne) await rename(output, old);
  await rename(staging, output);
  if (hadOne) await rm(old, {recursive: true, force: true});
}

/**
 * A build replaces its output folder whole, so the folder must hold a build (its _observablehq/
 * folder) or nothing: FTZ_SITE_OUT pointed at another folder would otherwise be deleted.
 */
export function refuseForeignOutput(dir: string): void {
  const entries = existsSync(dir) ? readdirSync(dir) : [];
  if (entries.length && !entries.includes("_observablehq")) throw new Error(`${dir} 不是网站构建目录，不会替换 / ${dir} holds something other than a site build: not replaced`);
}
