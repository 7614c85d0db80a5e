// A data change shows on the built site after one ingest and one rebuild, never an older export:
// a copy of the data folder is ingested into a temporary warehouse and the site built from it; one
// value in a CSV changes; ingest and build again; dist/ holds the new value, not the old one.
// Two real builds (≈ 20–60 s each on 2 cores): the budget below is generous on purpose.
import {spawn} from "node:child_process";
import {cp, mkdtemp, readFile, readdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, expect, test} from "vitest";
import {main} from "../../pipeline/cli/main.ts";

const BUDGET = 900_000;
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-rebuild-"));
  await cp("data/indicators.yml", join(dir, "data", "indicators.yml"));
  await cp("data/reference", join(dir, "data", "reference"), {recursive: true});
  await cp("data/sample", join(dir, "data", "sample"), {recursive: true});
});
afterAll(() => rm(dir, {recursive: true, force: true}));

async function ingest(): Promise<void> {
  let log = "";
  const io = {out: (t: string) => (log += t), err: (t: string) => (log += t), cwd: process.cwd()};
  const code = await main(["ingest", join(dir, "data"), "--data", join(dir, "data"), "--db", join(dir, "w.duckdb"), "--today", "2026-11-27"], io);
  if (code !== 0) throw new Error(`ftz ingest exited with ${code}:\n${log}`);
}

async function build(): Promise<void> {
  const env = {...process.env, FTZ_DATA: join(dir, "data"), FTZ_WAREHOUSE: join(dir, "w.duckdb"), FTZ_AS_OF: "2026-11-27", FTZ_TODAY: "2026-11-27", FTZ_SITE_OUT: join(dir, "dist"), OBSERVABLE_TELEMETRY_DISABLE: "true"};
  const child = spawn(process.execPath, ["--import", "tsx", "pipeline/site/observable.ts", "build"], {env, stdio: ["ignore", "pipe", "pipe"]});
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve, reject) => child.on("error", reject).on("close", resolve));
  if (code !== 0) throw new Error(`the site's build exited with ${code}:\n${output.slice(-6000)}`);
}

/** foreign_trade_value's observations as the built site serves them (its hashed file in dist/). */
async function builtForeignTrade(): Promise<{entity: string; period: string; value: number}[]> {
  const folder = join(dir, "dist", "_file", "data", "indicators");
  const files = (await readdir(folder)).filter((f) => f.startsWith("foreign_trade_value."));
  expect(files).toHaveLength(1);
  return JSON.parse(await readFile(join(folder, files[0]!), "utf8")).observations;
}

test(
  "a changed CSV, ingested and rebuilt, shows its new value in dist/",
  async () => {
    await ingest();
    await build();
    const first = (await builtForeignTrade()).find((o) => o.entity === "fenghuanghu" && o.period === "2022-Q3");
    expect(first?.value).toBe(4.77);

    const csv = join(dir, "data", "sample", "foreign_trade_value.csv");
    const text = await readFile(csv, "utf8");
    expect(text).toContain("foreign_trade_value,fenghuanghu,2022-Q3,4.77,");
    await writeFile(csv, text.replace("foreign_trade_value,fenghuanghu,2022-Q3,4.77,", "foreign_trade_value,fenghuanghu,2022-Q3,4321.5,"));
    await ingest();
    await build();
    const second = (await builtForeignTrade()).find((o) => o.entity === "fenghuanghu" && o.period === "2022-Q3");
    expect(second?.value).toBe(4321.5);
    // And the parks page's series says so too: no page keeps the old export.
    const series = (await readdir(join(dir, "dist", "_file", "data"))).filter((f) => f.startsWith("series-parks."));
    expect(series).toHaveLength(1);
    const text2 = await readFile(join(dir, "dist", "_file", "data", series[0]!), "utf8");
    expect(text2).toContain("4321.5");
    expect(text2).not.toMatch(/"value":\s*4\.77\b/);
  },
  BUDGET,
);
