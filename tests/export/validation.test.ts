// validation.json: the export validates the data folder as `ftz validate` does — small input in memory
// by the JavaScript rules, large input through a throwaway warehouse — and both ways give the same
// counts and problems, so the analysts' page reads the same whichever way ran.

import { describe, expect, it } from "vitest";
import { validateDataFolder } from "../../pipeline/export/site.ts";
import { findDataFiles } from "../../pipeline/files.ts";
import { realRegistry } from "../helpers.ts";

const today = "2026-11-27";

describe("the export's validation of the data folder", () => {
  it.each(["tests/fixtures/validate", "tests/fixtures/hostile", "data/sample"])("is the same in memory and through a warehouse on %s", async (folder) => {
    const registry = await realRegistry();
    const paths = await findDataFiles([folder]);
    const inMemory = await validateDataFolder(paths, registry, today, Number.POSITIVE_INFINITY);
    const inWarehouse = await validateDataFolder(paths, registry, today, -1);
    expect(inWarehouse).toEqual(inMemory);
    expect(inMemory.files).toBe(paths.length);
    if (folder !== "data/sample") expect(inMemory.problems.length).toBeGreaterThan(50);
  });
});
