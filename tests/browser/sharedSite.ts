// One built site per data set for the browser tests (chromium.test.ts), kept between runs. A build (one
// ingest, one export, Framework on 19 pages) costs ≈ 30–60 s, so it goes into a folder named by the hash
// of everything the build reads (the tracked and new files of src/, pipeline/, data/, the Framework
// config and the lockfile, the as-of date, the data set's own inputs), under a lock; a later run, or
// another vitest process of this checkout, reuses it. A change to any of those files makes a new folder;
// this checkout's folders of other hashes are removed when a build starts. The build runs under
// `unshare -n` (no network at all) where that is possible. The data it is built from is a SiteData: the
// sample (SAMPLE, the default) or the published-figures corpus (CORPUS); each has its own folders.

import {execFileSync, spawn, spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {existsSync, readFileSync, readdirSync} from "node:fs";
import {cp, mkdir, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Server} from "node:http";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {main} from "../../pipeline/cli/main.ts";
import {launchChromium} from "../../pipeline/site/measure.ts";
import {serve} from "../../pipeline/site/serve.ts";

/** The date the site is built as of: after the plan's last deadline, as today is. */
export const AS_OF = "2026-11-27";

/** Folders are per checkout: another checkout's tests on this machine keep theirs. */
const PREFIX = `ftz-site-shared-${createHash("sha256").update(process.cwd()).digest("hex").slice(0, 8)}-`;

export interface SharedSite {
  /** The built site (Framework's output). */
  dist: string;
  /** This process built it (false: another test file's build was reused). */
  built: boolean;
  /** The build's own time, in this process or the one that built it. */
  ms: number;
  offline: boolean;
}

/** Root on Linux and `unshare -n` works: build with no network at all (loopback brought up if `ip` exists). */
function canUnshare(): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0 || process.env.FTZ_TEST_NO_UNSHARE) return false;
  return spawnSync("unshare", ["-n", "true"], {stdio: "ignore"}).status === 0;
}

/** What a shared site is built from: a data folder loaded into the warehouse the build reads. */
export interface SiteData {
  /** Names its build folders (each data's builds are kept apart). */
  name: string;
  /** Files outside src/, pipeline/, data/ … that it reads: hashed into the folder's name. */
  inputs: string[];
  /** Loads the warehouse `db` (folder `dir` is free to use); returns the data folder the export reads, or undefined for data/. */
  load(dir: string, db: string): Promise<string | undefined>;
}

async function ftz(args: string[]): Promise<void> {
  let log = "";
  const io = {out: (t: string) => (log += t), err: (t: string) => (log += t), cwd: process.cwd()};
  const code = await main(args, io);
  if (code !== 0) throw new Error(`ftz ${args.join(" ")} exited with ${code}:\n${log}`);
}

/** The project's sample (data/sample), as every other browser test sees it. */
export const SAMPLE: SiteData = {
  name: "sample",
  inputs: [],
  load: async (_dir, db) => void (await ftz(["ingest", "data/sample", "--db", db, "--today", AS_OF])),
};

const published = "tests/fixtures/published";
/**
 * The published-figures corpus (tests/fixtures/published, issue 11) alone: the real registry with the
 * corpus's context indicators added, in a data folder of its own that holds figures.csv (so the data
 * page validates it as an analyst's folder).
 */
export const CORPUS: SiteData = {
  name: "corpus",
  inputs: [`${published}/figures.csv`, `${published}/indicators.yml`],
  async load(dir, db) {
    const data = join(dir, "data");
    await cp("data/reference", join(data, "reference"), {recursive: true});
    await writeFile(join(data, "indicators.yml"), `${await readFile("data/indicators.yml", "utf8")}\n${await readFile(`${published}/indicators.yml`, "utf8")}`);
    await cp(`${published}/figures.csv`, join(data, "figures.csv"));
    await ftz(["ingest", data, "--data", data, "--db", db, "--today", AS_OF]);
    return data;
  },
};

