// Caps on a field (64 KB) and a line (1 MB), checked on the raw bytes before any parsing
// (pipeline/read/limits.ts, files.ts: limitProblems), and what the CLI does with a file past them.
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../pipeline/cli/main.ts";
import { limitProblems } from "../../pipeline/files.ts";
import { LimitScanner, MAX_FIELD_BYTES, MAX_LINE_BYTES } from "../../pipeline/read/limits.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-limits-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const header = "indicator,entity,period,value,note\n";
const row = (note: string) => `innovation_cases,yongchuan,2016,3,${note}\n`;

async function located(name: string, text: string) {
  const path = join(dir, name);
  await writeFile(path, text);
  return (await limitProblems([{ file: name, path }])).map((p) => [p.code, p.line, p.column]);
}

describe("limitProblems", () => {
  it("accepts a field of exactly 64 KB, refuses one byte more, located at its line and column", async () => {
    expect(await located("at.csv", header + row("x".repeat(MAX_FIELD_BYTES)))).toEqual([]);
    expect(await located("over.csv", header + row("ok") + row("x".repeat(MAX_FIELD_BYTES + 1)))).toEqual([["field_too_long", 3, 5]]);
  });

  it("counts a quoted field with commas, escaped quotes and line breaks as one field", async () => {
    const quoted = `"${'a,"",\n'.repeat(MAX_FIELD_BYTES / 6 + 1)}"`;
    // Located at the line where the field passes 64 KB: the 65,537th byte of the field, 6 bytes a line.
    expect(await located("quoted.csv", header + row("ok") + row(quoted))).toEqual([["field_too_long", 3 + Math.floor(MAX_FIELD_BYTES / 6), 5]]);
    // The same characters unquoted are many short fields on many lines: nothing to say.
    expect(await located("unquoted.csv", header + row('a,b,\n'.repeat(MAX_FIELD_BYTES)))).toEqual([]);
  });

  it("refuses a line over 1 MB even when every field in it is short", async () => {
    expect(await located("wide.csv", header + row("ok") + "a,".repeat(MAX_LINE_BYTES / 2 + 1) + "\n")).toEqual([["line_too_long", 3, 0]]);
  });

  it("finds the same breach whatever the chunks the bytes come in", () => {
    const text = new TextEncoder().encode(header + row('"quoted, ""note"""') + row("y".repeat(MAX_FIELD_BYTES + 10)) + row("z"));
    const whole = new LimitScanner().feed(text);
    expect(whole).toEqual({ offset: expect.any(Number), cap: "field" });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 6 }), (cuts) => {
        const bounds = [0, ...new Set(cuts)].sort((a, b) => a - b).concat(text.length);
        const scanner = new LimitScanner();
        let breach;
        for (let i = 0; i + 1 < bounds.length && !breach; i++) breach = scanner.feed(text.subarray(bounds[i], bounds[i + 1]));
        expect(breach).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });
});

describe("a 200 MB note through the CLI", () => {
  /** A file whose note runs on for 200 MB (sparse: no disk is spent on it). */
  async function hugeNote(): Promise<string> {
    const path = join(dir, "huge.csv");
    await writeFile(path, header + row("ok") + "innovation_cases,yongchuan,2017,4,");
    const handle = await open(path, "r+");
    await handle.truncate(200 * 1024 * 1024);
    await handle.close();
    return path;
  }

  it("ftz validate and ftz ingest refuse it with one located error (exit 1), reading 64 KB of it, and write nothing", async () => {
    const path = await hugeNote();
    const db = join(dir, "w.duckdb");
    for (const command of ["validate", "ingest"]) {
      let out = "";
      const code = await main([command, path, "--db", db, "--today", "2026-11-27"], { out: (t) => (out += t), err: (t) => (out += t), cwd: dir });
      expect(code, command).toBe(1);
      expect(out).toContain("huge.csv:3:5: error field_too_long");
      expect(out).toContain("this cell is longer than 64 KB");
    }
    expect(existsSync(db)).toBe(false);
  });
});
