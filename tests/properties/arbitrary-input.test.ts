// Property tests: whatever bytes arrive, the reader and the validator answer with located problems,
// never an exception; and what the CSV writer writes, the reader reads back unchanged. Seeded, so a
// failure reproduces.
import fc from "fast-check";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { decode } from "../../pipeline/read/decode.ts";
import { parseCsv } from "../../pipeline/parse/csv.ts";
import { parseValue } from "../../pipeline/normalise/number.ts";
import { parsePeriod } from "../../pipeline/normalise/period.ts";
import { validateFile } from "../../pipeline/validate/index.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { realRegistry } from "../helpers.ts";
import { createHash } from "node:crypto";
import { Scanner, scanQuotes, type Quotes } from "../../pipeline/warehouse/scan.ts";

const runs = { seed: 20220527, numRuns: 300 };
let registry: Registry;
beforeAll(async () => {
  registry = await realRegistry();
});

/** Bytes that look like CSV often enough to reach the later stages: delimiters, quotes, CJK, junk. */
const csvish = fc
  .array(
    fc.oneof(
      fc.constantFrom(",", '"', "\n", "\r\n", "\r", "\t", "指标", "园区,时期,数值", "enterprises_attracted", "凤凰湖", "2023-Q2", "约30", "-5", "\uFEFF"),
      fc.string({ maxLength: 8 }),
      fc.uint8Array({ maxLength: 6 }).map((b) => String.fromCharCode(...b)),
    ),
    { maxLength: 40 },
  )
  .map((parts) => new TextEncoder().encode(parts.join("")));

const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), csvish);

/** CSV that is plain (warehouse/scan.ts) more often than not, with the near misses: stray quotes, quoted line breaks, blank lines, lone CRs. */
const plainish = fc
  .record({
    rows: fc.array(
      fc.array(
        fc.oneof(
          { arbitrary: fc.constantFrom("a", "凤凰湖", " ", "", "\u3000x", '"a,b"', '"q""q"', '"x\ty"', '""'), weight: 40 },
          { arbitrary: fc.constantFrom('a"b', '"x"y', '"two\nlines"', "\r", '"open'), weight: 1 },
        ),
        { minLength: 2, maxLength: 4 },
      ),
      { minLength: 2, maxLength: 6 },
    ),
    delimiter: fc.constantFrom(",", "\t"),
    newline: fc.constantFrom("\n", "\r\n", "\n", "\r\n", "\r"),
    bom: fc.boolean(),
    end: fc.constantFrom("", "\n", "\r\n", "\n\n"),
  })
  .map(({ rows, delimiter, newline, bom, end }) => new TextEncoder().encode((bom ? "\uFEFF" : "") + rows.map((r) => r.join(delimiter)).join(newline) + end));

