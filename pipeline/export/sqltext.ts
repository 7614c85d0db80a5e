// SQL expressions that write a value as the export's JavaScript writes it — JSON.stringify, String(number),
// the spreadsheet CSV (csv.ts) — so that DuckDB can make the large files' text itself. Each is exact only
// where its `…Exact` guard holds; a caller checks the guard first and lets JavaScript write anything else
// (tests/export/sqltext.test.ts compares them with the JavaScript they stand for).

/**
 * String(v) of a DOUBLE: integers below 2^53 through HUGEINT (DuckDB writes 1e15 as 1e+15, JavaScript as
 * digits), other non-integers in DuckDB's shortest form while it has no exponent (JavaScript's switches to
 * one at other points). NULL where neither holds: JavaScript must write that value.
 */
export const numberText = (v: string) =>
  `(CASE WHEN ${v} = trunc(${v}) AND abs(${v}) < 9007199254740992 THEN ${v}::HUGEINT::VARCHAR
     WHEN isfinite(${v}) AND ${v} <> trunc(${v}) AND NOT contains(${v}::VARCHAR, 'e') THEN ${v}::VARCHAR END)`;

/**
 * v equals roundSum([v]) (status/series.ts: Number(v.toFixed(9))) and numberText writes it: an integer below
 * 2^53, or a number below 2^20 whose shortest form has at most 9 decimals (its distance to that form is then
 * under half of 10^-9, so toFixed(9) gives the form back).
 */
export const seriesValueExact = (v: string) =>
  `(${v} = trunc(${v}) AND abs(${v}) < 9007199254740992 OR abs(${v}) < 1048576 AND ${numberText(v)} IS NOT NULL AND length(split_part(${v}::VARCHAR, '.', 2)) <= 9)`;

/** No character JSON.stringify escapes as \n, \t or \u00XX: then quotes and backslashes are all it escapes. */
export const jsonStringExact = (x: string) => `(${x} IS NULL OR NOT regexp_matches(${x}, '[\\x00-\\x1f]'))`;

/** JSON.stringify of a text (null → null), where jsonStringExact holds. */
export const jsonString = (x: string) => `(CASE WHEN ${x} IS NULL THEN 'null' ELSE '"' || replace(replace(${x}, '\\', '\\\\'), '"', '\\"') || '"' END)`;

export const jsonBoolean = (x: string) => `(CASE WHEN ${x} THEN 'true' ELSE 'false' END)`;

/** A text cell as csv.ts writes it: neutralised (a leading ' before = + - @ tab CR), then quoted as papaparse quotes. */
export function csvText(x: string): string {
  const s = `(CASE WHEN left(${x}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${x} ELSE ${x} END)`;
  const quoted = `(contains(${s}, ',') OR contains(${s}, '"') OR contains(${s}, chr(13)) OR contains(${s}, chr(10)) OR contains(${s}, chr(65279)) OR starts_with(${s}, ' ') OR ends_with(${s}, ' '))`;
  return `(CASE WHEN ${x} IS NULL THEN '' WHEN ${quoted} THEN '"' || replace(${s}, '"', '""') || '"' ELSE ${s} END)`;
}
