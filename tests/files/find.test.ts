import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findDataFiles, type Skipped } from "../../pipeline/files.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-find-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function touch(...names: string[]) {
  for (const name of names) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), "x\n");
  }
}

describe("findDataFiles", () => {
  it("findDataFiles(paths) walks folders for .csv/.tsv/.txt files, sorted, named relative to cwd", async () => {
    await touch("data/b.csv", "data/a/2024.tsv", "data/notes.txt", "data/readme.md");
    expect(await findDataFiles([join(dir, "data")], dir)).toEqual(["data/a/2024.tsv", "data/b.csv", "data/notes.txt"]);
  });

  it("skips the reference tables, the export, an export a killed run left half-written, and hidden folders", async () => {
    await touch("data/x.csv", "data/reference/parks.csv", "data/export/observations.csv", "data/export.tmp-4242/observations.csv", "data/.git/a.csv");
    await touch("data/exports/kept.csv", "data/export.tmp-old/kept.csv");
    expect(await findDataFiles([join(dir, "data")], dir)).toEqual(["data/export.tmp-old/kept.csv", "data/exports/kept.csv", "data/x.csv"]);
  });

  it("takes a file named explicitly, wherever it is", async () => {
    await touch("data/reference/parks.csv");
    expect(await findDataFiles([join(dir, "data/reference/parks.csv")], dir)).toEqual(["data/reference/parks.csv"]);
  });

  it("reads only regular files: FIFOs and devices skipped, links out of the folder refused, a linked folder named x.csv not followed", async () => {
    await touch("data/ok.csv", "outside/secret.csv");
    execFileSync("mkfifo", [join(dir, "data/pipe.csv")]);
    await symlink("/dev/zero", join(dir, "data/zero.csv"));
    await symlink("/etc/passwd", join(dir, "data/passwd.csv"));
    await symlink(join(dir, "outside/secret.csv"), join(dir, "data/secret.csv"));
    await symlink(join(dir, "data/ok.csv"), join(dir, "data/inside.csv"));
    await mkdir(join(dir, "data/folder"));
    await symlink(join(dir, "data/folder"), join(dir, "data/x.csv"));
    await symlink(join(dir, "nowhere.csv"), join(dir, "data/dangling.csv"));
    const skipped: Skipped[] = [];
    // Never opens a FIFO or a device: this returns at once rather than blocking on pipe.csv or reading /dev/zero.
    expect(await findDataFiles([join(dir, "data")], dir, (s) => skipped.push(s))).toEqual(["data/inside.csv", "data/ok.csv"]);
    const why = Object.fromEntries(skipped.map((s) => [s.path.slice(dir.length + 1), s.en]));
    expect(why).toEqual({
      "data/pipe.csv": "is a named pipe (FIFO), not a regular file: skipped",
      "data/zero.csv": "is a link out of the data folder (to /dev/zero), not read",
      "data/passwd.csv": "is a link out of the data folder (to /etc/passwd), not read",
      "data/secret.csv": `is a link out of the data folder (to ${join(dir, "outside/secret.csv")}), not read`,
      "data/x.csv": "is a link to a folder, not followed",
      "data/dangling.csv": "is a link to nothing, skipped",
    });
    for (const s of skipped) expect(s.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it("refuses a FIFO or a device named explicitly (usage, exit 2), before opening it", async () => {
    execFileSync("mkfifo", [join(dir, "pipe.csv")]);
    await expect(findDataFiles([join(dir, "pipe.csv")], dir)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("is a named pipe (FIFO), not a regular file") });
    await expect(findDataFiles(["/dev/zero"], dir)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("/dev/zero: is a device") });
  });
});
