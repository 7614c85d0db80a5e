// `ftz validate` has two ways: input up to a few MB is checked in memory by the JavaScript rules, with
// no database; larger input through a throwaway warehouse, large plain files set-based in SQL. Both must
// print the same thing — every problem's code, place and both messages, in the same order, and the
// same counts — on the whole fixture corpus. Each folder is checked as one input: every file's own
// problems are reported as when it is alone, and the rules across files run too. (File by file, the two
// ways of ingest are held together by tests/warehouse/setload.test.ts; a warehouse per file here would
// cost a minute of the suite for no other path.)

import { describe, expect, it } from "vitest";
import { validateCommand, type ValidateOptions } from "../../pipeline/cli/validate.ts";
import type { Io } from "../../pipeline/cli/io.ts";
import { validationCorpus } from "../helpers.ts";

const today = "2026-11-27";

async function validate(paths: string[], way: Pick<ValidateOptions, "inMemoryUpToBytes" | "setBasedFromBytes">) {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), cwd: process.cwd() };
  const code = await validateCommand({ paths, dataDir: "data", today, json: true, ...way }, io);
  return { code, json: JSON.parse(out) as { files: number; rows: number; errors: number; warnings: number; problems: unknown[] }, err };
}

const inMemory = { inMemoryUpToBytes: Number.POSITIVE_INFINITY };
/** The warehouse, every file set-based where DuckDB can read it (as a file of megabytes would be). */
const inWarehouse = { inMemoryUpToBytes: -1, setBasedFromBytes: 0 };

describe("ftz validate in memory and through the warehouse report the same", () => {
  const corpus = validationCorpus();
  it.each(["tests/fixtures/validate", "tests/fixtures/hostile", "data/sample"])("on the corpus folder %s", async (folder) => {
    const a = await validate([folder], inMemory);
    const b = await validate([folder], inWarehouse);
    expect(b).toEqual(a);
    // The folder walk takes every corpus file in it (and any in its subfolders).
    expect(a.json.files).toBeGreaterThanOrEqual(corpus.filter((f) => f.startsWith(`${folder}/`)).length);
    expect(a.json.problems.length).toBeGreaterThan(folder === "data/sample" ? -1 : 50);
  });

  it("on data/ as `ftz validate` checks it by default, with the default threshold (in memory)", async () => {
    const byDefault = await validate(["data"], {});
    expect(byDefault).toEqual(await validate(["data"], inWarehouse));
    expect(byDefault.json.rows).toBeGreaterThan(0);
  });
});