async function build(db: string, out: string, data: string | undefined): Promise<{ms: number; offline: boolean}> {
  const env = {...process.env, FTZ_WAREHOUSE: db, FTZ_AS_OF: AS_OF, FTZ_SITE_OUT: out, OBSERVABLE_TELEMETRY_DISABLE: "true", ...(data ? {FTZ_DATA: data} : {})};
  const node = [process.execPath, "--import", "tsx", "pipeline/site/observable.ts", "build"];
  const offline = canUnshare();
  const [command, ...args] = offline ? ["unshare", "-n", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "sh", ...node] : node;
  const started = performance.now();
  const {code, stdout, stderr} = await new Promise<{code: number | null; stdout: string; stderr: string}>((resolve, reject) => {
    const child = spawn(command!, args, {env, stdio: ["ignore", "pipe", "pipe"]});
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({code, stdout, stderr}));
  });
  if (code !== 0) {
    throw new Error(`the site's build exited with ${code}${offline ? " (under unshare -n: no network)" : ""}:\n${stderr.slice(-6000) || stdout.slice(-6000)}`);
  }
  return {ms: Math.round(performance.now() - started), offline};
}

/** The hash of what the build reads, or null where git cannot list the files (then nothing is shared). */
function sourceKey(data: SiteData): string | null {
  let files: string[];
  try {
    const listed = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "--", "src", "pipeline", "data", "observablehq.config.ts", "package-lock.json"], {encoding: "utf8", stdio: ["ignore", "pipe", "ignore"]});
    files = listed.split("\n").filter((f) => f && existsSync(f)).sort();
  } catch {
    return null;
  }
  const hash = createHash("sha256").update(`${AS_OF}\n${canUnshare()}\n${data.name}\n`);
  for (const f of [...files, ...data.inputs]) hash.update(`${f}\n`).update(readFileSync(f));
  return hash.digest("hex").slice(0, 16);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Takes the lock folder `lock` (mkdir is atomic), waiting while another living process holds it; a lock
 * left by a killed run is taken over. Returns its release.
 */
