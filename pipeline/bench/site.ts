// The site's figures for `npm run bench` (called from run.ts), or alone:
//   node --import tsx pipeline/bench/site.ts            (BENCH_SKIP_START=1 leaves out the fresh clone)
// - a clean build (Framework's cache emptied) of the sample data with the registry's indicators, and
//   again with 60 (48 more, each with its own CSV): one export and 19 Framework pages either way;
// - after one CSV changed: the ingest and the rebuild, each timed;
// - `npm start` in a fresh clone of the committed project after `npm ci`, until it prints "serving";
// - each built page's first visit in headless Chromium: bytes transferred, requests, first chart;
// - a clean build at 1 M observations, and its pages against the sample build's (BENCH_SKIP_MILLION=1 leaves it out).

import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { builtPages, launchChromium, measurePage } from "../site/measure.ts";
import { serve } from "../site/serve.ts";
import { benchDataDir, ROWS_PER_INDICATOR, writeRows } from "./dataset.ts";

const run = promisify(execFile);
const AS_OF = "2026-11-27";
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(1));

/** Wall-clock seconds, and the CPU seconds the build's processes used (user + system; null without /usr/bin/time). */
interface Timed {
  seconds: number;
  cpuSeconds: number | null;
}

export interface SiteBench {
  /** The machine's 1-minute load average when the site part started: on a shared machine, wall-clock grows with it. */
  loadAverage: number;
  cleanBuild: ({ indicators: number } & Timed)[];
  rebuild: { ingestSeconds: number; buildSeconds: number; buildCpuSeconds: number | null };
  /** Seconds from `npm start` to "serving" in a fresh clone after npm ci (null: left out). */
  npmStartSeconds: number | null;
  pages: PageFigures[];
  /** The clean build at 1 M observations (null: left out with BENCH_SKIP_MILLION=1). */
  million: ({ observations: number; ingestSeconds: number; pages: PageFigures[] } & Timed) | null;
}

/** firstChartRuns: the overview's first chart on each of its visits (firstChartMs is their median). */
type PageFigures = { route: string; bytes: number; requests: number; firstChartMs: number | null; firstChartRuns?: (number | null)[] };

/**
 * The overview's first visit is made this many times, each with an empty cache, and its first chart is
 * their median: one visit's wall clock moves by ± 200 ms with whatever else the machine does at that
 * moment, which is the size of the margin being judged (< 500 ms). The server has compressed each file
 * once by the second visit (serve.ts keeps it), as a server that has been up a while has.
 */
