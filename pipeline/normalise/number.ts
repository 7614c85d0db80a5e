// Values as published figures and spreadsheets write them → a number with its qualifier kept beside
// it, as written. "30余" is not 30: it is "over 30", and a page must be able to say so — in the words
// it was published with. Empty means missing — never zero.

import { halfWidth } from "./text.ts";

/** What a qualifier says about the number: the meaning behind each word (several words share one). */
export type Meaning = "approx" | "nearly" | "over" | "at_least" | "under" | "at_most" | "projection";

/**
 * A qualifier as the figure was published with it: the word or sign itself (约, 超, 逾, 余, 以上, 左右,
 * 不到, 预计, ≥ …; full-width forms made half-width). Kept as written, because 超50000 and 50000余 are
 * different claims to a reader, though both mean "over".
 */
export type Qualifier = string;

export type ValueParse =
  | { ok: true; value: number | null; qualifier: Qualifier | null; percent: boolean }
  | { ok: false; zh?: string; en?: string };

/** Qualifier words and signs written before the number, longest first so that 超过 wins over 超. (Exported for the set-based value reading, warehouse/values.ts.) */
export const prefixes: [string, Meaning][] = [
  ["不少于", "at_least"], ["不低于", "at_least"], ["不超过", "at_most"], ["超过", "over"], ["大于", "over"],
  ["多于", "over"], ["将近", "nearly"], ["接近", "nearly"], ["不足", "under"], ["不到", "under"],
  ["小于", "under"], ["大约", "approx"], ["预计", "projection"], [">=", "at_least"], ["<=", "at_most"], ["约", "approx"],
  ["近", "nearly"], ["超", "over"], ["逾", "over"], ["≥", "at_least"], ["≤", "at_most"], [">", "over"],
  ["<", "under"], ["~", "approx"], ["≈", "approx"],
];
/** Qualifier words and signs written after the number. */
export const suffixes: [string, Meaning][] = [
  ["以上", "at_least"], ["左右", "approx"], ["余", "over"], ["多", "over"], ["+", "over"],
];

const meanings = new Map<string, { meaning: Meaning; prefix: boolean }>([
  ...prefixes.map(([w, m]) => [w, { meaning: m, prefix: true }] as const),
  ...suffixes.map(([w, m]) => [w, { meaning: m, prefix: false }] as const),
]);

/** qualifierMeaning(q): what a qualifier as written means; undefined for a word that is no qualifier. */
export function qualifierMeaning(q: Qualifier): Meaning | undefined {
  return meanings.get(q)?.meaning;
}

/** A projection (预计) is a published figure, kept and shown, but never counted as an actual result. */
export const isProjection = (q: Qualifier | null) => q !== null && qualifierMeaning(q) === "projection";

/** How each meaning reads in English, before the number. */
const english: Record<Meaning, string> = {
  approx: "about ", nearly: "nearly ", over: "over ", at_least: "at least ", under: "under ", at_most: "at most ", projection: "projected ",
};

const excelErrors = /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!)$/i;
const placeholders = new Set(["-", "—", "－", "/", "无", "N/A", "NA", "null", "NULL", "空"]);
const plainNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const groupedNumber = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * parseValue(text) reads 1234 · 1,234.5 · １２３４ · -5 · 1.2E+3 · 约30 · 30余 · 超30 · >50 · 85%.
 * Empty text is missing (value null). Anything else is refused with the reason: NaN, Infinity, Excel
 * error values, placeholders such as "-", misplaced thousands separators, units inside the value.
 */
