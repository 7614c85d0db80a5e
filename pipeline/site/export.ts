// One export per build: `ftz export` writes the files the pages read into src/data/ (gitignored),
// once, before Framework builds or previews. The CLI writes a temporary folder and swaps it in, so a
// build never reads a half-written export.
//
// Settings come from the environment, as the build, the report and the browser test pass them:
//   FTZ_DATA (data folder, default data) · FTZ_WAREHOUSE (default data/warehouse.duckdb, read by the
//   CLI itself) · FTZ_AS_OF (default today) · FTZ_TODAY (the date validation calls today).

import {execFile} from "node:child_process";
import {promisify} from "node:util";

/** Where the pages' `FileAttachment("../data/<name>")` points, relative to the project. */
export const SITE_DATA_DIR = "src/data";

/** The `ftz export` arguments for the site, from the environment. */
export function exportArguments(env: Record<string, string | undefined> = process.env, out = SITE_DATA_DIR): string[] {
  const args = ["export", "--out", out];
  if (env.FTZ_DATA) args.push("--data", env.FTZ_DATA);
  if (env.FTZ_AS_OF) args.push("--as-of", env.FTZ_AS_OF);
  if (env.FTZ_TODAY) args.push("--today", env.FTZ_TODAY);
  return args;
}

/** Runs `node bin/ftz.js export` into src/data/; rejects with the CLI's own message when it fails. */
export async function exportForSite(env: Record<string, string | undefined> = process.env, out = SITE_DATA_DIR): Promise<string> {
  try {
    const {stdout, stderr} = await promisify(execFile)(process.execPath, ["bin/ftz.js", ...exportArguments(env, out)], {env, maxBuffer: 16 * 1024 * 1024});
    process.stderr.write(stderr);
    process.stdout.write(stdout);
    return stdout;
  } catch (e) {
    const {stderr, stdout, code} = e as {stderr?: string; stdout?: string; code?: number};
    throw new Error(`ftz export 失败（退出码 ${code}）/ ftz export failed (exit ${code}):\n${stderr || stdout || (e as Error).message}`);
  }
}
