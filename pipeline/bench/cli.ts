// The CLI's answer time, whole process as analysts run it (`node bin/ftz.js`, the compiled CLI):
// `ftz --help` and `ftz validate` of a 10-row file, each the median of `runs` runs, alternating with the
// baseline: a bare `node -e 0`, the start-up no command can go below, measured in the same run.
//   node --import tsx pipeline/bench/cli.ts   (alone; `npm run bench` includes it)

import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface CliFigures {
  runs: number;
  /** Medians in seconds. */
  nodeSeconds: number;
  helpSeconds: number;
  validateSeconds: number;
}

/** The targets of issue 13, whole process. */
export const cliTargets = { helpSeconds: 0.3, validateSeconds: 0.6 } as const;

const tenRows = ["indicator,entity,period,value,note,source", ...Array.from({ length: 10 }, (_, k) => `enterprises_attracted,凤凰湖产业园,2024-${String(k + 1).padStart(2, "0")},${k + 3},,区招商局月报`)];

async function seconds(args: string[], okCodes = [0]): Promise<number> {
  const t = performance.now();
  try {
    await run(process.execPath, args);
  } catch (e) {
    if (!okCodes.includes((e as { code: number }).code)) throw e;
  }
  return (performance.now() - t) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export async function benchCli(runs = 5): Promise<CliFigures> {
  const dir = await mkdtemp(join(tmpdir(), "ftz-bench-cli-"));
  try {
    const csv = join(dir, "enterprises.csv");
    await writeFile(csv, `${tenRows.join("\n")}\n`);
    const help = ["bin/ftz.js", "--help"];
    const validate = ["bin/ftz.js", "validate", csv, "--today", "2026-11-27"];
    await seconds(help); // brings the build up to date if a source changed: not what is measured
    const node: number[] = [];
    const h: number[] = [];
    const v: number[] = [];
    for (let k = 0; k < Math.max(runs, 5); k++) {
      node.push(await seconds(["-e", "0"]));
      h.push(await seconds(help));
      v.push(await seconds(validate));
    }
    const r3 = (x: number) => Number(x.toFixed(3));
    return { runs: node.length, nodeSeconds: r3(median(node)), helpSeconds: r3(median(h)), validateSeconds: r3(median(v)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The report's lines for these figures. */
export function cliReport(c: CliFigures): string[] {
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const vsNode = (s: number) => `${(s / c.nodeSeconds).toFixed(1)}× a bare \`node -e 0\``;
  return [
    "## The CLI's answer time",
    "",
    `Whole process, \`node bin/ftz.js\` (compiled once by esbuild, bin/cli-build.js), medians of ${c.runs} runs alternating with a bare`,
    `Node start-up (${(c.nodeSeconds * 1000).toFixed(0)} ms here) — \`npx ftz\` adds npx's own resolving on top.`,
    "",
    "| command | measured | target | verdict |",
    "|---|---:|---:|---|",
    `| \`ftz --help\` | ${(c.helpSeconds * 1000).toFixed(0)} ms (${vsNode(c.helpSeconds)}) | ≤ ${cliTargets.helpSeconds * 1000} ms | ${verdict(c.helpSeconds <= cliTargets.helpSeconds)} |`,
    `| \`ftz validate\` of a 10-row file | ${(c.validateSeconds * 1000).toFixed(0)} ms (${vsNode(c.validateSeconds)}) | ≤ ${cliTargets.validateSeconds * 1000} ms | ${verdict(c.validateSeconds <= cliTargets.validateSeconds)} |`,
    "",
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchCli(Number(process.env.BENCH_RUNS ?? 5));
  process.stdout.write(`${JSON.stringify(figures)}\n${cliReport(figures).join("\n")}\n`);
}
