// Failures that are not about the data, through the real CLI: each is one line in both languages with
// its exit code (2 usage, 3 busy, 4 the environment, 5 a bug), no stack trace unless asked for, and the
// warehouse as it was. Most run main() in this process; the read-only and full file systems need a
// mount namespace of their own (`unshare -m`, as root: tmpfs is mounted there and seen by no one
// else), so those run the CLI as a process, from tests/cli/scripts/.

import { execFile, execFileSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../pipeline/cli/main.ts";
import { environmentError } from "../../pipeline/errors.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-failures-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ftz(args: string[], env: Record<string, string | undefined> = {}) {
  let out = "";
  let err = "";
  const code = await main([...args, "--today", "2026-11-27"], { out: (t) => (out += t), err: (t) => (err += t), cwd: process.cwd() }, env);
  return { code, out, err };
}

/** One line on stderr, Chinese then " / " then English, and no stack trace. */
function expectOneLine(err: string) {
  const lines = err.trim().split("\n");
  expect(lines, err).toHaveLength(1);
  expect(lines[0]).toMatch(/^ftz: .*[\u4e00-\u9fff].* \/ .*[A-Za-z]{3}/);
  expect(err).not.toMatch(/\n\s+at /);
}

describe("exit codes: 2 usage, 4 the environment", () => {
  it("ftz ingest /nonexistent names the path (exit 4)", async () => {
    const r = await ftz(["ingest", "/nonexistent", "--db", join(dir, "w.duckdb")]);
    expect(r.code).toBe(4);
    expectOneLine(r.err);
    expect(r.err).toContain("/nonexistent does not exist: check the path");
  });

  it("a data folder without reference/ names the folder it looked for (exit 4)", async () => {
    const empty = join(dir, "empty");
    await mkdir(empty);
    for (const command of ["validate", "ingest", "status"]) {
      const r = await ftz([command, "data/sample", "--data", empty, "--db", join(dir, "w.duckdb")]);
      expect(r.code, command).toBe(4);
      expectOneLine(r.err);
      expect(r.err).toContain(`${join(empty, "reference")} does not exist`);
    }
  });

  it("--db in a missing folder names the warehouse file (exit 4) and creates nothing", async () => {
    const db = join(dir, "no", "such", "w.duckdb");
    const r = await ftz(["ingest", "data/sample/zone_indicators.csv", "--db", db]);
    expect(r.code).toBe(4);
    expectOneLine(r.err);
    expect(r.err).toContain(`${db} does not exist`);
    await expect(readFile(db)).rejects.toThrow();
  });

  it("an unknown command is one line pointing to --help (exit 2)", async () => {
    const r = await ftz(["frobnicate"]);
    expect(r.code).toBe(2);
    expectOneLine(r.err);
    expect(r.err).toContain('unknown command "frobnicate": see ftz --help');
  });
});