const OVERVIEW_VISITS = 7;
const medianOf = (xs: (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return known.length === xs.length ? known[known.length >> 1]! : null;
};

/** A data folder: the registry, the reference tables and the sample, plus `extra` indicators, each with a CSV. */
async function dataFolder(dir: string, extra: number): Promise<string> {
  const data = join(dir, "data");
  await cp("data/reference", join(data, "reference"), { recursive: true });
  await cp("data/sample", join(data, "sample"), { recursive: true });
  let registry = await readFile("data/indicators.yml", "utf8");
  const sheet = await readFile("data/sample/enterprises_attracted.csv", "utf8");
  for (let i = 1; i <= extra; i++) {
    const id = `bench_extra_${String(i).padStart(2, "0")}`;
    registry +=
      `\n  - id: ${id}\n    name: { zh: 基准指标${i}, en: Bench indicator ${i} }\n    description: { zh: 基准测试用。, en: For the benchmark. }\n` +
      `    unit: { zh: 家, en: enterprises }\n    kind: count\n    aggregation: sum\n    direction: increase\n    level: park\n    clause: 三（二）\n    targets: []\n`;
    await writeFile(join(data, "sample", `${id}.csv`), sheet);
  }
  await writeFile(join(data, "indicators.yml"), registry);
  return data;
}

async function ingest(data: string, db: string): Promise<void> {
  await run(process.execPath, ["bin/ftz.js", "ingest", data, "--data", data, "--db", db, "--today", AS_OF], { maxBuffer: 1 << 26 });
}

const TIME = "/usr/bin/time";

/** One build (export + Framework), timed; with /usr/bin/time, also the CPU its processes used. */
async function build(data: string, db: string, out: string): Promise<Timed> {
  const env = { ...process.env, FTZ_DATA: data, FTZ_WAREHOUSE: db, FTZ_AS_OF: AS_OF, FTZ_TODAY: AS_OF, FTZ_SITE_OUT: out, OBSERVABLE_TELEMETRY_DISABLE: "true" };
  const node = [process.execPath, "--import", "tsx", "pipeline/site/observable.ts", "build"];
  const cpuFile = join(out, "..", "cpu.txt");
  const timed = existsSync(TIME);
  const t = performance.now();
  if (timed) await run(TIME, ["-f", "%U %S", "-o", cpuFile, ...node], { env, maxBuffer: 1 << 26 });
  else await run(node[0]!, node.slice(1), { env, maxBuffer: 1 << 26 });
  const wall = seconds(t);
  const cpu = timed ? (await readFile(cpuFile, "utf8")).trim().split("\n").at(-1)!.split(" ").map(Number) : null;
  return { seconds: wall, cpuSeconds: cpu ? Number((cpu[0]! + cpu[1]!).toFixed(1)) : null };
}

/** A clean build: Framework's cache and the output emptied first. */
async function cleanBuild(dir: string, extra: number): Promise<{ data: string; db: string; out: string; indicators: number } & Timed> {
  const data = await dataFolder(dir, extra);
  const db = join(dir, "w.duckdb");
  const out = join(dir, "dist");
  await ingest(data, db);
  await rm("src/.observablehq/cache", { recursive: true, force: true });
  const timed = await build(data, db, out);
  const indicators = (await readdir(join("src", "data", "indicators"))).length;
  return { data, db, out, indicators, ...timed };
}

/**
 * A clean build at 1 M observations: the sample data and 1,000,000 synthetic rows (dataset.ts: daily
 * values for the six parks, 78,000 an indicator), ingested, then built as above. Its pages are measured
 * as the sample build's are — every page both builds have, and one synthetic indicator's own page.
 */
export async function millionBuild(dir: string): Promise<SiteBench["million"]> {
  const data = await benchDataDir(dir);
  await cp("data/sample", join(data, "sample"), { recursive: true });
  await mkdir(join(data, "bench"), { recursive: true });
  await writeRows(join(data, "bench", "rows.csv"), MILLION);
  const db = join(dir, "w.duckdb");
  const out = join(dir, "dist");
  const t = performance.now();
  await ingest(data, db);
  const ingestSeconds = seconds(t);
  await rm("src/.observablehq/cache", { recursive: true, force: true });
  const timed = await build(data, db, out);
  const pages = await measurePages(out, (route) => !route.includes("/indicators/bench_") || route.endsWith("/indicators/bench_001"));
  return { observations: MILLION, ingestSeconds, ...timed, pages };
}

const MILLION = 1_000_000;

/** `npm ci` in a fresh clone (not timed), then `npm start` until it says "serving". */
async function npmStart(dir: string): Promise<number> {
  const clone = join(dir, "clone");
  await run("git", ["clone", "--quiet", "--no-hardlinks", process.cwd(), clone]);
  await run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: clone, maxBuffer: 1 << 26 });
  // A free port (npm start refuses PORT=0, as a user's typo: it wants the port it will print).
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    }).on("error", reject);
  });
  const t = performance.now();
  const child = spawn("npm", ["start"], { cwd: clone, env: { ...process.env, PORT: String(port), OBSERVABLE_TELEMETRY_DISABLE: "true" }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        output += d;
        if (/serving /.test(output)) resolve();
      });
      child.stderr.on("data", (d) => (output += d));
      child.on("close", (code) => reject(new Error(`npm start ended (${code}) before serving:\n${output.slice(-4000)}`)));
    });
    return seconds(t);
  } finally {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  }
}

