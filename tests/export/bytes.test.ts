// The byte assembly's own writing of numbers and dates (pipeline/export/bytes.ts) against what the
// export's JavaScript writes elsewhere: String() for numbers, DuckDB's DATE text (as toISOString gives it
// for these years) for dates.

import { describe, expect, it } from "vitest";
import { ByteWriter, dateText } from "../../pipeline/export/bytes.ts";
import { seriesValue } from "../../pipeline/export/rows.ts";
import { roundSum } from "../../pipeline/status/series.ts";

/** Edge values, then seeded random ones of every magnitude. */
function values(): number[] {
  const out = [0, -0, 1, -1, 9, 10, 99, 100, 0.1, 0.2, 0.1 + 0.2, 18.98, 1e-7, 123456.789, 1e15, 1e16, 1e20, 1e21, 2 ** 53, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53 - 9, 2 ** 60, 1 / 3, 5e-324, 1.7976931348623157e308];
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 20000; i++) {
    out.push((random() - 0.5) * 10 ** Math.floor(random() * 40 - 20), Math.round(random() * 1e8) / 100, Math.floor(random() * 1e12), Math.floor((random() - 0.5) * 2 ** 53));
  }
  return out;
}

describe("ByteWriter", () => {
  it("writes every number as String() does, integers digit by digit included", () => {
    const xs = values();
    const w = new ByteWriter();
    xs.forEach((v, i) => {
      if (i) w.ascii(",");
      w.number(v);
    });
    expect(w.take().toString("latin1")).toBe(xs.map(String).join(","));
  });

  it("writes the dates of the years 1000 to 9999 as YYYY-MM-DD", () => {
    const day = 86_400_000;
    // Every day of 1899–2101, every 29th day of the whole range, and the end of February of every year.
    const days = new Set<number>();
    for (let d = Date.UTC(1899, 0, 1) / day; d <= Date.UTC(2101, 11, 31) / day; d++) days.add(d);
    for (let d = Date.UTC(1000, 0, 1) / day; d <= Date.UTC(9999, 11, 31) / day; d += 29) days.add(d);
    for (let y = 1000; y <= 9999; y++) for (const d of [28, 29, 30]) days.add(Date.UTC(y, 1, d) / day);
    days.add(Date.UTC(9999, 11, 31) / day);
    const w = new ByteWriter();
    for (const d of days) w.date(d);
    expect(w.take().toString("latin1")).toBe([...days].map((d) => new Date(d * day).toISOString().slice(0, 10)).join(""));
    expect(dateText(0)).toBe("1970-01-01");
  });

  it("keeps what was written when it grows, and starts again empty after take", () => {
    const w = new ByteWriter();
    const long = "x".repeat(100_000);
    w.ascii("ab");
    w.bytes(Buffer.from("引号"));
    w.ascii(long);
    expect(w.take().toString()).toBe(`ab引号${long}`);
    expect(w.size).toBe(0);
  });
});

describe("seriesValue", () => {
  it("is roundSum of one value", () => {
    for (const v of values()) expect(Object.is(seriesValue(v), roundSum([v])) || (v === 0 && seriesValue(v) === 0), String(v)).toBe(true);
  });
});