describe("special files in the data folder", () => {
  it("ftz ingest skips a FIFO, a device and a link out of the folder, each told in one line, and loads the rest", async () => {
    const data = join(dir, "special");
    await mkdir(data);
    await copyFile("data/sample/zone_indicators.csv", join(data, "zone.csv"));
    execFileSync("mkfifo", [join(data, "pipe.csv")]);
    await symlink("/dev/zero", join(data, "zero.csv"));
    await symlink("/etc/passwd", join(data, "passwd.csv"));
    const r = await ftz(["ingest", data, "--db", join(dir, "special.duckdb")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 files added");
    const lines = r.err.trim().split("\n").sort();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/passwd\.csv .* \/ \S+passwd\.csv is a link out of the data folder \(to \/etc\/passwd\), not read$/);
    expect(lines[1]).toMatch(/pipe\.csv .* \/ \S+pipe\.csv is a named pipe \(FIFO\), not a regular file: skipped$/);
    expect(lines[2]).toMatch(/zero\.csv .* \/ \S+zero\.csv is a link out of the data folder \(to \/dev\/zero\), not read$/);
    expect(r.err).not.toContain("root:");
  });
});

describe("--version, --debug and FTZ_DEBUG", () => {
  it("--version prints the version in package.json", async () => {
    const { version } = JSON.parse(await readFile("package.json", "utf8"));
    for (const flag of ["--version", "-v"]) expect(await ftz([flag])).toEqual({ code: 0, out: `ftz ${version}\n`, err: "" });
  });

  it("a failure prints its stack trace with --debug or FTZ_DEBUG=1, and never otherwise", async () => {
    const args = ["ingest", "/nonexistent", "--db", join(dir, "w.duckdb")];
    for (const [extra, env] of [[["--debug"], {}], [[], { FTZ_DEBUG: "1" }]] as const) {
      const r = await ftz([...args, ...extra], env);
      expect(r.code).toBe(4);
      expect(r.err.split("\n")[0]).toContain("/nonexistent does not exist");
      expect(r.err).toMatch(/ENOENT[^\n]*\n\s+at /);
    }
    expectOneLine((await ftz(args, { FTZ_DEBUG: "0" })).err);
  });

  it("--help says the output has no colours, so NO_COLOR has nothing to turn off", async () => {
    const r = await ftz(["--help"]);
    expect(r.out).toContain("NO_COLOR");
    expect(r.out).not.toContain("\x1b[");
  });
});

describe("the system's errors, each told as what failed and what to do", () => {
  const errno = (code: string, path: string) => Object.assign(new Error(`${code}: x`), { code, path, syscall: "open" });
  it.each([
    [errno("EACCES", "/w/a.duckdb"), "no permission to use /w/a.duckdb"],
    [errno("EROFS", "/w/a.duckdb"), "/w/a.duckdb is on a read-only file system"],
    [errno("ENOSPC", "/w/a.duckdb"), "no space left on the disk to write /w/a.duckdb"],
    [errno("EISDIR", "/d/x.csv"), "/d/x.csv is a folder where a file is expected"],
    [new Error('IO Error: Cannot open file "/w/a.duckdb": Permission denied'), "no permission to use /w/a.duckdb"],
    [new Error('TransactionContext Error: Failed to commit: Could not write file "/w/a.wal": No space left on device'), "no space left on the disk to write /w/a.wal"],
    [new Error("Out of Memory Error: could not allocate block of size 256 KiB"), "raise FTZ_MEMORY_LIMIT"],
  ])("%s", (error, words) => {
    const line = environmentError(error);
    expect(line).toContain(words);
    expect(line).toMatch(/[\u4e00-\u9fff].* \/ /);
  });

  it("an error that is neither the data's nor the machine's is a bug: undefined here, exit 5 in the CLI", () => {
    expect(environmentError(new TypeError("x is undefined"))).toBeUndefined();
  });
});

/** Runs a script of tests/cli/scripts in a mount namespace of its own; returns what it wrote in OUT. */
async function inMountNamespace(script: string): Promise<(name: string) => Promise<string>> {
  const mount = await mkdtemp(join(dir, "mnt-"));
  const out = await mkdtemp(join(dir, "out-"));
  await promisify(execFile)("unshare", ["-m", "bash", `tests/cli/scripts/${script}`, mount, out], { timeout: 300_000 });
  return (name) => readFile(join(out, name), "utf8");
}

describe("a read-only and a full file system (tmpfs under unshare -m)", () => {
  it("a disk that fills up during an ingest: one line naming the file (exit 4), the warehouse unchanged", async () => {
    const read = await inMountNamespace("disk-full.sh");
    expect(await read("first.rc")).toBe("0\n");
    expect(await read("full.rc")).toBe("4\n");
    expectOneLine(await read("full.err"));
    expect(await read("full.err")).toMatch(/no space left on the disk to write \S+w\.duckdb(\.wal|\.files\/[0-9a-f]{64}\.tmp-\S+)?: nothing was changed/);
    expect(await read("full.out")).toBe("");
    const before = JSON.parse(await read("before.json"));
    expect(before.revision).toBe(1);
    expect(JSON.parse(await read("after.json"))).toEqual(before);
  });

  it("a read-only warehouse and data folder: one line each (exit 4), the warehouse unchanged and still readable", async () => {
    const read = await inMountNamespace("read-only.sh");
    expect(await read("first.rc")).toBe("0\n");
    expect(await read("ingest.rc")).toBe("4\n");
    expectOneLine(await read("ingest.err"));
    expect(await read("ingest.err")).toMatch(/w\.duckdb is on a read-only file system: choose a writable place/);
    const before = JSON.parse(await read("before.json"));
    expect(JSON.parse(await read("after.json"))).toEqual(before);
    expect(await read("after.err")).toBe("");
    // ftz export into the read-only data folder (its default, data/export): the folder named, nothing made.
    expect(await read("export.rc")).toBe("4\n");
    expectOneLine(await read("export.err"));
    expect(await read("export.err")).toMatch(/\/data is on a read-only file system/);
    expect((await read("data.ls")).split("\n").filter(Boolean)).toEqual(["indicators.yml", "reference"]);
  });
});
