// How periods, dates and figures read in sentences, in each language: 2023年第四季度 · Q4 2023,
// 2026年12月2日 · 2 Dec 2026, and one precision per kind of figure, so that a figure reads the same on
// the card, in its sentence and in its derivation. Pure: shared by the status engine's sentences and
// the site's components (bundled for the browser through pipeline/browser.ts).

import { formatValue, formatWritten, inexactNote, type Qualifier } from "../normalise/number.ts";

export type Lang = "zh" | "en";

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const quarterZh = ["一", "二", "三", "四"];

/** dateText("2026-12-02"): 2026年12月2日 · 2 Dec 2026. */
export function dateText(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return lang === "zh" ? `${y}年${m}月${d}日` : `${d} ${months[m - 1]} ${y}`;
}

/**
 * periodText(key): a period key as text. 2023-Q4 → 2023年第四季度 · Q4 2023; 2023-H2 → 2023年下半年 ·
 * H2 2023; 2026-10 → 2026年10月 · Oct 2026; 2023 → 2023年 · 2023; a day as dateText. Runs of months or
 * years as statistical offices write them: 2024-01~2024-08 → 2024年1—8月 · Jan–Aug 2024; 2021-01~2024-06
 * → 2021年1月—2024年6月 · Jan 2021 – Jun 2024; 2017~2021 → 2017—2021年 · 2017–2021; a stock at a date
 * ~2021-03-31 → 截至2021年3月31日 · as of 31 Mar 2021. Anything else is returned as it is.
 */
export function periodText(key: string, lang: Lang): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(key))) return lang === "zh" ? `${m[1]}年` : m[1]!;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return lang === "zh" ? `${m[1]}年第${quarterZh[+m[2]! - 1]}季度` : `Q${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return lang === "zh" ? `${m[1]}年${m[2] === "1" ? "上" : "下"}半年` : `H${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) return lang === "zh" ? `${m[1]}年${+m[2]!}月` : `${months[+m[2]! - 1]} ${m[1]}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return dateText(key, lang);
  if ((m = /^(\d{4})~(\d{4})$/.exec(key))) return lang === "zh" ? `${m[1]}—${m[2]}年` : `${m[1]}–${m[2]}`;
  if ((m = /^(\d{4})-(\d{2})~(\d{4})-(\d{2})$/.exec(key))) {
    const [, y1, m1, y2, m2] = m as unknown as [string, string, string, string, string];
    if (y1 === y2) return lang === "zh" ? `${y1}年${+m1}—${+m2}月` : `${months[+m1 - 1]}–${months[+m2 - 1]} ${y1}`;
    return lang === "zh" ? `${y1}年${+m1}月—${y2}年${+m2}月` : `${months[+m1 - 1]} ${y1} – ${months[+m2 - 1]} ${y2}`;
  }
  if ((m = /^~(\d{4}-\d{2}-\d{2})$/.exec(key))) return lang === "zh" ? `截至${dateText(m[1]!, "zh")}` : `as of ${dateText(m[1]!, "en")}`;
  return key;
}

/** "in Q4 2023" · "on 15 Dec 2023": an English period after a verb. */
export function inPeriod(key: string): string {
  return `${/^\d{4}-\d{2}-\d{2}$/.test(key) ? "on" : "in"} ${periodText(key, "en")}`;
}

const numerals: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/**
 * clauseText("一（三）；附件 第1、7行", "en"): a clause of the plan as English readers cite it,
 * "1(3); Annex, rows 1, 7". Chinese is returned as it is: the plan's own numbering.
 */
export function clauseText(clause: string, lang: Lang): string {
  if (lang === "zh") return clause;
  return clause
    .replace(/[一二三四五六七八九十]/g, (c) => String(numerals[c]))
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/附件\s*/g, "Annex")
    .replace(/第([\d、]+)行/g, (_, rows: string) => `, row${rows.includes("、") ? "s" : ""} ${rows.replace(/、/g, ", ")}`)
    .replace(/；/g, "; ")
    .replace(/、/g, ", ");
}

/** The decimals a figure of this kind is shown with, everywhere: shares 1 (45.2%), counts and ranks 0, amounts 2. */
export function figureDigits(kind: string): number {
  return kind === "share" ? 1 : kind === "amount" ? 2 : 0;
}

/**
 * figureText(45.16, "share", "%", "zh"): 45.2% — the figure at its kind's precision with its unit; with
 * the qualifier it was published with where it has one (约30个 · 30余个 · 30个以上 · about 30 cases), and for
 * a total the qualifiers in it (withInexact).
 */
export function figureText(value: number, kind: string, unit: { zh: string; en: string }, lang: Lang, { qualifier = null, qualified }: FigureWords = {}): string {
  const digits = figureDigits(kind);
  const n = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: digits }).format(value);
  const u = unit[lang] || unit.zh;
  if (lang === "zh") return withInexact(formatWritten(n, u, qualifier), qualified, lang);
  const q = formatValue(value, qualifier, "en", () => n);
  // One case, as shown: 0.9 shown as 1 is "1 case".
  return withInexact(u === "%" ? `${q}%` : `${q} ${Number(value.toFixed(digits)) === 1 ? singular(u) : u}`, qualified, lang);
}

/** What a figure was published with: its own qualifier (约30), or for a total the qualifiers in it (status/series.ts pointWords). */
export type FigureWords = { qualifier?: Qualifier | null; qualified?: readonly Qualifier[] };

/** A target's actual's words (status/targets.ts Components), as figureText takes them. */
export const actualWords = (c: { actualQualifier?: Qualifier; actualQualified?: Qualifier[] }): FigureWords => ({ qualifier: c.actualQualifier, qualified: c.actualQualified });

/** withInexact(text, qualified, lang): a total's figure followed by which qualified figures are in it — 80条（含非确数（余））. */
export function withInexact(text: string, qualified: readonly Qualifier[] | undefined, lang: Lang): string {
  const note = inexactNote(qualified ?? [], lang);
  return !note ? text : lang === "zh" ? `${text}（${note}）` : `${text} (${note})`;
}

/** An English unit for one: "cases" → "case", "facilities" → "facility"; "100 million yuan" stays. */
export function singular(unit: string): string {
  if (/ies$/.test(unit)) return unit.replace(/ies$/, "y");
  if (/[^s]s$/.test(unit)) return unit.slice(0, -1);
  return unit;
}

/** percentText(0.452): 45% — a ratio as a whole percentage. */
export function percentText(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** "1 month" / "3 months", "1 item" / "2 items": English counts with the right plural. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