async function takeLock(lock: string, until: () => boolean = () => false): Promise<(() => Promise<void>) | null> {
  for (;;) {
    if (until()) return null;
    try {
      await mkdir(lock);
    } catch {
      const holder = Number(await readFile(join(lock, "pid"), "utf8").catch(() => "0"));
      if (holder && !alive(holder)) await rm(lock, {recursive: true, force: true});
      else await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    await writeFile(join(lock, "pid"), String(process.pid));
    return () => rm(lock, {recursive: true, force: true});
  }
}

/**
 * browserTurn(): the browser test files of this checkout take turns with Chromium (two files at once,
 * each with several pages and prints, made a 30 s page visit time out on a loaded 2-core machine).
 * Resolves when it is this file's turn; call the result to give it back (afterAll).
 */
export async function browserTurn(): Promise<() => Promise<void>> {
  return (await takeLock(join(tmpdir(), `${PREFIX}browser.lock`)))!;
}

async function buildInto(dir: string, data: SiteData): Promise<{ms: number; offline: boolean}> {
  await rm(dir, {recursive: true, force: true});
  await mkdir(dir, {recursive: true});
  const db = join(dir, "warehouse.duckdb");
  return build(db, join(dir, "dist"), await data.load(dir, db));
}

/**
 * sharedSite(data): the site built from `data` (the sample unless said) as of AS_OF — built here, or by
 * another test file of this run or an earlier one from the same sources. The wait for another file's
 * build is bounded by that build (its process's end releases the lock), not by a clock.
 */
export async function sharedSite(data: SiteData = SAMPLE): Promise<SharedSite> {
  const key = sourceKey(data);
  if (key === null) {
    const dir = join(tmpdir(), `${PREFIX}unshared-${data.name}-${process.pid}`);
    return {dist: join(dir, "dist"), built: true, ...(await buildInto(dir, data))};
  }
  const mine = `${PREFIX}${data.name}-`;
  const dir = join(tmpdir(), `${mine}${key}`);
  const lock = `${dir}.lock`;
  const done = join(dir, "built.json");
  for (;;) {
    if (existsSync(done)) {
      const record = JSON.parse(await readFile(done, "utf8")) as {ms: number; offline: boolean};
      return {dist: join(dir, "dist"), built: false, ...record};
    }
    // Another process may be building it: wait for its build, or take over its lock if it died.
    const release = await takeLock(lock, () => existsSync(done));
    if (!release) continue;
    try {
      if (existsSync(done)) continue;
      // Builds of this data from other sources are of no use any more (their lock folders are left to
      // their owners); so are folders named before data had names (a bare hash).
      for (const name of readdirSync(tmpdir())) {
        const stale = name.startsWith(mine) || /^[0-9a-f]{16}$/.test(name.slice(PREFIX.length));
        if (name.startsWith(PREFIX) && stale && !name.endsWith(".lock") && join(tmpdir(), name) !== dir && !existsSync(join(tmpdir(), `${name}.lock`))) {
          await rm(join(tmpdir(), name), {recursive: true, force: true});
        }
      }
      const record = await buildInto(dir, data);
      await writeFile(done, JSON.stringify(record));
      return {dist: join(dir, "dist"), built: true, ...record};
    } finally {
      await release();
    }
  }
}

/** The shared build served on 127.0.0.1, and Chromium, in this test file's turn. */
export interface SiteInChromium extends SharedSite {
  url: string;
  browser: Browser;
}

/**
 * The budget of the browser tests' setup: the shared build (300 s), then the wait for Chromium's turn —
 * at most another run's visits of every page (45 pages, 60 s each) when it holds the turn.
 */
export const CHROMIUM_SETUP_BUDGET = 300_000 + 45 * 60_000;

/** One Chromium for every session of the test file, in the turn of this checkout's browser tests. */
let chromium: Promise<{browser: Browser; release: () => Promise<void>}> | undefined;
let openSessions = 0;
const sessions = new Map<string, () => SiteInChromium>();

async function openChromium(): Promise<{browser: Browser; release: () => Promise<void>}> {
  const release = await browserTurn();
  try {
    return {browser: await launchChromium(), release};
  } catch (e) {
    await release();
    throw e;
  }
}

/**
 * siteInChromium(data): on its first call for `data`, registers the test file's beforeAll (the shared
 * build of `data`, a server for it, and the file's one Chromium, launched in Chromium's turn) and afterAll
 * (the server closed; with the last session, the browser closed and the turn given back); every later
 * call for the same data gets the same session. Call the result in each test: it gives the session, or
 * throws the setup's error there — a setup that threw would leave every test "skipped".
 *
 * The browser tests are modules of one test file (chromium.test.ts) sharing these sessions: as files of
 * their own, each waited for Chromium's turn while holding one of the suite's two workers idle.
 */
export function siteInChromium(data: SiteData = SAMPLE): () => SiteInChromium {
  let got = sessions.get(data.name);
  if (!got) sessions.set(data.name, (got = register(data)));
  return got;
}

function register(data: SiteData): () => SiteInChromium {
  let session: SiteInChromium | undefined;
  let error: Error | undefined;
  let server: Server | undefined;
  openSessions++;
  beforeAll(async () => {
    try {
      const site = await sharedSite(data);
      const served = await serve(site.dist, 0, "127.0.0.1");
      server = served.server;
      const {browser} = await (chromium ??= openChromium());
      session = {...site, url: served.url, browser};
    } catch (e) {
      error = e as Error;
    }
  }, CHROMIUM_SETUP_BUDGET);
  afterAll(async () => {
    server?.close();
    if (--openSessions > 0 || !chromium) return;
    const opened = await chromium.catch(() => undefined);
    chromium = undefined;
    await opened?.browser.close();
    await opened?.release();
  });
  return () => {
    if (error) throw error;
    if (!session) throw new Error("the browser session is not set up (called outside a test?)");
    return session;
  };
}
