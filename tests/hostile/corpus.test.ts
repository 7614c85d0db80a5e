// The hostile-inputs corpus: tests/fixtures/validate/ and tests/fixtures/hostile/ (described line by
// line in tests/fixtures/README.md). Each hostile file gives exactly the problems or records its line
// says; every file refused on its own is refused again when ingested with the sample data, and leaves
// every table of the warehouse exactly as it was.

import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, type Io } from "../../pipeline/cli/main.ts";
import { spreadsheetCsv } from "../../pipeline/export/csv.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import { parseValue } from "../../pipeline/normalise/number.ts";
import { decode } from "../../pipeline/read/decode.ts";
import { type Problem, type ProblemCode, type Severity } from "../../pipeline/problems.ts";
import { validateFile, validateFiles, type FileResult } from "../../pipeline/validate/index.ts";
import { withConnection } from "../../pipeline/warehouse/db.ts";
import { warehouseDigest } from "../../pipeline/warehouse/digest.ts";
import { ingest, type IngestResult } from "../../pipeline/warehouse/ingest.ts";
import { readSnapshot } from "../../pipeline/warehouse/read.ts";
import { realRegistry, sheetsFor } from "../helpers.ts";
import { located } from "../validate/fixtures.ts";

const today = "2026-11-27";
const now = new Date("2026-11-27T08:00:00Z");
const registry = await realRegistry();
const hostileDir = "tests/fixtures/hostile";
const validateDir = "tests/fixtures/validate";

/** The files under a folder, as the CLI names them from the project root. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath}/${e.name}`)
    .sort();
}

const hostile = (name: string) => `${hostileDir}/${name}`;
const bytes = (path: string) => new Uint8Array(readFileSync(path));
const check = (name: string) => validateFile(hostile(name), bytes(hostile(name)), registry, today, sheetsFor(hostile(name), bytes(hostile(name))));

const at = (name: string, code: ProblemCode, line: number, column: number, value?: string, severity: Severity = "error") => ({
  severity,
  code,
  file: hostile(name),
  line,
  column,
  value,
});
/** Records reduced to [indicator, entity, period, value, qualifier, line, column]. */
const records = (r: FileResult) => r.observations.map((o) => [o.indicator, o.entity, o.period.key, o.value, o.qualifier, o.origin.line, o.origin.column]);

interface Expected {
  problems: ReturnType<typeof at>[];
  /** [indicator, entity, period, value, qualifier, line, column] */
  records: unknown[][];
  encoding?: string | null;
  /** What the line says beyond problems and records. */
  also?: (r: FileResult) => void;
}

const none: ReturnType<typeof at>[] = [];
const longNote = "0123456789".repeat(100_000);