describe("arbitrary input", () => {
  it("decode(bytes) never throws: text, or one located problem", () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const r = decode(bytes, "x.csv");
        if (!r.ok) expect(r.problem.line).toBeGreaterThanOrEqual(0);
      }),
      runs,
    );
  });

  it("parseCsv(text) never throws, and every record's line lies within the text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parseCsv(text, "x.csv");
        const lines = text.split(/\r\n|\n|\r/).length;
        for (const rec of r.records) expect(rec.line).toBeLessThanOrEqual(lines);
        for (const p of r.problems) expect(p.line).toBeLessThanOrEqual(lines);
      }),
      runs,
    );
  });

  it("validateFile(bytes) never throws: every problem is located in the file", () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const r = validateFile("x.csv", bytes, registry, "2026-11-27");
        for (const p of r.problems) {
          expect(p.file).toBe("x.csv");
          expect(Number.isInteger(p.line) && p.line >= 0).toBe(true);
          expect(Number.isInteger(p.column) && p.column >= 0).toBe(true);
          expect(p.zh.length > 0 && p.en.length > 0).toBe(true);
        }
      }),
      runs,
    );
  });

  it("parseValue(text) and parsePeriod(text) never throw on any string", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        expect(typeof parseValue(text).ok).toBe("boolean");
        expect(typeof parsePeriod(text).ok).toBe("boolean");
      }),
      runs,
    );
  });

  it("parseCsv(Papa.unparse(rows)) gives the rows back, quotes, delimiters and line breaks included", () => {
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('a,"b"', "x\ny", "凤凰湖", " lead", 'q""q'));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (rows) => {
        // Rows whose cells are all empty are skipped on reading, as Excel's empty rows are.
        const kept = rows.filter((r) => r.some((c) => c !== ""));
        const text = Papa.unparse(rows, { newline: "\r\n" });
        expect(parseCsv(text, "x.csv").records.map((r) => r.fields)).toEqual(kept);
      }),
      runs,
    );
  });

  it("Scanner: a file it calls plain reads, by our own reader, as one record a line, without a problem, as DuckDB would", () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.oneof(anyBytes, plainish, plainish), fc.integer({ min: 1, max: 64 }), (bytes, chunk) => {
        const scan = scanInChunks(bytes, chunk);
        expect(scan.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
        expect(scanInChunks(bytes, bytes.length || 1).plain).toEqual(scan.plain); // chunking never changes the verdict
        if (!scan.plain) return;
        plain++;
        const decoded = decode(bytes, "x.csv");
        if (!decoded.ok) return expect(decoded.problem.code).toBe("empty_file"); // a file of whitespace
        expect(decoded.encoding).toBe(scan.plain.bom ? "utf-8-bom" : "utf-8");
        const parsed = parseCsv(decoded.text, "x.csv");
        expect(parsed.problems).toEqual([]);
        const lines = decoded.text.split(scan.plain.newline);
        if (lines.at(-1) === "") lines.pop();
        expect(lines.length).toBe(scan.plain.dataLines + 1);
        expect(lines[0]).toBe(scan.plain.header);
        // Each record is its own line: read alone (after a header that fixes the delimiter), it gives the same fields.
        const alone = (line: string) => parseCsv(`${scan.plain!.delimiter === "\t" ? "a\tb" : "a,b"}\n${line}`, "x.csv").records[1]?.fields;
        for (const r of parsed.records) if (r.line > 1) expect(alone(lines[r.line - 1]!)).toEqual(r.fields);
      }),
      { ...runs, numRuns: 1000 },
    );
    expect(plain).toBeGreaterThan(150); // the property was put to the test
  });

  it("scanQuotes, jumping from quote to quote, reads every chunk as the rules read byte by byte", () => {
    const state = fc.record({ inQuotes: fc.boolean(), quoteSeen: fc.boolean(), closed: fc.boolean(), fieldStart: fc.boolean() });
    fc.assert(
      fc.property(fc.oneof(anyBytes, plainish), state, fc.constantFrom(0x2c, 0x09), fc.constantFrom(-1, 0x2c, 0x0a, 0x61), (bytes, start, delim, before) => {
        // Only the states the scanner can be in: quoteSeen inside quotes, closed outside.
        const q0: Quotes = { ...start, quoteSeen: start.inQuotes && start.quoteSeen, closed: !start.inQuotes && start.closed };
        const fast = { ...q0 };
        const slow = { ...q0 };
        const why = scanQuotes(bytes, fast, delim, before);
        expect(why).toBe(bytewise(bytes, slow, delim, before));
        if (why === undefined) expect(fast).toEqual(slow);
      }),
      { ...runs, numRuns: 2000 },
    );
  });
});

function scanInChunks(bytes: Uint8Array, size: number) {
  const s = new Scanner();
  for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
  return s.end();
}

/** The quote rules read byte by byte, as the scanner read them before it jumped between quotes: the oracle. */
function bytewise(b: Uint8Array, q: Quotes, delim: number, before: number): string | undefined {
  const [QUOTE, LF, CR] = [0x22, 0x0a, 0x0d];
  let { inQuotes, quoteSeen, closed } = q;
  let fieldStart = before < 0 || q.fieldStart;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (inQuotes) {
      if (quoteSeen) {
        quoteSeen = false;
        if (c === QUOTE) continue;
        inQuotes = false;
        closed = true;
      } else {
        if (c === QUOTE) quoteSeen = true;
        else if (c === LF || c === CR) return "a line break inside quotes";
        continue;
      }
    }
    if (c === delim || c === LF || c === CR) {
      closed = false;
      fieldStart = true;
    } else if (closed) {
      return "text after a closing quote";
    } else if (c === QUOTE) {
      if (!fieldStart) return "a quote inside an unquoted field";
      inQuotes = true;
      fieldStart = false;
    } else fieldStart = false;
  }
  Object.assign(q, { inQuotes, quoteSeen, closed, fieldStart });
  return undefined;
}
