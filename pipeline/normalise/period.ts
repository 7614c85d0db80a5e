// Periods as analysts write them → a typed period with a start and an end. Period strings do not
// sort as time ("2023-Q1" sorts after "2023-12"), so everything downstream uses start/end.

import { halfWidth, smallNumber } from "./text.ts";

/**
 * The calendar granularities (year … day) are the points of series. The others are kept, shown and
 * exported but never a point of a series or a status, so a year-to-date total is never added to a
 * month's figure: ytd (January to a month's end: 2024年1-8月, 前三季度), span (any other run of months or
 * years: 2017—2021年, "十四五"以来（截至2024年6月）) and asof (a stock at a date: 截至2021年3月).
 */
export type Granularity = "year" | "half" | "quarter" | "month" | "day" | "ytd" | "span" | "asof";

/** What a figure over a period is: a flow over the whole period, or a stock at its end (a single date, 截至…). */
export type PeriodKind = "flow" | "stock";

export const periodKind = (g: Granularity): PeriodKind => (g === "day" || g === "asof" ? "stock" : "flow");

export interface Period {
  key: string; // canonical: 2023 · 2023-H1 · 2023-Q2 · 2023-06 · 2023-06-30 · 2024-01~2024-08 · 2017~2021 · ~2021-03-31 (as of)
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
  const written = writtenRange(t);
  if (written) return written;
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
    case "asof":
      return lang === "zh" ? `截至${dayText(p.end)}` : `as of ${p.end}`;
    case "ytd":
    case "span":
      return spanText(p, lang);
  }
}

// "十四五" and the other five-year plans: the first year of each.
const fiveYearPlans: Record<string, number> = { 十一五: 2006, 十二五: 2011, 十三五: 2016, 十四五: 2021, 十五五: 2026 };
const dash = "[-~—–－～至到]";

/**
 * The forms offices write that are not one calendar period: year-to-date (2024年1-8月, 2024年1—8月,
 * 2024年前三季度), runs of months or years (2024年3-8月, 2017—2021年), a five-year plan ("十四五"期间;
 * "十四五"以来 with the date it runs to), and stocks at a date (截至2021年3月, 截至2023年6月16日, 2023年末).
 * Undefined for a text of none of these forms.
 */