const expected: Record<string, Expected> = {
  "long_line_1mb.csv": {
    problems: none,
    records: [["innovation_cases", "yongchuan", "2016", 3, null, 2, 4]],
    also: (r) => {
      expect(r.observations[0]!.note.length).toBe(1_000_000);
      expect(r.observations[0]!.note === longNote).toBe(true); // not toEqual: a 1 MB diff helps no one
    },
  },
  "columns_10000.csv": {
    problems: Array.from({ length: 10_000 }, (_, i) => at("columns_10000.csv", "unknown_column", 1, i + 5, `x${String(i + 1).padStart(5, "0")}`)),
    records: [["innovation_cases", "yongchuan", "2017", 4, null, 2, 4]],
  },
  "formula_injection.csv": {
    problems: none,
    records: [1, 2, 3, 4].map((v) => ["innovation_cases", "yongchuan", `2021-Q${v}`, v, null, v + 1, 4]),
    also: (r) => {
      expect(r.observations.map((o) => [o.note, o.source])).toEqual([
        ['=HYPERLINK("http://x","click")', "=cmd|' /C calc'!A0"],
        ["+1", "区商务委"],
        ["-cmd", "区商务委"],
        ["@SUM(A1)", "区商务委"],
      ]);
    },
  },
  "html_script.csv": {
    problems: none,
    records: [1, 2, 3].map((v) => ["replicable_experiences", "yongchuan", `2021-Q${v}`, v, null, v + 1, 4]),
    also: (r) => {
      expect(r.observations.map((o) => [o.note, o.source])).toEqual([
        ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"],
        ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"],
        ['"><svg/onload=alert(1)>', "</td><td>区商务委"],
      ]);
    },
  },
  "html_entity.csv": {
    problems: [at("html_entity.csv", "unknown_entity", 2, 2, "<b>凤凰湖</b>"), at("html_entity.csv", "unknown_entity", 3, 2, "凤凰湖&nbsp;产业园")],
    records: [],
  },
  "huge_numbers.csv": {
    problems: [
      at("huge_numbers.csv", "not_a_number", 2, 4, "1e30"),
      at("huge_numbers.csv", "not_a_number", 3, 4, "99999999999999999999"),
      at("huge_numbers.csv", "not_a_number", 4, 4, "1e309"),
    ],
    records: [],
    also: (r) => {
      expect(r.problems.map((p) => p.en)).toEqual([
        expect.stringContaining("(too large to store exactly)"),
        expect.stringContaining("(too large to store exactly)"),
        expect.stringContaining("(too large to represent)"),
      ]);
    },
  },
  "mixed_entity_forms.csv": {
    problems: none,
    records: [3, 4, 5, 6].map((m) => ["enterprises_attracted", "fenghuanghu", `2021-0${m}`, m - 1, null, m - 1, 4]),
  },
  "园区 数据 2023.csv": {
    problems: [at("园区 数据 2023.csv", "incomplete_period", 3, 3, "2026-Q4", "warning")],
    records: [
      ["enterprises_attracted", "gangqiao", "2023", 40, null, 2, 4],
      ["innovation_cases", "yongchuan", "2026-Q4", 2, null, 3, 4],
    ],
    also: (r) => {
      expect(r.file).toBe("tests/fixtures/hostile/园区 数据 2023.csv");
      expect(r.observations.map((o) => o.origin.file)).toEqual(["tests/fixtures/hostile/园区 数据 2023.csv", "tests/fixtures/hostile/园区 数据 2023.csv"]);
    },
  },
  "exponent.csv": {
    problems: none,
    records: [
      ["innovation_cases", "yongchuan", "2019", 1500, null, 2, 4],
      ["innovation_cases", "yongchuan", "2020", 1000, null, 3, 4],
      ["foreign_trade_value", "sanjiao", "2021-Q1", 0.25, null, 4, 4],
    ],
  },
  "utf16le_no_bom.csv": {
    problems: none,
    encoding: "utf-16le",
    records: [
      ["enterprises_attracted", "fenghuanghu", "2021-07", 4, null, 2, 4],
      ["enterprises_attracted", "sanjiao", "2021-07", 5, null, 3, 4],
    ],
    also: (r) => expect(r.observations[0]!.note).toBe("UTF-16LE 无 BOM"),
  },
  "utf16be_no_bom.csv": {
    problems: none,
    encoding: "utf-16be",
    records: [["innovation_cases", "yongchuan", "2011", 2, null, 2, 4]],
    also: (r) => expect(r.observations[0]!.note).toBe("UTF-16BE 无 BOM"),
  },
  "utf8_double_bom.csv": {
    problems: none,
    encoding: "utf-8-bom",
    records: [
      ["replicable_experiences", "yongchuan", "2019", 6, null, 2, 4],
      ["replicable_experiences", "yongchuan", "2020", 7, null, 3, 4],
    ],
  },
  "gbk_crlf.csv": {
    problems: none,
    encoding: "gb18030",
    records: [
      ["enterprises_attracted", "fenghuanghu", "2021-08", 6, null, 2, 4],
      ["foreign_trade_value", "gangqiao", "2021-Q3", 8.25, null, 3, 4],
    ],
    also: (r) => expect(r.observations.map((o) => o.note)).toEqual(["区招商局月报", "永川海关"]),
  },
  "trailing_delimiters_crlf.csv": {
    problems: none,
    records: [1, 2, 3].map((q) => ["ftz_aligned_cases", "yongchuan", `2021-Q${q}`, q, null, q + 1, 4]),
    also: (r) => expect(r.observations.map((o) => o.note)).toEqual(["", "", "第三季度"]),
  },
  "title_row.csv": {
    problems: [at("title_row.csv", "title_row", 1, 1, "永川联动创新区指标报送表", "warning")],
    records: [["enterprises_attracted", "gangqiao", "2021-08", 3, null, 3, 4]],
  },
  "bad_period_forms.csv": {
    problems: [
      at("bad_period_forms.csv", "bad_period", 2, 3, "2023-02-29"),
      at("bad_period_forms.csv", "bad_period", 3, 3, "2023年13月"),
      at("bad_period_forms.csv", "bad_period", 4, 3, "2023-Q0"),
      at("bad_period_forms.csv", "bad_period", 5, 3, "2023年第五季度"),
    ],
    records: [["innovation_cases", "yongchuan", "2020-02-29", 1, null, 6, 4]],
    also: (r) => {
      expect(r.problems.map((p) => p.en)).toEqual([
        expect.stringContaining("(2023-02 has no day 29)"),
        expect.stringContaining("(there is no month 13)"),
        expect.stringContaining("(there is no quarter 0)"),
        expect.stringContaining("(there is no quarter 5)"),
      ]);
    },
  },
  "number_forms.csv": {
    problems: none,
    records: [
      ["ftz_aligned_cases", "yongchuan", "2021", 0, null, 2, 4],
      ["replicable_experiences", "yongchuan", "2021", 12, null, 3, 4],
      ["reform_items_replicated", "yongchuan", "2021", 12.5, null, 4, 4],
    ],
    also: (r) => expect(Object.is(r.observations[0]!.value, 0)).toBe(true), // 0, not -0
  },
  "fullwidth_decimal_count.csv": {
    problems: [at("fullwidth_decimal_count.csv", "not_integer", 2, 4, "１２．５"), at("fullwidth_decimal_count.csv", "not_integer", 3, 4, "１２.５")],
    records: [],
  },
  "bom_only.csv": { problems: [at("bom_only.csv", "empty_file", 0, 0)], records: [], encoding: null },
  "whitespace_only.csv": { problems: [at("whitespace_only.csv", "empty_file", 0, 0)], records: [], encoding: null },
  "semicolon_delimited.csv": {
    problems: [at("semicolon_delimited.csv", "unknown_layout", 1, 0, "indicator;entity;period;value")],
    records: [],
  },
  "nul_byte.csv": {
    problems: none,
    records: [["innovation_cases", "yongchuan", "2014", 1, null, 2, 4]],
    also: (r) => expect(r.observations[0]!.note).toBe("before\u0000after"),
  },
  "concatenated_files.csv": {
    problems: [at("concatenated_files.csv", "unknown_indicator", 3, 1, "indicator"), at("concatenated_files.csv", "bad_period", 3, 3, "period")],
    records: [
      ["innovation_cases", "yongchuan", "2013", 1, null, 2, 4],
      ["innovation_cases", "yongchuan", "2012", 1, null, 4, 4],
    ],
  },
  "invisible_characters.csv": {
    problems: none,
    records: [
      ["enterprises_attracted", "fenghuanghu", "2021-11", 1, null, 2, 4],
      ["enterprises_attracted", "gangqiao", "2021-11", 2, null, 3, 4],
      ["enterprises_attracted", "sanjiao", "2021-11", 3, null, 4, 4],
    ],
  },
  "formula_in_cells.csv": {
    problems: [
      at("formula_in_cells.csv", "not_a_number", 2, 4, "=1+2"),
      at("formula_in_cells.csv", "unknown_entity", 3, 2, "=凤凰湖"),
      at("formula_in_cells.csv", "unknown_indicator", 4, 1, "=enterprises_attracted"),
    ],
    records: [],
  },
  "utf16le_truncated.csv": { problems: [at("utf16le_truncated.csv", "undecodable", 2, 5, "0x40")], records: [], encoding: null },
  "utf16le_lone_surrogate.csv": {
    problems: [at("utf16le_lone_surrogate.csv", "undecodable", 2, 5, "0x3D 0xD8 0x44 0x96")],
    records: [],
    encoding: null,
  },
  "ansi_escape.csv": { problems: [at("ansi_escape.csv", "unknown_entity", 2, 2, "\u001b[2J\u001b[31m永川")], records: [] },
  // A workbook under a .csv name is read as the workbook it is (its bytes say so); this one is a stub.
  "xlsx_renamed.csv": { problems: [at("xlsx_renamed.csv", "unreadable_workbook", 0, 0, "Cannot find file xl/workbook.xml in zip")], records: [], encoding: null },
};

