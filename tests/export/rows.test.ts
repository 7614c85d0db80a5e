// numberText (pipeline/export/sqltext.ts) against String(): where SQL answers, it writes what JavaScript
// writes; where it cannot, it answers NULL and the export writes that indicator in JavaScript.

import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { numberText, seriesValueExact } from "../../pipeline/export/sqltext.ts";
import { roundSum } from "../../pipeline/status/series.ts";

/** Edge values, then seeded random ones of every magnitude (doubles in the range 1e-20 … 1e20, and cents). */
function values(): number[] {
  const out = [0, -0, 1, -1, 0.1, 0.2, 0.1 + 0.2, 18.98, 1e-7, 1.5e-6, 0.000123, 123456.789, 1e15, 1e16, 1e20, 1e21, 2 ** 53, 2 ** 53 - 1, 2 ** 60, 1 / 3, 5e-324, 1.7976931348623157e308, 12345678.91, 1048575.123456789, 1048576.5];
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 5000; i++) {
    out.push((random() - 0.5) * 10 ** Math.floor(random() * 40 - 20), Math.round(random() * 1e8) / 100, Math.floor(random() * 1e12));
  }
  return out;
}

describe("numberText", () => {
  it("writes a double as String() does, or answers NULL; seriesValueExact only where roundSum leaves the value as it is", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    const xs = values();
    await c.run("CREATE TABLE t (i INTEGER, v DOUBLE)");
    const appender = await c.createAppender("t");
    xs.forEach((v, i) => {
      appender.appendInteger(i);
      appender.appendDouble(v);
      appender.endRow();
    });
    appender.closeSync();
    const rows = (await c.runAndReadAll(`SELECT i, ${numberText("v")} AS s, ${seriesValueExact("v")} AS exact FROM t ORDER BY i`)).getRowObjectsJson() as { i: number; s: string | null; exact: boolean }[];
    let written = 0;
    for (const { i, s, exact } of rows) {
      const v = xs[i]!;
      if (s !== null) {
        written++;
        expect(s, String(v)).toBe(String(v));
      }
      if (exact) expect(roundSum([v]), String(v)).toBe(v);
    }
    // Integers and plain decimals are written by SQL: most of them.
    expect(written).toBeGreaterThan(xs.length / 2);
    expect(rows.find((x) => xs[x.i] === 1e-7)!.s).toBeNull();
    expect(rows.find((x) => xs[x.i] === 2 ** 60)!.s).toBeNull();
    expect(rows.find((x) => Object.is(xs[x.i], -0))!.exact).toBe(false);
    c.closeSync();
    instance.closeSync();
  });
});
