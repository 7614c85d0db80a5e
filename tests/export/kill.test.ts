// `ftz export --out` killed (SIGKILL) at moments chosen by what it is doing: the output folder a reader
// looks at is always a whole export — the previous one or the new one, never a mix, never half-written
// — and the next export puts right what the killed one left (pipeline/export/site.ts: writeExport,
// recoverKilled). The warehouse has two revisions, so the previous and the new export differ.

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { watch } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { main } from "../../pipeline/cli/main.ts";

const AS_OF = "2026-11-27";
let root: string;
let data: string;
let db: string;
let previous: string; // the export of revision 1, kept to restore before each kill
let digests: { previous: string; next: string };

async function ftz(...args: string[]) {
  let out = "";
  const code = await main([...args, "--db", db, "--data", data, "--today", AS_OF], { out: (t) => (out += t), err: (t) => (out += t), cwd: root });
  expect(code, out).toBe(0);
}

/** Every file under a folder with its SHA-256, as one string: two exports are the same export when these are equal. */
async function digest(dir: string): Promise<string> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
  const parts = await Promise.all(names.map(async (n) => `${n}:${createHash("sha256").update(await readFile(join(dir, n))).digest("hex")}`));
  return parts.join("\n");
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ftz-export-kill-"));
  data = join(root, "data");
  db = join(root, "w.duckdb");
  await cp("data/reference", join(data, "reference"), { recursive: true });
  await cp("data/indicators.yml", join(data, "indicators.yml"));
  await cp("data/sample", join(data, "sample"), { recursive: true });
  await ftz("ingest", data);
  previous = join(root, "previous");
  await ftz("export", "--out", previous, "--as-of", AS_OF);
  // Revision 2: one value changed, so the next export differs from the previous one.
  const sheet = join(data, "sample", "enterprises_attracted.csv");
  const text = await readFile(sheet, "utf8");
  await writeFile(sheet, text.replace(/^2022-06,4,/m, "2022-06,9,"));
  await ftz("ingest", data);
  const next = join(root, "next");
  await ftz("export", "--out", next, "--as-of", AS_OF);
  digests = { previous: await digest(previous), next: await digest(next) };
  expect(digests.previous).not.toBe(digests.next);
});
afterAll(() => rm(root, { recursive: true, force: true }));

type Moment = { name: string; when: (parent: string, pid: number) => Promise<void> };

/** Resolves when `test` holds for the folder's entries, looked at on every change and every 5 ms. */
function waitFor(parent: string, test: (names: string[]) => Promise<boolean> | boolean): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const look = async () => {
      if (done) return;
      const names = await readdir(parent).catch(() => []);
      if (await test(names)) {
        done = true;
        watcher.close();
        clearInterval(timer);
        resolve();
      }
    };
    const watcher = watch(parent, () => void look());
    const timer = setInterval(() => void look(), 5);
    void look();
  });
}

const staged = (parent: string, pid: number) => join(parent, `out.tmp-${pid}`);
const filesIn = async (dir: string) => (await readdir(dir, { recursive: true }).catch(() => [])).length;

// The last moment leaves only the removal of the previous export: the export may finish before the signal lands.
const moments: (Moment & { mayFinish?: boolean })[] = [
  { name: "its staging folder appears", when: (parent, pid) => waitFor(parent, (names) => names.includes(`out.tmp-${pid}`)) },
  { name: "12 files are staged", when: (parent, pid) => waitFor(parent, async () => (await filesIn(staged(parent, pid))) >= 12) },
  { name: "the previous export is renamed aside", when: (parent, pid) => waitFor(parent, (names) => names.includes(`out.old-${pid}`)) },
  { name: "the new export is renamed in", mayFinish: true, when: (parent, pid) => waitFor(parent, (names) => !names.includes(`out.tmp-${pid}`) && names.includes("out") && names.includes(`out.old-${pid}`)) },
];

it.each(moments)("killed when $name: the folder is a whole export, and the next export puts right what was left", async ({ when, mayFinish }) => {
  const parent = await mkdtemp(join(root, "kill-"));
  const out = join(parent, "out");
  await cp(previous, out, { recursive: true });
  const child = spawn(process.execPath, ["bin/ftz.js", "export", "--out", out, "--db", db, "--data", data, "--as-of", AS_OF, "--today", AS_OF], { stdio: "ignore" });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  // The moment, or the export's own end if the moment never came (then the kill test has failed to kill).
  await Promise.race([when(parent, child.pid!), exited]);
  child.kill("SIGKILL");
  const signal = await exited;
  if (!mayFinish) expect(signal, "the export was killed at that moment, not finished").toBe("SIGKILL");

  // What a reader finds now: the previous export or the new one, whole; or, killed between the two
  // renames, no folder yet (never a partial one).
  const names = await readdir(parent);
  if (names.includes("out")) expect([digests.previous, digests.next]).toContain(await digest(out));
  else expect(names.some((n) => /^out\.old-\d+$/.test(n))).toBe(true);

  // The next export: it completes, and nothing the killed one left stays beside it.
  await ftz("export", "--out", out, "--as-of", AS_OF);
  expect(await digest(out)).toBe(digests.next);
  expect(await readdir(parent)).toEqual(["out"]);
});

it("an export killed between its renames gives the previous export back before the next export starts", async () => {
  // The state such a kill leaves, made by hand (the window is a few microseconds wide).
  const parent = await mkdtemp(join(root, "between-"));
  await cp(previous, join(parent, "out.old-99999999"), { recursive: true });
  await cp(previous, join(parent, "out.tmp-99999999"), { recursive: true });
  const { recoverKilled } = await import("../../pipeline/export/site.ts");
  await recoverKilled(join(parent, "out"));
  expect(await readdir(parent)).toEqual(["out"]);
  expect(await digest(join(parent, "out"))).toBe(digests.previous);
});

it("leaves alone the staging folder of an export that is still running", async () => {
  const parent = await mkdtemp(join(root, "running-"));
  await cp(previous, join(parent, "out"), { recursive: true });
  await writeFile(join(parent, `out.tmp-${process.pid}`), "");
  const { recoverKilled } = await import("../../pipeline/export/site.ts");
  await recoverKilled(join(parent, "out"));
  expect((await readdir(parent)).sort()).toEqual(["out", `out.tmp-${process.pid}`]);
});
