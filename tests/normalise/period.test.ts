import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPeriod, lastDay, parseDate, parsePeriod, periodKind, type Period } from "../../pipeline/normalise/period.ts";

function read(text: string): Period {
  const p = parsePeriod(text);
  if (!p.ok) throw new Error(`parsePeriod refused ${text}`);
  return p.period;
}

const year: Period = { key: "2023", granularity: "year", start: "2023-01-01", end: "2023-12-31" };
const h1: Period = { key: "2023-H1", granularity: "half", start: "2023-01-01", end: "2023-06-30" };
const h2: Period = { key: "2023-H2", granularity: "half", start: "2023-07-01", end: "2023-12-31" };
const q2: Period = { key: "2023-Q2", granularity: "quarter", start: "2023-04-01", end: "2023-06-30" };
const june: Period = { key: "2023-06", granularity: "month", start: "2023-06-01", end: "2023-06-30" };
const day: Period = { key: "2023-06-30", granularity: "day", start: "2023-06-30", end: "2023-06-30" };

describe("parsePeriod", () => {
  it.each(([
    ["2023", year],
    ["2023年", year],
    ["2023年度", year],
    ["2023-H1", h1],
    ["2023H1", h1],
    ["2023年上半年", h1],
    ["2023年下半年", h2],
    ["2023-Q2", q2],
    ["2023Q2", q2],
    ["2023q2", q2],
    ["2023年Q2", q2],
    ["2023年第二季度", q2],
    ["2023年2季度", q2],
    ["2023年第2季度", q2],
    ["2023-06", june],
    ["2023/6", june],
    ["2023.06", june],
    ["2023年6月", june],
    ["2023年六月", june],
    ["2023年6月份", june],
    ["202306", june],
    ["2023-06-30", day],
    ["2023/6/30", day],
    ["2023年6月30日", day],
    ["20230630", day],
    ["２０２３－０６", june],
    ["２０２３年第二季度", q2],
    [" 2023 年 6 月 ", june],
  ] as [string, Period][]).map(([text, period]) => [text, period.key, period] as const))("parsePeriod(text) reads %s as %s", (text, _, period) => {
    expect(parsePeriod(text)).toEqual({ ok: true, period });
  });

  it("parsePeriod(text) reads 2023年第二季度 as 2023-Q2", () => {
    expect(read("2023年第二季度").key).toBe("2023-Q2");
  });

  it("parsePeriod(text) gives each quarter, half and month its true last day, 29 February in a leap year", () => {
    expect(read("2023-Q1").end).toBe("2023-03-31");
    expect(read("2023-Q3")).toMatchObject({ start: "2023-07-01", end: "2023-09-30" });
    expect(read("2023-Q4")).toMatchObject({ start: "2023-10-01", end: "2023-12-31" });
    expect(read("2024-02").end).toBe("2024-02-29");
    expect(read("2023-02").end).toBe("2023-02-28");
    expect(read("2024-02-29").key).toBe("2024-02-29");
    expect(read("2023年十二月").key).toBe("2023-12");
  });

  it.each([
    ["2023-13", "there is no month 13", "没有 13 月"],
    ["2023-00", "there is no month 0", "没有 0 月"],
    ["202313", "there is no month 13", "没有 13 月"],
    ["2023-Q5", "there is no quarter 5", "没有第 5 季度"],
    ["2023年第五季度", "there is no quarter 5", "没有第 5 季度"],
    ["2023-02-30", "2023-02 has no day 30", "2023年2月没有 30 日"],
    ["2023-02-29", "2023-02 has no day 29", "2023年2月没有 29 日"],
    ["2023-06-31", "2023-06 has no day 31", "2023年6月没有 31 日"],
    ["1989", "year 1989 is outside 1990–2100", "年份 1989 不在 1990–2100 之间"],
    ["45107", "looks like an Excel date serial (45107 = 2023-06-30); format the column as text", "像是 Excel 的日期序列号（45107 = 2023-06-30）"],
    ["45107.5", "looks like an Excel date serial (45107.5 = 2023-06-30)", "Excel 的日期序列号"],
  ])("parsePeriod(text) refuses %s with the reason", (text, en, zh) => {
    const p = parsePeriod(text);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.en).toContain(en);
    expect(p.zh).toContain(zh);
  });

  it.each(["", "Q2", "June 2023", "23-06", "2023年第甲季度", "2023/06/30/1", "abc"])("parsePeriod(text) refuses %j with no reason to give", (text) => {
    expect(parsePeriod(text)).toEqual({ ok: false });
  });
});

describe("parsePeriod half-years", () => {
  it("parsePeriod(text) reads 2023年H1 and refuses 2023-H3 with its reason", () => {
    expect(parsePeriod("2023年H1")).toMatchObject({ ok: true, period: { key: "2023-H1", start: "2023-01-01", end: "2023-06-30" } });
    expect(parsePeriod("2023-H3")).toEqual({ ok: false, zh: "没有第 3 个半年", en: "there is no half-year 3" });
  });
});

describe("parseDate", () => {
  it("parseDate(text) reads the day forms and nothing coarser", () => {
    expect(parseDate("2023-06-30")).toBe("2023-06-30");
    expect(parseDate("2023年6月30日")).toBe("2023-06-30");
    expect(parseDate("2023/6/30")).toBe("2023-06-30");
    expect(parseDate("2023-06")).toBeUndefined();
    expect(parseDate("2023")).toBeUndefined();
    expect(parseDate("2023-02-30")).toBeUndefined();
  });
});

