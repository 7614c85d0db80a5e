// The value rule (normalise/number.ts: parseValue) run once on each distinct value text of a file, not
// on each row: its verdicts go into a small table that the set-based load (setload.ts) joins.
//
// Most texts are read by SQL itself, in one grammar where SQL provably reads what parseValue reads:
//   an optional qualifier word, then a number written plainly (12 · 12.34 · 007) or with thousands
//   separators (1,234 · 12,345.6), then an optional qualifier word — no sign, space, %, or full width.
// Why the two agree on such a text P·N·S (P a prefix word or nothing, S a suffix word or nothing):
//   – parseValue's halfWidth, comma/stop replacements, Excel-error, placeholder and NaN tests leave it
//     as it is (all ASCII digits, '.', ',' and the words, which hold no full-width or space character);
//   – N begins and ends with a digit and the words hold none, so the prefix parseValue strips is the
//     first word of its list that P begins with, and the suffix the first that S ends with: the same
//     as for the text P·1·S. Only pairs (P, S) whose words are those first matches are kept, and the
//     qualifier of each pair is parseValue's own on P·1·S (a pair it refuses, such as 约…余, is absent);
//   – what is left is N: a grouped N passes groupedNumber (this grammar is a part of it), without its
//     commas it passes plainNumber; at most 15 digits before the point keep it below 2^53;
//   – DuckDB's VARCHAR → DOUBLE cast and JavaScript's Number() both round the decimal to the nearest
//     double (tests/warehouse/values.test.ts compares them on hard cases and random texts).
// Every other text (full-width digits, %, signs, spaces, 1e3, bad values) is read by parseValue
// itself, once, and only its clean readings enter the table. A text absent from it is a row for the
// JavaScript reader, which reports its problem.

import type { DuckDBConnection } from "@duckdb/node-api";
import { parseValue, prefixes, suffixes, type Qualifier } from "../normalise/number.ts";
import { query } from "./db.ts";
import { fill } from "./temp.ts";

const escape = (word: string) => word.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
/** The grammar's plain numbers: its first alternative (no separators, no words). */
const PLAIN = "[0-9]{1,15}(?:\\.[0-9]+)?";
const number = `${PLAIN}|[0-9]{1,3}(?:,[0-9]{3}){1,4}(?:\\.[0-9]+)?`;

/** The grammar SQL reads: (prefix)(number)(suffix), three capture groups, the words longest first. */
export const valuePattern = `^(${prefixes.map(([w]) => escape(w)).join("|")})?(${number})(${suffixes.map(([w]) => escape(w)).join("|")})?$`;

/** The (prefix, suffix) pairs of the grammar parseValue reads as they stand, each with its qualifier. */
export function affixes(): [string, string, Qualifier | null][] {
  const firstPrefix = (p: string) => prefixes.find(([w]) => p.startsWith(w))?.[0];
  const firstSuffix = (s: string) => suffixes.find(([w]) => s.endsWith(w))?.[0];
  const out: [string, string, Qualifier | null][] = [];
  for (const p of ["", ...prefixes.map(([w]) => w)]) {
    for (const s of ["", ...suffixes.map(([w]) => w)]) {
      if ((p && firstPrefix(p) !== p) || (s && firstSuffix(s) !== s)) continue;
      const read = parseValue(`${p}1${s}`);
      if (read.ok && read.value === 1 && !read.percent) out.push([p, s, read.qualifier]);
    }
  }
  return out;
}

/**
 * valueVerdicts(c, target, texts) makes the table `target` (raw, value, qualifier, percent) of
 * the clean readings of the distinct texts that the query `texts` gives in its column v: SQL reads
 * those in its grammar, parseValue the others (trimmed, as readValue trims a cell).
 */
export async function valueVerdicts(c: DuckDBConnection, target: string, texts: string): Promise<void> {
  const pattern = `'${valuePattern}'`; // built from the rule's own word lists, never from a file
  await fill(c, `${target}_aff`, "p VARCHAR, s VARCHAR, q VARCHAR", affixes());
  // Most texts of a real file are plain numbers (12 · 12.34): the grammar's first alternative with no
  // word around it, whose qualifier is parseValue's on "1" (none). A simple pattern finds those once;
  // the full one, with its dozens of words, runs only on the rest.
  await c.run(`CREATE TEMP TABLE ${target}_txt AS SELECT v, regexp_full_match(v, '${PLAIN}') AS plain FROM (${texts})`);
  await c.run(
    `CREATE TEMP TABLE ${target} AS
     SELECT v AS raw, CAST(v AS DOUBLE) AS value, (SELECT q FROM ${target}_aff WHERE p = '' AND s = '') AS qualifier, false AS percent FROM ${target}_txt WHERE plain
     UNION ALL
     SELECT t.v, CAST(replace(t.m.n, ',', '') AS DOUBLE), a.q, false
     FROM (SELECT v, regexp_extract(v, ${pattern}, ['p', 'n', 's']) AS m FROM ${target}_txt WHERE NOT plain AND regexp_full_match(v, ${pattern})) t
     JOIN ${target}_aff a ON a.p = t.m.p AND a.s = t.m.s`,
  );
  const others = await query<{ v: string }>(c, `SELECT v FROM ${target}_txt WHERE NOT plain AND NOT regexp_full_match(v, ${pattern})`);
  const read: unknown[][] = [];
  for (const { v } of others) {
    const r = parseValue(v.trim());
    if (r.ok) read.push([v, r.value, r.qualifier, r.percent]);
  }
  await fill(c, `${target}_js`, "raw VARCHAR, value DOUBLE, qualifier VARCHAR, percent BOOLEAN", read);
  await c.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${target}_js`);
}

/** The tables valueVerdicts makes beside `target`, to drop with it. */
export const valueTableSuffixes = ["_aff", "_js", "_txt"];
