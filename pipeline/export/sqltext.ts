// SQL that writes a number as the export's JavaScript writes it (String(v), JSON.stringify), so that
// DuckDB can make the large files' text itself. Exact only where it answers non-NULL; a caller leaves
// the rest to JavaScript (tests/export/rows.test.ts compares them with String()).

/**
 * String(v) of a DOUBLE: integers below 2^53 through HUGEINT (DuckDB writes 1e16 as 1e+16, JavaScript as
 * digits), other non-integers in DuckDB's shortest form while it has no exponent (JavaScript's switches to
 * one at other points). NULL where neither holds: JavaScript must write that value.
 */
export const numberText = (v: string) =>
  `(CASE WHEN ${v} = trunc(${v}) AND abs(${v}) < 9007199254740992 THEN ${v}::HUGEINT::VARCHAR
     WHEN isfinite(${v}) AND ${v} <> trunc(${v}) AND NOT contains(${v}::VARCHAR, 'e') THEN ${v}::VARCHAR END)`;

/**
 * v equals roundSum([v]) (status/series.ts: Number(v.toFixed(9))) and numberText writes it: an integer below
 * 2^53, or a number below 2^20 whose shortest form has at most 9 decimals (its distance to that form is then
 * under half of 10^-9, so toFixed(9) gives the form back). Never -0, which roundSum makes 0 (and an Arrow
 * column keeps as -0).
 */
export const seriesValueExact = (v: string) =>
  `((${v} = trunc(${v}) AND abs(${v}) < 9007199254740992 OR abs(${v}) < 1048576 AND ${numberText(v)} IS NOT NULL AND length(split_part(${v}::VARCHAR, '.', 2)) <= 9)
    AND NOT (${v} = 0 AND starts_with(${v}::VARCHAR, '-')))`;
