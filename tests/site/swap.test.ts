// The site's output is swapped in whole (pipeline/site/swap.ts): a build writes a staging folder
// beside dist/, and dist/ changes only when the build is complete. Folders stand in for builds here;
// tests/site/rebuild.test.ts runs two real builds through the same path.
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, expect, it} from "vitest";
import {stageOutput, swapIn} from "../../pipeline/site/swap.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-swap-"));
});
afterEach(() => rm(dir, {recursive: true, force: true}));

/** A folder that looks like a build: Framework's _observablehq/ and one page saying which build it is. */
async function build(folder: string, which: string): Promise<void> {
  await mkdir(join(folder, "_observablehq"), {recursive: true});
  await writeFile(join(folder, "index.html"), which);
}

it("a complete build replaces the previous one whole; nothing else is left beside it", async () => {
  const dist = join(dir, "dist");
  await build(dist, "first");
  const staging = await stageOutput(dist);
  await build(staging, "second");
  // While the new build is written, dist/ is still the whole previous build.
  expect(await readFile(join(dist, "index.html"), "utf8")).toBe("first");
  await swapIn(staging, dist);
  expect(await readFile(join(dist, "index.html"), "utf8")).toBe("second");
  expect(await readdir(dir)).toEqual(["dist"]);
});

it("a killed build leaves the previous build; the next build clears what it left", async () => {
  const dist = join(dir, "dist");
  await build(dist, "first");
  await build(join(dir, "dist.build-99999999"), "half"); // a build killed while writing
  const staging = await stageOutput(dist);
  expect((await readdir(dir)).sort()).toEqual(["dist"]);
  expect(await readFile(join(dist, "index.html"), "utf8")).toBe("first");
  await build(staging, "second");
  await swapIn(staging, dist);
  expect(await readFile(join(dist, "index.html"), "utf8")).toBe("second");
});

it("killed between the two renames of a swap: the previous build is put back", async () => {
  const dist = join(dir, "dist");
  await build(join(dir, "dist.old-99999999"), "first");
  await build(join(dir, "dist.build-99999999"), "complete but unnamed");
  await stageOutput(dist);
  expect(await readFile(join(dist, "index.html"), "utf8")).toBe("first");
  expect(await readdir(dir)).toEqual(["dist"]);
});

it("refuses to replace an output folder that holds something other than a build", async () => {
  const out = join(dir, "mine");
  await mkdir(out);
  await writeFile(join(out, "notes.txt"), "keep");
  const staging = await stageOutput(out);
  await build(staging, "new");
  await expect(swapIn(staging, out)).rejects.toThrow("holds something other than a site build");
  expect(await readFile(join(out, "notes.txt"), "utf8")).toBe("keep");
});
