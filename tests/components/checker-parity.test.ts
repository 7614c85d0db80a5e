// The browser checker and `ftz validate` give identical problems on every fixture, workbooks included:
// the checker runs the bundles the site serves (src/components/pipeline.js, and workbook.js for a
// workbook, made by pipeline/site/bundle.ts before the tests), `ftz validate` the TypeScript sources.
// Each folder is checked as one input, so the rules across files are compared too. Files past the CLI's
// length caps (a 64 KB cell, a 1 MB line: read/limits.ts) are left out of both: the CLI reads no further
// than the cap and says so; the browser checks what it is handed.

import { readFileSync } from "node:fs";
import { dataFileRefs, findDataFiles, limitProblems } from "../../pipeline/files.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { validateCommand } from "../../pipeline/cli/validate.ts";
import type { Io } from "../../pipeline/cli/io.ts";
import type { Problem } from "../../pipeline/problems.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { realRegistry } from "../helpers.ts";

const today = "2026-11-27";
const folders = ["tests/fixtures/validate", "tests/fixtures/hostile", "tests/fixtures/excel", "data/sample"];
let registry: Registry;
beforeAll(async () => {
  registry = await realRegistry();
});

async function cli(folder: string): Promise<Problem[]> {
  let out = "";
  const io: Io = { out: (t) => void (out += t), err: () => {}, cwd: process.cwd() };
  await validateCommand({ paths: [folder], dataDir: "data", today, json: true }, io);
  return (JSON.parse(out) as { problems: Problem[] }).problems;
}

/** The folder's files as `ftz validate` finds them, and those past the caps. */
async function filesOf(folder: string) {
  const files = await findDataFiles([folder]);
  const tooLong = new Set((await limitProblems(dataFileRefs(files))).map((p) => p.file));
  return { files: files.filter((f) => !tooLong.has(f)), tooLong };
}

async function checker(files: string[]): Promise<Problem[]> {
  const { validateFiles, workbookKind } = await import("../../src/components/pipeline.js");
  const { readWorkbook } = await import("../../src/components/workbook.js");
  const inputs = files.map((file) => {
    const bytes = new Uint8Array(readFileSync(file));
    return { file, bytes, ...(workbookKind(bytes) && { sheets: readWorkbook(bytes, file) }) };
  });
  return validateFiles(inputs, registry, today).problems;
}

describe("the browser checker and ftz validate report the same problems", () => {
  it.each(folders)("on %s", async (folder) => {
    const { files, tooLong } = await filesOf(folder);
    const a = (await cli(folder)).filter((p) => !tooLong.has(p.file));
    const b = await checker(files);
    expect(b).toEqual(a);
    if (folder === "tests/fixtures/excel") expect(a.filter((p) => p.sheet !== undefined).length).toBeGreaterThan(10);
  });
});
