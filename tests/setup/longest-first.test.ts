import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LONGEST } from "./longest-first.ts";

/** Every test file under tests/ (the suite's include pattern), as a path from the project's root. */
const testFiles = (dir = "tests"): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith(".test.ts") ? [join(dir, e.name)] : []));

describe("the longest-first order", () => {
  it("LONGEST names test files that exist, each once", () => {
    for (const file of LONGEST) expect(existsSync(file), file).toBe(true);
    expect(new Set(LONGEST).size).toBe(LONGEST.length);
  });
  it("one test file drives Chromium (chromium.test.ts): a second would wait for its turn holding a worker idle", () => {
    const calls = ["siteInChromium", "browserTurn", "launchChromium"].map((name) => `${name}(`);
    const driving = testFiles().filter((f) => calls.some((call) => readFileSync(f, "utf8").includes(call)));
    expect(driving).toEqual([]);
    // Its modules do, through the one session of sharedSite.ts.
    const imported = [...readFileSync("tests/browser/chromium.test.ts", "utf8").matchAll(/^import "\.\/(\w+\.ts)";$/gm)].map((m) => `tests/browser/${m[1]}`);
    const modules = readdirSync("tests/browser").map((f) => `tests/browser/${f}`).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith("/sharedSite.ts") && readFileSync(f, "utf8").includes(calls[0]!));
    expect(modules.sort()).toEqual(imported.sort());
  });
});