export function parseValue(text: string): ValueParse {
  // Most cells are plain whole numbers: read them without the general path (same result, much faster).
  if (/^\d{1,15}$/.test(text)) return { ok: true, value: Number(text), qualifier: null, percent: false };
  let t = halfWidth(text).replace(/[，]/g, ",").replace(/[。]/g, ".");
  if (t === "") return { ok: true, value: null, qualifier: null, percent: false };
  if (excelErrors.test(t)) return fail(`Excel 错误值 ${t}`, `an Excel error value ${t}`);
  if (placeholders.has(t)) return fail("缺失值请留空", "leave the cell empty for a missing value");
  if (/^[+-]?(nan|inf|infinity)$/i.test(t)) return fail("不是有限数", "not a finite number");

  let qualifier: Qualifier | null = null;
  for (const [word] of prefixes) {
    if (t.startsWith(word)) {
      qualifier = word;
      t = t.slice(word.length).trim();
      break;
    }
  }
  let percent = false;
  if (t.endsWith("%")) (percent = true), (t = t.slice(0, -1).trim());
  for (const [word] of suffixes) {
    if (t.endsWith(word) && t.length > word.length) {
      if (qualifier) return fail("一个数只能有一个限定词", "only one qualifier per value");
      qualifier = word;
      t = t.slice(0, -word.length).trim();
      if (!percent && t.endsWith("%")) (percent = true), (t = t.slice(0, -1).trim());
      break;
    }
  }

  let digits = t;
  if (t.includes(",")) {
    if (!groupedNumber.test(t)) return fail("千位分隔符位置不对", "misplaced thousands separator");
    digits = t.replaceAll(",", "");
  }
  if (!plainNumber.test(digits)) {
    const unit = /^[+-]?[\d.,]+([^\d.,\s]+)$/.exec(t);
    if (unit) {
      return fail(
        `数值中含单位 "${unit[1]}"，请只填数字，单位在指标登记表中设定`,
        `the value contains the unit "${unit[1]}"; write the number only, the unit is set in the registry`,
      );
    }
    return fail();
  }
  // "-0" is zero: drop the sign, or the site's Intl.NumberFormat shows "-0" and Object.is tells it from 0.
  const value = Number(digits) + 0;
  if (!Number.isFinite(value)) return fail("超出可表示的范围", "too large to represent");
  // 1e-400 reads as 0: a figure written with a non-zero digit is not zero, and is never stored as one.
  if (value === 0 && /[1-9]/.test(digits.replace(/[eE].*$/, ""))) return fail("数值过小，无法表示（下溢为 0）", "too small to represent (it would be stored as 0)");
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    return fail("数值过大，无法精确保存", "too large to store exactly");
  }
  return { ok: true, value, qualifier, percent };
}

/**
 * formatValue(value, qualifier, lang) writes a value back with its qualifier as it was published:
 * 超30 · 30余 · 约30 · 30左右 in Chinese; in English by its meaning: over 30 · about 30 · projected 30.
 * `number` writes the number (String by default: as stored; a chart passes its own grouping, 1,234).
 */
export function formatValue(value: number, qualifier: Qualifier | null, lang: "zh" | "en" = "zh", number: (v: number) => string = String): string {
  const n = number(value);
  const q = qualifier === null ? undefined : meanings.get(qualifier);
  if (!qualifier || !q) return qualifier ? `${qualifier}${n}` : n;
  if (lang === "en") return `${english[q.meaning]}${n}`;
  return q.prefix ? `${qualifier}${n}` : `${n}${qualifier}`;
}

/**
 * inexactNote(qualifiers, lang): what a total says when figures added into it were published with
 * qualifiers. 约30 plus 超20 is neither 50 nor "about 50", so the total keeps its number and names the
 * words behind it: 含非确数（约、超） · includes inexact figures (about, over). Nothing for none.
 */
export function inexactNote(qualifiers: readonly Qualifier[], lang: "zh" | "en" = "zh"): string {
  if (!qualifiers.length) return "";
  if (lang === "zh") return `含非确数（${qualifiers.join("、")}）`;
  const words = [...new Set(qualifiers.map((q) => (meanings.has(q) ? english[meanings.get(q)!.meaning].trim() : q)))];
  return `includes inexact figures (${words.join(", ")})`;
}

/** qualifiersOf(list): the distinct qualifiers among some figures' (null: none), in one fixed order (code points), as SQL's list_sort gives them. */
export function qualifiersOf(list: readonly (Qualifier | null | undefined)[]): Qualifier[] {
  return [...new Set(list.filter((q): q is Qualifier => !!q))].sort();
}

/**
 * formatWritten(number, unit, qualifier): a figure as it was published with its own unit, the qualifier
 * where the writer put it — 超3.5亿美元 · 30余家 · 120余亿元 · 3.3亿元以上 · 1500亿元左右. The words
 * are the publication's, so they stay Chinese on an English page too (a quotation). The number may come
 * already written (a card's 1,234).
 */
export function formatWritten(number: number | string, unit: string, qualifier: Qualifier | null): string {
  const n = String(number);
  if (!qualifier) return `${n}${unit}`;
  if (meanings.get(qualifier)?.prefix ?? true) return `${qualifier}${n}${unit}`;
  // 余 and 多 sit between the number and its unit (30余家); 以上, 左右 and + follow the unit (3.3亿元以上).
  return qualifier === "余" || qualifier === "多" ? `${n}${qualifier}${unit}` : `${n}${unit}${qualifier}`;
}

function fail(zh?: string, en?: string): ValueParse {
  return zh ? { ok: false, zh, en } : { ok: false };
}