function writtenRange(t: string): PeriodParse | undefined {
  let m: RegExpExecArray | null;
  const months = (y: number, a: number, b: number): PeriodParse => {
    if (a < 1 || b > 12 || a >= b) return fail(`月份范围 ${a}–${b} 月无效`, `the months ${a}–${b} are not a range`);
    const bad = yearOk(y);
    if (bad) return bad;
    const key = `${y}-${pad(a)}~${y}-${pad(b)}`;
    return { ok: true, period: { key, granularity: a === 1 ? "ytd" : "span", start: iso(y, a, 1), end: iso(y, b, lastDay(y, b)) } };
  };
  if ((m = new RegExp(`^(\\d{4})年(\\d{1,2})月?${dash}(\\d{1,2})月(?:份)?(?:累计)?$`).exec(t))) return months(+m[1]!, +m[2]!, +m[3]!);
  if ((m = /^(\d{4})年前([一二三]|[123])(?:个)?季度$/.exec(t))) return months(+m[1]!, 1, smallNumber(m[2]!)! * 3);
  // Runs across years, as formatPeriod writes them (and the stored key): 2021年1月—2024年6月 · 2021-01~2024-06-30.
  if (
    (m = new RegExp(`^(\\d{4})年(\\d{1,2})月${dash}(\\d{4})年(\\d{1,2})月(?:(\\d{1,2})日)?$`).exec(t)) ||
    (m = new RegExp(`^(\\d{4})-(\\d{1,2})${dash}(\\d{4})-(\\d{1,2})(?:-(\\d{1,2}))?$`).exec(t))
  ) {
    const [y1, m1, y2, m2] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!];
    if (y1 === y2 && !m[5]) return months(y1, m1, m2);
    if (m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12) return fail();
    const d = m[5] ? +m[5] : lastDay(y2, m2);
    if (d < 1 || d > lastDay(y2, m2)) return fail(`${y2}年${m2}月没有 ${d} 日`, `${y2}-${pad(m2)} has no day ${d}`);
    const [start, end] = [iso(y1, m1, 1), iso(y2, m2, d)];
    if (start >= end) return fail("起止时间颠倒", "the run ends before it starts");
    return yearOk(y1) ?? yearOk(y2) ?? { ok: true, period: { key: `${y1}-${pad(m1)}~${m[5] ? end : `${y2}-${pad(m2)}`}`, granularity: "span", start, end } };
  }
  if (new RegExp(`^(\\d{1,2})月?${dash}(\\d{1,2})月$`).test(t)) return fail("缺少年份，请写成 2024年1-8月", "the year is missing: write 2024年1-8月");
  if ((m = new RegExp(`^(\\d{4})年?${dash}(\\d{4})年?$`).exec(t))) {
    const [a, b] = [+m[1]!, +m[2]!];
    if (a >= b) return fail(`年份范围 ${a}–${b} 无效`, `the years ${a}–${b} are not a range`);
    return yearOk(a) ?? yearOk(b) ?? { ok: true, period: { key: `${a}~${b}`, granularity: "span", start: iso(a, 1, 1), end: iso(b, 12, 31) } };
  }
  if ((m = /^(\d{4})年(?:末|底)$/.exec(t))) return asOf(iso(+m[1]!, 12, 31), +m[1]!);
  if ((m = /^(?:~|asof)(\d{4})-(\d{2})-(\d{2})$/i.exec(t))) {
    const d = day(+m[1]!, +m[2]!, +m[3]!);
    return d.ok ? asOf(d.period.start, +m[1]!) : d;
  }
  if ((m = /^(?:截至|截止|截止到|截至到)(.+?)(?:末|底)?$/.exec(t))) {
    const inner = parsePeriod(m[1]!);
    if (!inner.ok) return inner;
    if (!["year", "half", "quarter", "month", "day"].includes(inner.period.granularity)) return fail();
    return asOf(inner.period.end, +inner.period.end.slice(0, 4));
  }
  if ((m = /^["“”'‘’「」『』]?(十[一二三四五]五)["“”'‘’「」『』]?(以来|期间|时期)(?:[（(]?(?:截至|截止)?(.+?)[）)]?)?$/.exec(t))) {
    const first = fiveYearPlans[m[1]!]!;
    if (m[2] !== "以来") return m[3] ? fail() : { ok: true, period: { key: `${first}~${first + 4}`, granularity: "span", start: iso(first, 1, 1), end: iso(first + 4, 12, 31) } };
    if (!m[3]) {
      return fail(
        `"${m[1]}"以来需写明截至何时，如 "${m[1]}"以来（截至2024年6月）`,
        `"since the ${m[1]} plan" needs the date it runs to, e.g. "${m[1]}"以来（截至2024年6月）`,
      );
    }
    const to = parsePeriod(m[3].replace(/^(?:截至|截止)/, ""));
    if (!to.ok) return to;
    const end = to.period.end;
    if (end < iso(first, 1, 1)) return fail(`截至日期早于"${m[1]}"开始（${first}年）`, `the end is before the ${m[1]} plan began (${first})`);
    const endKey = to.period.granularity === "day" ? end : end.slice(0, 7);
    return { ok: true, period: { key: `${first}-01~${endKey}`, granularity: "span", start: iso(first, 1, 1), end } };
  }
  return undefined;
}

function asOf(date: string, y: number): PeriodParse {
  return yearOk(y) ?? { ok: true, period: { key: `~${date}`, granularity: "asof", start: date, end: date } };
}

/** 2024年1—8月 · 2017—2021年 · 2021年1月—2024年6月; in English 2024-01 – 2024-08, 2017 – 2021. */
function spanText(p: Period, lang: "zh" | "en"): string {
  const [ys, ye] = [p.start.slice(0, 4), p.end.slice(0, 4)];
  const wholeYears = p.start.endsWith("-01-01") && p.end.endsWith("-12-31");
  const dayEnd = p.end.slice(8) !== String(lastDay(+ye, +p.end.slice(5, 7))).padStart(2, "0");
  if (lang === "en") return wholeYears ? `${ys} – ${ye}` : `${p.start.slice(0, 7)} – ${dayEnd ? p.end : p.end.slice(0, 7)}`;
  if (wholeYears) return `${ys}—${ye}年`;
  if (ys === ye && !dayEnd) return `${ys}年${+p.start.slice(5, 7)}—${+p.end.slice(5, 7)}月`;
  return `${ys}年${+p.start.slice(5, 7)}月—${dayEnd ? dayText(p.end) : `${ye}年${+p.end.slice(5, 7)}月`}`;
}

const dayText = (isoDate: string) => `${isoDate.slice(0, 4)}年${+isoDate.slice(5, 7)}月${+isoDate.slice(8)}日`;

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
