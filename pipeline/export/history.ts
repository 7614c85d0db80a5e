// Revision history (history.json, and each indicator page's "revisions") from SQL, streamed: the keys
// with more than one version found by a GROUP BY, their versions read in order a chunk at a time and
// written as they come. A changed file gives every row of it a new version, so at a million rows the
// history is millions of versions: held whole in JavaScript it took gigabytes.
// Gives what revisedObservations (index.ts) gives over readObservationHistory (tests/export/sql.test.ts).

import type { DuckDBConnection } from "@duckdb/node-api";
import { recordedOnly, recordedValidTo } from "../warehouse/read.ts";
import type { revisedObservations } from "./index.ts";
import { fileAndSheetSql } from "../model.ts";

export type Revised = ReturnType<typeof revisedObservations>[number];

/**
 * Each key (indicator, entity, period) with more than one version, in the order revisedObservations
 * gives them: by indicator, entity, then each key's first period start, its period; versions by period
 * start and revision. With `indicator`, that indicator's only.
 */
export async function* revisedKeys(c: DuckDBConnection, indicator: string | null = null): AsyncGenerator<Revised> {
  const result = await c.stream(
    `WITH h AS NOT MATERIALIZED (SELECT indicator, entity, period, period_start, value::DOUBLE AS value, qualifier, ${fileAndSheetSql()} AS file, line::INTEGER AS line, valid_from::INTEGER AS valid_from,
                  (${recordedValidTo})::INTEGER AS valid_to FROM observations WHERE ${recordedOnly} AND ($i IS NULL OR indicator = $i)),
       -- h is read twice: not materialized (that held every version). A key has one row per revision, so one
       -- with two versions has a closed row: only those keys are counted.
       closed AS (SELECT DISTINCT indicator, entity, period FROM observations WHERE valid_to IS NOT NULL AND ($i IS NULL OR indicator = $i)),
       k AS (SELECT indicator, entity, period, min(period_start) AS first FROM h SEMI JOIN closed USING (indicator, entity, period) GROUP BY ALL HAVING count(*) > 1)
     SELECT h.indicator, h.entity, h.period, h.value, h.qualifier, h.file, h.line, h.valid_from, h.valid_to
     FROM h JOIN k USING (indicator, entity, period) ORDER BY h.indicator, h.entity, k.first, h.period, h.period_start, h.valid_from`,
    { i: indicator },
  );
  let group: Revised | null = null;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    // Column by column: the row-major reading visits every value through a vector lookup of its own (seconds at millions of rows).
    const [indicators, entities, periods, values, qualifiers, files, lines, froms, tos] = chunk.getColumns() as [string[], string[], string[], (number | null)[], (string | null)[], string[], number[], number[], (number | null)[]];
    for (let i = 0; i < chunk.rowCount; i++) {
      const [indicator, entity, period, value, qualifier, file, line, from, to] = [indicators[i]!, entities[i]!, periods[i]!, values[i]!, qualifiers[i]!, files[i]!, lines[i]!, froms[i]!, tos[i]!];
      if (!group || group.indicator !== indicator || group.entity !== entity || group.period !== period) {
        if (group) yield group;
        group = { indicator, entity, period, versions: [] };
      }
      // As the JSON reading of a DOUBLE gives it (readObservationHistory): a number, or its text when not finite.
      group.versions.push({ value: value === null || Number.isFinite(value) ? value : (String(value) as unknown as number), qualifier, file, line, from, to });
    }
  }
  if (group) yield group;
}

/** Text given out in pieces of about a megabyte: few writes, little held. */
async function inPieces(texts: AsyncIterable<string>, write: (text: string) => Promise<void>): Promise<void> {
  let piece = "";
  for await (const text of texts) {
    piece += text;
    if (piece.length >= 1 << 20) {
      await write(piece);
      piece = "";
    }
  }
  if (piece) await write(piece);
}

/** A string as JSON writes it, each distinct one escaped once (files, entities, periods repeat). */
export function stringWriter(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      out = JSON.stringify(text);
      if (seen.size < 100_000) seen.set(text, out);
    }
    return out;
  };
}

/** A version's value as JSON writes it: a number, null, or (not finite) its text. */
const valueJson = (v: number | null, string: (t: string) => string) =>
  typeof v === "string" ? string(v) : v === null || !Number.isFinite(v) ? "null" : String(v);
const intJson = (v: number | null) => (v === null ? "null" : String(v));

/**
 * A key's text as JSON.stringify(key, null, indent ? 1 : undefined) writes it, written out field by field
 * (its shape is fixed): `indent` spaces more after every line break, as an element of a list at that depth.
 */
export function keyText(key: Revised, string: (t: string) => string, indent: number | null): string {
  if (indent === null) {
    const versions = key.versions.map(
      (v) => `{"value":${valueJson(v.value, string)},"qualifier":${v.qualifier === null ? "null" : string(v.qualifier)},"file":${string(v.file)},"line":${intJson(v.line)},"from":${intJson(v.from)},"to":${intJson(v.to)}}`,
    );
    return `{"indicator":${string(key.indicator)},"entity":${string(key.entity)},"period":${string(key.period)},"versions":[${versions.join(",")}]}`;
  }
  const n = (depth: number) => `\n${" ".repeat(indent + depth)}`;
  const versions = key.versions.map(
    (v) =>
      `${n(2)}{${n(3)}"value": ${valueJson(v.value, string)},${n(3)}"qualifier": ${v.qualifier === null ? "null" : string(v.qualifier)},${n(3)}"file": ${string(v.file)},` +
      `${n(3)}"line": ${intJson(v.line)},${n(3)}"from": ${intJson(v.from)},${n(3)}"to": ${intJson(v.to)}${n(2)}}`,
  );
  return `{${n(1)}"indicator": ${string(key.indicator)},${n(1)}"entity": ${string(key.entity)},${n(1)}"period": ${string(key.period)},${n(1)}"versions": [${versions.join(",")}${n(1)}]${n(0)}}`;
}

/**
 * history.json's text, as jsonText(revised) writes it (one-space indent, final newline), to `write` in
 * pieces. Returns the indicators that have revisions: the others' page files need not ask.
 */
export async function writeHistory(c: DuckDBConnection, write: (text: string) => Promise<void>): Promise<Set<string>> {
  const revised = new Set<string>();
  const string = stringWriter();
  async function* texts() {
    let n = 0;
    // JSON.stringify(list, null, 1): each element one level in.
    for await (const key of revisedKeys(c)) {
      revised.add(key.indicator);
      yield `${n++ ? ",\n " : "[\n "}${keyText(key, string, 1)}`;
    }
    yield n ? "\n]\n" : "[]\n";
  }
  await inPieces(texts(), write);
  return revised;
}

/** An indicator's revisions as its page file holds them (JSON.stringify of the list), to `write` in pieces. */
export async function writeRevisions(c: DuckDBConnection, indicator: string, write: (text: string) => Promise<void>): Promise<void> {
  const string = stringWriter();
  async function* texts() {
    let n = 0;
    for await (const key of revisedKeys(c, indicator)) yield `${n++ ? "," : "["}${keyText(key, string, null)}`;
    yield n ? "]" : "[]";
  }
  await inPieces(texts(), write);
}

/** An indicator's revisions as a list (for the page file written in JavaScript). */
export async function revisionsOf(c: DuckDBConnection, indicator: string): Promise<Revised[]> {
  const out: Revised[] = [];
  for await (const key of revisedKeys(c, indicator)) out.push(key);
  return out;
}
