// Shared test helpers: the real registry, and observations built from text as an analyst writes them.

import { readdirSync } from "node:fs";
import { loadRegistry } from "../pipeline/registry/load.ts";
import { readWorkbook } from "../pipeline/read/workbook.ts";
import { workbookKind, type SheetsRead } from "../pipeline/read/sheets.ts";
import { parsePeriod } from "../pipeline/normalise/period.ts";
import type { ItemStatus, Observation } from "../pipeline/model.ts";
import type { Registry } from "../pipeline/registry/types.ts";

export async function realRegistry(): Promise<Registry> {
  const { registry, problems } = await loadRegistry("data");
  if (!registry) throw new Error(problems.map((p) => p.en).join("\n"));
  return registry;
}

let line = 1;

/** obs("ftz_aligned_cases", "yongchuan", "2023-Q2", 3) */
export function obs(indicator: string, entity: string, period: string, value: number | null, sample = false): Observation {
  const p = parsePeriod(period);
  if (!p.ok) throw new Error(`bad period ${period}`);
  return { indicator, entity, period: p.period, value, qualifier: null, note: "", source: "test", sample, origin: { file: "test.csv", line: ++line, column: 4 } };
}

export function itemStatus(item: number, date: string, status: ItemStatus["status"]): ItemStatus {
  return { item, date, status, evidence: "", note: "", source: "test", sample: false, origin: { file: "items.csv", line: ++line, column: 3 } };
}

/** A copy of the registry with other status thresholds (they are settings). */
export function withThresholds(r: Registry, onTrack: number, lagging: number): Registry {
  return { ...r, settings: { ...r.settings, statusThresholds: { onTrack, lagging } } };
}

/**
 * The files every "two ways, same problems" test walks: the validation fixtures, the hostile inputs and
 * the sample data (tests/warehouse/setload.test.ts, tests/cli/validate-paths.test.ts).
 */
export function validationCorpus(): string[] {
  return ["tests/fixtures/validate", "tests/fixtures/hostile", "data/sample"].flatMap((d) =>
    readdirSync(d).filter((n) => /\.(csv|tsv|txt)$/i.test(n)).map((n) => `${d}/${n}`),
  );
}

/** A workbook's sheets as `ftz validate` and ingest read them (files.ts sheetsOf), for tests that call validateFile; undefined for text. */
export function sheetsFor(file: string, bytes: Uint8Array): SheetsRead | undefined {
  return workbookKind(bytes) ? readWorkbook(bytes, file) : undefined;
}