describe("tests/fixtures/hostile: each file, checked alone", () => {
  it("has an expectation for every file of tests/fixtures/hostile, and none for a file that is not there", () => {
    expect(Object.keys(expected).sort()).toEqual(filesUnder(hostileDir).map((f) => f.slice(hostileDir.length + 1)));
  });

  it.each(Object.keys(expected))("validateFile(%s) gives exactly the problems and records its README line says", (name) => {
    const e = expected[name]!;
    const r = check(name);
    expect(r.problems.map(located)).toEqual(e.problems);
    expect(records(r)).toEqual(e.records);
    if (e.encoding !== undefined) expect(r.encoding).toBe(e.encoding);
    e.also?.(r);
  });

  it("spreadsheetCsv neutralises the formulas that formula_injection.csv holds, and the cells read back as the text plus an apostrophe", () => {
    const r = check("formula_injection.csv");
    const csv = spreadsheetCsv(["note", "source"], r.observations.map((o) => [o.note, o.source]));
    const back = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(back).toEqual([
      ["note", "source"],
      ["'=HYPERLINK(\"http://x\",\"click\")", "'=cmd|' /C calc'!A0"],
      ["'+1", "区商务委"],
      ["'-cmd", "区商务委"],
      ["'@SUM(A1)", "区商务委"],
    ]);
  });
});

