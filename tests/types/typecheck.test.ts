// The type check (tsc --noEmit over tsconfig.json: pipeline/, src/, tests/) as one test of the suite, not
// a step before it: `npm test` ran it first, alone, ≈ 20–40 s on one core while the other idled; as a
// test file it runs beside the others.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

describe("the type check", () => {
  it("tsc --noEmit finds no error in the project", async () => {
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(process.execPath, [tsc, "--noEmit", "--pretty", "false"], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
      ),
    );
    expect(output.trim(), "tsc's errors").toBe("");
    expect(code).toBe(0);
  });
});
