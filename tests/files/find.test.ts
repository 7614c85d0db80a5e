import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findDataFiles } from "../../pipeline/files.ts";

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
});