describe("the two reader fixes the corpus led to", () => {
  it("parseValue reads -0 as 0, not −0 (which Intl.NumberFormat would show as \"-0\")", () => {
    const v = parseValue("-0");
    expect(v.ok && Object.is(v.value, 0)).toBe(true);
  });

  it("decode reads a UTF-16 surrogate pair (an emoji) and refuses a lone one, in either byte order, at its line and field", () => {
    const le = (s: string) => new Uint8Array(Buffer.from(s, "utf16le"));
    const be = (s: string) => new Uint8Array(Buffer.from(s, "utf16le").swap16());
    const withBom = (bom: number[], body: Uint8Array) => new Uint8Array([...bom, ...body]);
    const text = "indicator,entity,period,value,note\r\ninnovation_cases,yongchuan,2019,1,😀\r\n";
    expect(decode(withBom([0xff, 0xfe], le(text)), "f.csv")).toEqual({ ok: true, text, encoding: "utf-16le" });
    expect(decode(be(text), "f.csv")).toEqual({ ok: true, text, encoding: "utf-16be" });
    // The emoji's second half (a low surrogate) alone, after "1," on line 2: field 5.
    const lone = text.replace("😀", "\uDE00");
    const refused = { ok: false, problem: expect.objectContaining({ code: "undecodable", file: "f.csv", line: 2, column: 5 }) };
    expect(decode(withBom([0xfe, 0xff], be(lone)), "f.csv")).toEqual(refused);
    expect(decode(le(lone), "f.csv")).toEqual(refused);
  });
});

describe("a path given with ../", () => {
  const name = "园区 数据 2023.csv";

  it("findDataFiles names a file given as tests/fixtures/hostile/../hostile/<file> by its normalised path", async () => {
    expect(await findDataFiles([`${hostileDir}/../hostile/${name}`])).toEqual([hostile(name)]);
    expect(await findDataFiles([join(process.cwd(), hostileDir, "..", "hostile", name)])).toEqual([hostile(name)]);
  });

  it("findDataFiles lists a folder given with ../ under its normalised path", async () => {
    expect(await findDataFiles([`${hostileDir}/../hostile`])).toEqual(filesUnder(hostileDir));
  });

  it("ftz validate reports the problems of such a file under the normalised name, and exits 0 on a warning", async () => {
    let out = "";
    const io: Io = { out: (t) => void (out += t), err: () => undefined, cwd: process.cwd() };
    const code = await main(["validate", `${hostileDir}/../hostile/${name}`, "--today", today, "--json"], io);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { files: number; rows: number; problems: Problem[] };
    expect(json).toMatchObject({ files: 1, rows: 2 });
    expect(json.problems.map(located)).toEqual([at(name, "incomplete_period", 3, 3, "2026-Q4", "warning")]);
  });
});

// ——— Refused files leave the warehouse exactly as it was ———

const samplePaths = await findDataFiles(["data/sample"]);
const sample = await readDataFiles(samplePaths);
const corpus = [...filesUnder(validateDir), ...filesUnder(hostileDir)];
/** How `ftz validate <file>` judges each file on its own: its errors, or none. */
const alone = new Map(corpus.map((f) => [f, validateFiles([{ file: f, bytes: bytes(f), sheets: sheetsFor(f, bytes(f)) }], registry, today).problems.filter((p) => p.severity === "error")]));
const refused = corpus.filter((f) => alone.get(f)!.length > 0);
const accepted = corpus.filter((f) => alone.get(f)!.length === 0);

/** The tasks data/sample/tasks.csv defines: with the sample data, statuses of these are no longer unknown_task. */
const sampleTaskIds = new Set(validateFiles(sample, registry, today).tasks.map((t) => t.id));

/**
 * The errors an ingest with the sample data must report for a refused file: its own errors, except
 * the unknown_task errors the sample's task list answers (REP-01 in unknown_task.csv and
 * bad_status_task.csv; REP-09 stays unknown).
 */
