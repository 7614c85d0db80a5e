// Units as published figures write them (12,000万元 · 3.5亿美元 · 12家) → the number, the unit as
// written, and the exact conversion into an indicator's unit. Shared by the CSV rules and the
// workbook reader (values with units in Excel cells): the one place that knows which units convert.
// Scales are powers of ten, so a conversion moves the decimal point in the number's own digits:
// 12,000万元 is 1.2亿元 exactly, never 1.2000000000000002.

import { halfWidth } from "./text.ts";

/** One unit: the family it converts within (元, 美元 …) and its scale as a power of ten of the family's base. */
export interface Unit {
  family: string;
  exponent: number;
}

/** The units a value may be written in. Counting words (家, 个, 项, 条) each form a family of their own: 家 never converts to 个. */
export const units: Record<string, Unit> = {
  元: { family: "元", exponent: 0 },
  千元: { family: "元", exponent: 3 },
  万元: { family: "元", exponent: 4 },
  百万元: { family: "元", exponent: 6 },
  亿元: { family: "元", exponent: 8 },
  美元: { family: "美元", exponent: 0 },
  万美元: { family: "美元", exponent: 4 },
  亿美元: { family: "美元", exponent: 8 },
  平方公里: { family: "平方公里", exponent: 0 },
  平方千米: { family: "平方公里", exponent: 0 },
  "%": { family: "%", exponent: 0 },
  家: { family: "家", exponent: 0 },
  个: { family: "个", exponent: 0 },
  项: { family: "项", exponent: 0 },
  条: { family: "条", exponent: 0 },
};

// Longest first, so that 万美元 wins over 美元 and 亿元 over 元.
const byLength = Object.keys(units).sort((a, b) => b.length - a.length);
/** Qualifier words that may follow the unit (3.5亿元以上): moved back beside the number. */
const trailing = ["以上", "左右", "余", "多"];

/**
 * splitUnit(text) finds a unit written after the number: "12,000万元" → { number: "12,000", unit: "万元" };
 * "3.5亿元以上" → { number: "3.5以上", unit: "亿元" }. Undefined when the text ends in no known unit
 * (or is a unit alone). "%" is left to the value reader, which reads it as a share.
 */
export function splitUnit(text: string): { number: string; unit: string } | undefined {
  const t = halfWidth(text);
  let after = "";
  let body = t;
  for (const q of trailing) {
    if (body.endsWith(q) && body.length > q.length) {
      const rest = body.slice(0, -q.length).trimEnd();
      if (byLength.some((u) => u !== "%" && rest.endsWith(u))) (after = q), (body = rest);
      break;
    }
  }
  for (const u of byLength) {
    if (u === "%" || !body.endsWith(u)) continue;
    const number = body.slice(0, -u.length).trim();
    if (!/\d/.test(number)) return undefined;
    return { number: number + after, unit: u };
  }
  return undefined;
}

/** The unit an indicator's registry entry names (its unit.zh), when it is one of the table's. */
export const unitOf = (name: string): Unit | undefined => units[halfWidth(name)];

export type Conversion = { ok: true; value: number } | { ok: false; zh: string; en: string };

/**
 * convert(value, from, to) expresses a value written in unit `from` in unit `to`, exactly: 12000 万元
 * → 1.2 亿元. Refused, naming both units, when they are not of one family (美元 into 元, 家 into 个) or
 * either is unknown and they differ.
 */
export function convert(value: number, from: string, to: string): Conversion {
  const a = unitOf(from);
  const b = unitOf(to);
  if (halfWidth(from) === halfWidth(to)) return { ok: true, value };
  if (!a || !b || a.family !== b.family) {
    return {
      ok: false,
      zh: `单位 "${from}" 无法换算为指标单位 "${to}"`,
      en: `the unit "${from}" does not convert to the indicator's unit "${to}"`,
    };
  }
  return { ok: true, value: shiftDecimal(value, a.exponent - b.exponent) };
}

/**
 * shiftDecimal(x, k) is x × 10^k computed on x's decimal digits (the shortest that read back as x,
 * which are the digits written for any figure of up to 15 significant digits), then read once: no
 * binary multiplication, so no drift.
 */
export function shiftDecimal(x: number, k: number): number {
  if (k === 0 || x === 0 || !Number.isFinite(x)) return x;
  const [mantissa, exp = "0"] = String(x).split("e");
  const negative = mantissa!.startsWith("-");
  const [whole, fraction = ""] = mantissa!.replace("-", "").split(".");
  const digits = whole! + fraction;
  const point = whole!.length + Number(exp) + k;
  const text =
    point <= 0 ? `0.${"0".repeat(-point)}${digits}` : point >= digits.length ? digits + "0".repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return Number((negative ? "-" : "") + text);
}
