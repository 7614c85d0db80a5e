// Shared by the validation tests: the real registry, a fixed "today" and the fixture files of
// tests/fixtures/validate (described one by one in tests/fixtures/README.md).

import { readFileSync } from "node:fs";
import type { Registry } from "../../pipeline/registry/types.ts";
import { validateFile, validateFiles, type FileResult, type Validation } from "../../pipeline/validate/index.ts";
import type { Problem } from "../../pipeline/problems.ts";
import { realRegistry } from "../helpers.ts";

export const today = "2026-11-27";
export const fixtureDir = "tests/fixtures/validate";

export const registry: Registry = await realRegistry();

/** The path problems carry for a fixture, as the CLI run from the project root names it. */
export const fixture = (name: string) => `${fixtureDir}/${name}`;

export function bytesOf(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixture(name)));
}

/** validateFile on one fixture, named as the CLI names it. */
export function check(name: string): FileResult {
  return validateFile(fixture(name), bytesOf(name), registry, today);
}

/** validateFiles on fixtures together: the cross-file rules (duplicates, task ids, outliers). */
export function checkTogether(...names: string[]): Validation {
  return validateFiles(names.map((n) => ({ file: fixture(n), bytes: bytesOf(n) })), registry, today);
}

/** A problem reduced to what the tests pin: severity, code, where, and the value found. */
export function located(p: Problem) {
  return { severity: p.severity, code: p.code, file: p.file, line: p.line, column: p.column, value: p.value };
}

/** An observation reduced to what a page shows and where it came from. */
export function observed(r: Pick<FileResult, "observations">) {
  return r.observations.map((o) => ({
    indicator: o.indicator,
    entity: o.entity,
    period: o.period.key,
    start: o.period.start,
    end: o.period.end,
    value: o.value,
    qualifier: o.qualifier,
    line: o.origin.line,
    column: o.origin.column,
  }));
}