function errorsWithSample(file: string): Problem[] {
  return alone.get(file)!.filter((p) => !(p.code === "unknown_task" && sampleTaskIds.has(p.value ?? "")));
}

/** Problems as comparable strings: membership in a Set, not arrayContaining's n² deep comparisons (10 000 problems). */
const keys = (problems: Problem[]) => problems.map((p) => JSON.stringify(located(p)));

let dir: string;
let base: string;
let before: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-hostile-"));
  base = join(dir, "base.duckdb");
  const r = await withConnection(base, (c) => ingest(c, { files: sample, scope: ["data/sample"], registry, today, now }));
  expect(r).toMatchObject({ ok: true, revision: 1 });
  before = await withConnection(base, (c) => warehouseDigest(c), { readOnly: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Ingest the sample data plus one corpus file into the warehouse at `db`, scope both paths. */
function ingestWithSample(db: string, file: string): Promise<IngestResult> {
  return withConnection(db, (c) => ingest(c, { files: [...sample, { file, bytes: bytes(file) }], scope: ["data/sample", file], registry, today, now: new Date("2026-11-28T08:00:00Z") }));
}
const digestOf = (db: string) => withConnection(db, (c) => warehouseDigest(c), { readOnly: true });

describe("the corpus: validate/ and hostile/", () => {
  it("holds at least 40 files, some refused and some accepted", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
  });

  it.each(refused)("ingesting data/sample plus %s is refused with the file's errors, and every table is unchanged", async (file) => {
    const r = await ingestWithSample(base, file);
    expect(r.ok).toBe(false);
    expect(r.revision).toBe(1);
    const reported = new Set(keys(r.problems));
    const missing = keys(errorsWithSample(file)).filter((k) => !reported.has(k));
    expect(missing).toEqual([]);
    expect(errorsWithSample(file).length).toBeGreaterThan(0);
    expect(await digestOf(base)).toEqual(before);
  });

  it.each(accepted)("ingesting data/sample plus %s loads it, or refuses it only for a key data/sample already holds", async (file) => {
    const db = join(dir, `${accepted.indexOf(file)}.duckdb`);
    await copyFile(base, db);
    if (existsSync(`${base}.wal`)) await copyFile(`${base}.wal`, `${db}.wal`);
    const r = await ingestWithSample(db, file);
    const checked = validateFile(file, bytes(file), registry, today, sheetsFor(file, bytes(file)));
    const count = checked.observations.length + checked.itemStatuses.length + checked.tasks.length + checked.taskStatuses.length;
    if (r.ok) {
      expect(r).toMatchObject({ revision: 2, added: [file], changed: [], withdrawn: [], rowsAdded: count, rowsWithdrawn: 0 });
      return;
    }
    // Only validate/ files collide with the sample data; hostile/ files are chosen not to.
    expect(file.startsWith(validateDir)).toBe(true);
    const errors = r.problems.filter((p) => p.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    for (const p of errors) {
      expect([p.code, p.file]).toEqual(["duplicate", file]);
      expect(p.en).toContain("data/sample/");
    }
    expect(await digestOf(db)).toEqual(before);
  });

  it("reads back every accepted hostile file's records from the warehouse exactly: 1 MB note, NUL, formulas and markup included", async () => {
    const db = join(dir, "all-hostile.duckdb");
    const files = accepted.filter((f) => f.startsWith(hostileDir));
    const r = await withConnection(db, (c) =>
      ingest(c, { files: [...sample, ...files.map((file) => ({ file, bytes: bytes(file) }))], scope: ["data/sample", hostileDir], registry, today, now }),
    );
    // Together, too: no accepted hostile file repeats a key of another, or of the sample data.
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(r.ok).toBe(true);
    const snapshot = await withConnection(db, (c) => readSnapshot(c), { readOnly: true });
    for (const file of files) {
      const stored = snapshot.observations.filter((o) => o.origin.file === file);
      const read = validateFile(file, bytes(file), registry, today, sheetsFor(file, bytes(file))).observations;
      const text = (o: (typeof read)[number]) => [o.indicator, o.entity, o.period.key, o.value, o.qualifier, o.note, o.source, o.sample, o.origin.line, o.origin.column];
      const byKey = (a: unknown[], b: unknown[]) => String(a.slice(0, 3)).localeCompare(String(b.slice(0, 3)));
      expect(stored.map(text).sort(byKey), file).toEqual(read.map(text).sort(byKey));
    }
  });
});
