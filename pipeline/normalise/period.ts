// Periods as analysts write them → a typed period with a start and an end. Period strings do not
// sort as time ("2023-Q1" sorts after "2023-12"), so everything downstream uses start/end.

import { halfWidth, smallNumber } from "./text.ts";

export type Granularity = "year" | "half" | "quarter" | "month" | "day";

export interface Period {
  key: string; // canonical: 2023 · 2023-H1 · 2023-Q2 · 2023-06 · 2023-06-30
  granularity: Granularity;
  start: string; // ISO date, first day
  end: string; // ISO date, last day
}

export type PeriodParse = { ok: true; period: Period } | { ok: false; zh?: string; en?: string };

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * parsePeriod(text) accepts 2023 · 2023年 · 2023-H1 · 2023年H1 · 2023年上半年 · 2023-Q2 · 2023Q2 · 2023年第二季度 ·
 * 2023年2季度 · 2023-06 · 2023/6 · 2023年6月 · 202306 · 2023-06-30 · 2023/6/30 · 2023年6月30日 · 20230630,
 * in full-width digits too. An impossible date (2023-13, 2023-Q5, 2月30日) is refused with the reason.
 */
export function parsePeriod(text: string): PeriodParse {
  const t = halfWidth(text).replace(/\s+/g, "");
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})年?(?:度)?$/.exec(t))) return year(+m[1]!);
  if ((m = /^(\d{4})(?:[-/.]|年)?H(\d+)$/i.exec(t))) return half(+m[1]!, +m[2]!);
  if ((m = /^(\d{4})年(上|下)半年$/.exec(t))) return half(+m[1]!, m[2] === "上" ? 1 : 2);
  if ((m = /^(\d{4})[-/._]?Q(\d+)$/i.exec(t)) || (m = /^(\d{4})年Q(\d+)$/i.exec(t))) return quarter(+m[1]!, +m[2]!);
  if ((m = /^(\d{4})年第?([一二三四五六七八九十\d]+)季度?$/.exec(t))) {
    const q = smallNumber(m[2]!);
    return q === undefined ? fail() : quarter(+m[1]!, q);
  }
  if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(t)) || (m = /^(\d{4})(\d{2})$/.exec(t))) return month(+m[1]!, +m[2]!);
  if ((m = /^(\d{4})年([一二三四五六七八九十\d]+)月(?:份)?$/.exec(t))) {
    const mo = smallNumber(m[2]!);
    return mo === undefined ? fail() : month(+m[1]!, mo);
  }
  if (
    (m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t)) ||
    (m = /^(\d{4})(\d{2})(\d{2})$/.exec(t)) ||
    (m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t))
  ) {
    return day(+m[1]!, +m[2]!, +m[3]!);
  }
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const iso = excelSerialToIso(Number(t));
    return fail(
      `像是 Excel 的日期序列号（${t} = ${iso}），请把该列设为文本格式`,
      `looks like an Excel date serial (${t} = ${iso}); format the column as text`,
    );
  }
  return fail();
}

/** parseDate(text) accepts the day forms of parsePeriod and returns the ISO date, or undefined. */
export function parseDate(text: string): string | undefined {
  const p = parsePeriod(text);
  return p.ok && p.period.granularity === "day" ? p.period.start : undefined;
}

/** formatPeriod(period, lang) is how a page shows it: 2023年第2季度 · 2023 Q2. */
export function formatPeriod(p: Period, lang: "zh" | "en" = "zh"): string {
  const [y, rest] = [p.key.slice(0, 4), p.key.slice(5)];
  switch (p.granularity) {
    case "year":
      return lang === "zh" ? `${y}年` : y;
    case "half":
      return lang === "zh" ? `${y}年${rest === "H1" ? "上" : "下"}半年` : `${y} ${rest}`;
    case "quarter":
      return lang === "zh" ? `${y}年第${rest.slice(1)}季度` : `${y} ${rest}`;
    case "month":
      return lang === "zh" ? `${y}年${+rest}月` : p.key;
    case "day":
      return lang === "zh" ? `${y}年${+p.key.slice(5, 7)}月${+p.key.slice(8)}日` : p.key;
  }
}

function fail(zh?: string, en?: string): PeriodParse {
  return zh ? { ok: false, zh, en } : { ok: false };
}

function yearOk(y: number): PeriodParse | undefined {
  return y < MIN_YEAR || y > MAX_YEAR
    ? fail(`年份 ${y} 不在 ${MIN_YEAR}–${MAX_YEAR} 之间`, `year ${y} is outside ${MIN_YEAR}–${MAX_YEAR}`)
    : undefined;
}

function year(y: number): PeriodParse {
  return yearOk(y) ?? { ok: true, period: { key: `${y}`, granularity: "year", start: iso(y, 1, 1), end: iso(y, 12, 31) } };
}

function half(y: number, h: number): PeriodParse {
  if (h < 1 || h > 2) return fail(`没有第 ${h} 个半年`, `there is no half-year ${h}`);
  return (
    yearOk(y) ?? {
      ok: true,
      period: { key: `${y}-H${h}`, granularity: "half", start: iso(y, h * 6 - 5, 1), end: iso(y, h * 6, lastDay(y, h * 6)) },
    }
  );
}

function quarter(y: number, q: number): PeriodParse {
  if (q < 1 || q > 4) return fail(`没有第 ${q} 季度`, `there is no quarter ${q}`);
  return (
    yearOk(y) ?? {
      ok: true,
      period: { key: `${y}-Q${q}`, granularity: "quarter", start: iso(y, q * 3 - 2, 1), end: iso(y, q * 3, lastDay(y, q * 3)) },
    }
  );
}

function month(y: number, m: number): PeriodParse {
  if (m < 1 || m > 12) return fail(`没有 ${m} 月`, `there is no month ${m}`);
  return (
    yearOk(y) ?? {
      ok: true,
      period: { key: `${y}-${pad(m)}`, granularity: "month", start: iso(y, m, 1), end: iso(y, m, lastDay(y, m)) },
    }
  );
}

function day(y: number, m: number, d: number): PeriodParse {
  if (m < 1 || m > 12) return fail(`没有 ${m} 月`, `there is no month ${m}`);
  if (d < 1 || d > lastDay(y, m)) return fail(`${y}年${m}月没有 ${d} 日`, `${y}-${pad(m)} has no day ${d}`);
  const date = iso(y, m, d);
  return yearOk(y) ?? { ok: true, period: { key: date, granularity: "day", start: date, end: date } };
}

export function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function excelSerialToIso(serial: number): string {
  // Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: epoch 1899-12-30.
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}