async function measurePages(out: string, only: (route: string) => boolean = () => true): Promise<SiteBench["pages"]> {
  const { server, url } = await serve(out, 0);
  const browser = await launchChromium();
  try {
    const pages = [];
    for (const p of builtPages(out).filter((p) => (p.route.startsWith("/zh/") || p.route.startsWith("/en/")) && only(p.route))) {
      const m = await measurePage(browser, new URL(p.route.slice(1), url).href);
      if (p.route !== "/zh/") {
        pages.push({ route: p.route, bytes: m.bytes, requests: m.requests, firstChartMs: m.firstChartMs });
        continue;
      }
      const runs = [m.firstChartMs];
      for (let i = 1; i < OVERVIEW_VISITS; i++) runs.push((await measurePage(browser, new URL(p.route.slice(1), url).href)).firstChartMs);
      pages.push({ route: p.route, bytes: m.bytes, requests: m.requests, firstChartMs: medianOf(runs), firstChartRuns: runs });
    }
    return pages;
  } finally {
    await browser.close();
    server.close();
  }
}

export async function benchSite(log: (t: string) => void = () => {}): Promise<SiteBench> {
  const tmp = await mkdtemp(join(tmpdir(), "ftz-bench-site-"));
  const loadAverage = Number(loadavg()[0]!.toFixed(1));
  try {
    const many = await cleanBuild(join(tmp, "many"), 48);
    log(`site: clean build with ${many.indicators} indicators in ${many.seconds} s`);
    const few = await cleanBuild(join(tmp, "few"), 0);
    log(`site: clean build with ${few.indicators} indicators in ${few.seconds} s`);

    const csv = join(few.data, "sample", "foreign_trade_value.csv");
    await writeFile(csv, (await readFile(csv, "utf8")).replace(",2022-Q3,4.77,", ",2022-Q3,4.78,"));
    const t = performance.now();
    await ingest(few.data, few.db);
    const ingestSeconds = seconds(t);
    const again = await build(few.data, few.db, few.out);
    const rebuild = { ingestSeconds, buildSeconds: again.seconds, buildCpuSeconds: again.cpuSeconds };
    log(`site: after one changed CSV, ingest ${rebuild.ingestSeconds} s, rebuild ${rebuild.buildSeconds} s`);

    const pages = await measurePages(few.out);
    log(`site: ${pages.length} pages measured`);
    const npmStartSeconds = process.env.BENCH_SKIP_START ? null : await npmStart(tmp);
    if (npmStartSeconds !== null) log(`site: npm start in a fresh clone, serving after ${npmStartSeconds} s`);
    const million = process.env.BENCH_SKIP_MILLION ? null : await millionBuild(join(tmp, "million"));
    if (million) log(`site: clean build at ${million.observations} observations in ${million.seconds} s (ingest ${million.ingestSeconds} s before it)`);
    return { loadAverage, cleanBuild: [few, many].map(({ indicators, seconds, cpuSeconds }) => ({ indicators, seconds, cpuSeconds })), rebuild, npmStartSeconds, pages, million };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
const cpu = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${x} s`);

/** The report's section on the site. */
export function siteReport(s: SiteBench): string[] {
  const [few, many] = s.cleanBuild;
  const overview = s.pages.find((p) => p.route === "/zh/");
  const heaviest = [...s.pages].sort((a, b) => b.bytes - a.bytes)[0];
  return [
    "## The site",
    "",
    "One export per build: `pipeline/site/observable.ts` runs `ftz export` once into `src/data/`, then Framework builds",
    "19 pages; each indicator's page is a copy of the one built (it reads its indicator from its URL).",
    `Wall-clock figures; the machine's load average was ${s.loadAverage} when this part began (on ${cpus().length} cores). The builds`,
    "are mostly one process on one core, so on an idle machine their wall-clock time is close to the CPU time given beside them.",
    "",
    "| figure | measured | target | verdict |",
    "|---|---:|---|---|",
    `| clean build, sample data, ${few?.indicators} indicators | ${few?.seconds} s (CPU ${cpu(few?.cpuSeconds)}) | ≤ 45 s | ${verdict((few?.seconds ?? Infinity) <= 45)} |`,
    `| clean build, sample data, ${many?.indicators} indicators | ${many?.seconds} s (CPU ${cpu(many?.cpuSeconds)}) | independent of the number (≤ 1.2× the ${few?.indicators}) | ${verdict((many?.seconds ?? Infinity) <= 1.2 * (few?.seconds ?? 0))} |`,
    `| after one changed CSV: ingest + rebuild | ${s.rebuild.ingestSeconds} s + ${s.rebuild.buildSeconds} s (CPU ${cpu(s.rebuild.buildCpuSeconds)}) | rebuild ≤ 15 s | ${verdict(s.rebuild.buildSeconds <= 15)} |`,
    `| \`npm start\` in a fresh clone after \`npm ci\`, until "serving" | ${s.npmStartSeconds ?? "not measured"}${s.npmStartSeconds === null ? "" : " s"} | ≤ 60 s | ${s.npmStartSeconds === null ? "—" : verdict(s.npmStartSeconds <= 60)} |`,
    `| overview /zh/: requests / transferred / first chart (median of ${overview?.firstChartRuns?.length ?? 1} first visits: ${overview?.firstChartRuns?.map((x) => x ?? "—").join(", ") ?? "—"} ms) | ${overview?.requests} / ${((overview?.bytes ?? 0) / 1024).toFixed(1)} KB / ${overview?.firstChartMs ?? "—"} ms | ≤ 20 / ≤ 350 KB / < 500 ms | ${verdict(!!overview && overview.requests <= 20 && overview.bytes <= 350 * 1024 && (overview.firstChartMs ?? Infinity) < 500)} |`,
    `| heaviest page | ${heaviest?.route} ${((heaviest?.bytes ?? 0) / 1024).toFixed(1)} KB | | |`,
    ...millionRows(s),
    "",
    "First visit of each page, empty cache, headless Chromium:",
    "",
    "| page | transferred | requests | first chart |",
    "|---|---:|---:|---:|",
    ...s.pages.map((p) => `| ${p.route} | ${(p.bytes / 1024).toFixed(1)} KB | ${p.requests} | ${p.firstChartMs === null ? "—" : `${p.firstChartMs} ms`} |`),
    "",
  ];
}