describe("formatPeriod", () => {
  it.each([
    ["2023", "2023年", "2023"],
    ["2023-H1", "2023年上半年", "2023 H1"],
    ["2023-H2", "2023年下半年", "2023 H2"],
    ["2023-Q2", "2023年第2季度", "2023 Q2"],
    ["2023-06", "2023年6月", "2023-06"],
    ["2023-06-30", "2023年6月30日", "2023-06-30"],
  ])("formatPeriod(period) shows %s as %s in Chinese and %s in English", (key, zh, en) => {
    const p = read(key);
    expect(formatPeriod(p)).toBe(zh);
    expect(formatPeriod(p, "zh")).toBe(zh);
    expect(formatPeriod(p, "en")).toBe(en);
  });

  it("parsePeriod(formatPeriod(period)) is the same period, in either language", () => {
    const period = fc.oneof(
      fc.integer({ min: 1990, max: 2100 }).map(String),
      fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 2 })).map(([y, h]) => `${y}-H${h}`),
      fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
      fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`),
      fc
        .tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastDay(y, m))).padStart(2, "0")}`),
    );
    fc.assert(
      fc.property(period, (key) => {
        const p = read(key);
        expect(p.key).toBe(key);
        expect(read(formatPeriod(p, "zh"))).toEqual(p);
        expect(read(formatPeriod(p, "en"))).toEqual(p);
        expect(p.start <= p.end).toBe(true);
      }),
    );
  });
});

describe("parsePeriod: periods as offices write them (issue 11)", () => {
  it.each([
    ["2024年1-8月", "2024-01~2024-08", "ytd", "2024-01-01", "2024-08-31", "2024年1—8月", "2024-01 – 2024-08"],
    ["2024年1—8月", "2024-01~2024-08", "ytd", "2024-01-01", "2024-08-31", "2024年1—8月", "2024-01 – 2024-08"],
    ["2024年1至8月", "2024-01~2024-08", "ytd", "2024-01-01", "2024-08-31", "2024年1—8月", "2024-01 – 2024-08"],
    ["2024年前三季度", "2024-01~2024-09", "ytd", "2024-01-01", "2024-09-30", "2024年1—9月", "2024-01 – 2024-09"],
    ["2024年1-2月", "2024-01~2024-02", "ytd", "2024-01-01", "2024-02-29", "2024年1—2月", "2024-01 – 2024-02"],
    ["2024年3-8月", "2024-03~2024-08", "span", "2024-03-01", "2024-08-31", "2024年3—8月", "2024-03 – 2024-08"],
    ["2017—2021年", "2017~2021", "span", "2017-01-01", "2021-12-31", "2017—2021年", "2017 – 2021"],
    ["2017-2021", "2017~2021", "span", "2017-01-01", "2021-12-31", "2017—2021年", "2017 – 2021"],
    ["“十四五”期间", "2021~2025", "span", "2021-01-01", "2025-12-31", "2021—2025年", "2021 – 2025"],
    ["“十四五”以来（截至2024年6月）", "2021-01~2024-06", "span", "2021-01-01", "2024-06-30", "2021年1月—2024年6月", "2021-01 – 2024-06"],
    ['"十四五"以来截至2023年6月16日', "2021-01~2023-06-16", "span", "2021-01-01", "2023-06-16", "2021年1月—2023年6月16日", "2021-01 – 2023-06-16"],
    ["截至2021年3月", "~2021-03-31", "asof", "2021-03-31", "2021-03-31", "截至2021年3月31日", "as of 2021-03-31"],
    ["截至2023年6月16日", "~2023-06-16", "asof", "2023-06-16", "2023-06-16", "截至2023年6月16日", "as of 2023-06-16"],
    ["2023年末", "~2023-12-31", "asof", "2023-12-31", "2023-12-31", "截至2023年12月31日", "as of 2023-12-31"],
  ])("reads %s as %s (%s, %s to %s), shown as %s / %s, and reads both back", (text, key, granularity, start, end, zh, en) => {
    const p = read(text);
    expect(p).toEqual({ key, granularity, start, end });
    expect(formatPeriod(p, "zh")).toBe(zh);
    expect(formatPeriod(p, "en")).toBe(en);
    expect(read(zh)).toEqual(p);
    expect(read(en)).toEqual(p);
    expect(read(key)).toEqual(p);
  });

  it("keeps 上半年 a half-year (January to June) and a single date a day", () => {
    expect(read("2024年上半年")).toEqual({ key: "2024-H1", granularity: "half", start: "2024-01-01", end: "2024-06-30" });
    expect(read("2023年6月16日")).toEqual({ key: "2023-06-16", granularity: "day", start: "2023-06-16", end: "2023-06-16" });
  });

  it("says what a flow and a stock are: a single date and 截至 are stocks at their end, every other period a flow", () => {
    expect(periodKind(read("2023年6月16日").granularity)).toBe("stock");
    expect(periodKind(read("截至2021年3月").granularity)).toBe("stock");
    for (const t of ["2024年1-8月", "2017—2021年", "2023-06", "2023", "2023-Q2", "2024年上半年"]) expect(periodKind(read(t).granularity), t).toBe("flow");
  });

  it("refuses a run with no year, a '十四五以来' with no end, and runs that end before they start, each with the reason", () => {
    const refused = (t: string) => {
      const p = parsePeriod(t);
      return p.ok ? undefined : p.en;
    };
    expect(refused("1—8月")).toBe("the year is missing: write 2024年1-8月");
    expect(refused("“十四五”以来")).toContain("needs the date it runs to");
    expect(refused("2024年8-1月")).toContain("not a range");
    expect(refused("2021—2017年")).toContain("not a range");
    expect(refused("“十四五”以来（截至2019年6月）")).toContain("before");
    expect(refused("截至2023年13月")).toContain("no month 13");
  });
});