/** The 1 M build's rows of the table: its time, and its heaviest page against the same page built from the sample data. */
function millionRows(s: SiteBench): string[] {
  const m = s.million;
  if (!m) return ["| clean build, 1 M observations | not measured (BENCH_SKIP_MILLION) | ≤ 90 s | — |"];
  const sample = new Map(s.pages.map((p) => [p.route, p.bytes]));
  const compared = m.pages.filter((p) => sample.has(p.route)).map((p) => ({ ...p, ratio: p.bytes / sample.get(p.route)! }));
  const worst = compared.sort((a, b) => b.ratio - a.ratio)[0];
  const own = m.pages.find((p) => p.route.endsWith("/indicators/bench_001"));
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  return [
    `| clean build, 1 M observations (the sample data and ${m.observations.toLocaleString("en")} synthetic rows) | ${m.seconds} s (CPU ${cpu(m.cpuSeconds)}) | ≤ 90 s | ${verdict(m.seconds <= 90)} |`,
    worst
      ? `| largest page download at 1 M observations against the same page with the sample data | ${worst.route}: ${kb(worst.bytes)} against ${kb(sample.get(worst.route)!)} (${worst.ratio.toFixed(2)}×) | ≤ 2× | ${verdict(worst.ratio <= 2)} |`
      : "| largest page download at 1 M observations | no page measured | ≤ 2× | — |",
    ...(own ? [`| a synthetic indicator's own page at 1 M observations (its own series: ${Math.min(m.observations, ROWS_PER_INDICATOR).toLocaleString("en")} rows) | ${own.route}: ${kb(own.bytes)} | grows with its own series | — |`] : []),
  ];
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const s = await benchSite((t) => process.stderr.write(`${t}\n`));
  process.stdout.write(`${JSON.stringify(s, null, 2)}\n${siteReport(s).join("\n")}\n`);
}
