// The two ways of validating a file must agree: the JavaScript rules (validateFiles, which the browser
// checker runs) and ingest's set-based way, where DuckDB parses the file and SQL loads the rows it can
// prove clean (pipeline/warehouse/setload.ts, checks.ts). Same problems — code, place, wording — and
// the same rows in the warehouse, on the whole fixture corpus and on seeded random files built from
// cells that analysts write, good and bad.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomLcg } from "d3";
import { afterAll, describe, expect, it } from "vitest";
import type { Observation } from "../../pipeline/model.ts";
import { validateFiles } from "../../pipeline/validate/index.ts";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { query, quoteIdentifier } from "../../pipeline/warehouse/db.ts";
import { ingest, type IngestResult } from "../../pipeline/warehouse/ingest.ts";
import { readSnapshot } from "../../pipeline/warehouse/read.ts";
import { jsWhitespace } from "../../pipeline/warehouse/setload.ts";
import { crossChecks } from "../../pipeline/warehouse/checks.ts";
import { scanFile } from "../../pipeline/warehouse/scan.ts";
import { createHash } from "node:crypto";
import { sortProblems } from "../../pipeline/problems.ts";
import { realRegistry, sheetsFor, validationCorpus } from "../helpers.ts";

const registry = await realRegistry();
const today = "2026-11-27";
const dir = mkdtempSync(join(tmpdir(), "ftz-setload-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One DuckDB for the file, and for each comparison a new connection to a new, empty in-memory database
// (ATTACH … USE), detached afterwards: opening and closing an instance per comparison (withConnection
// on ":memory:") was a fifth of a small comparison's CPU. The ingest sees exactly what it would in a
// fresh instance: no table of an earlier call (that database is detached, its temp tables went with
// its connection), and the settings it changes (memory limit, compression, insertion order) it sets
// itself on every run.
const duck = await DuckDBInstance.create(":memory:");
afterAll(() => duck.closeSync());
let warehouses = 0;
async function inEmptyWarehouse<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const c = await duck.connect();
  const name = quoteIdentifier(`warehouse_${++warehouses}`);
  await c.run(`ATTACH ':memory:' AS ${name}`);
  await c.run(`USE ${name}`);
  try {
    // Nothing left by an earlier comparison, in any database or in temp.
    expect((await query<{ n: number }>(c, "SELECT count(*)::INTEGER AS n FROM duckdb_tables()"))[0]!.n).toBe(0);
    return await fn(c);
  } finally {
    await c.run("USE memory");
    await c.run(`DETACH ${name}`);
    c.closeSync();
  }
}

interface Input {
  file: string; // the name problems carry
  path: string;
}

/** Both ways on the same files: validateFiles on their bytes, ingest (set-based wherever it can) into an empty warehouse. */
async function both(files: Input[]) {
  const js = validateFiles(files.map((f) => ({ file: f.file, bytes: new Uint8Array(readFileSync(f.path)), sheets: sheetsFor(f.file, new Uint8Array(readFileSync(f.path))) })), registry, today);
  const { wh, stored } = await inEmptyWarehouse(async (c) => {
    const wh = await ingest(c, { files, scope: ["."], registry, today, now: new Date("2026-11-27T00:00:00Z"), setBasedFromBytes: 0 });
    const stored = wh.ok ? (await readSnapshot(c)).observations : [];
    return { wh, stored };
  });
  return { js, wh, stored };
}

const row = (o: Observation) => [o.indicator, o.entity, o.period.key, o.period.granularity, o.period.start, o.period.end, o.value, o.qualifier, o.note, o.source, o.sample, o.origin.file, o.origin.line, o.origin.column];
const rows = (list: Observation[]) => list.map(row).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

function expectSame({ js, wh, stored }: { js: ReturnType<typeof validateFiles>; wh: IngestResult; stored: Observation[] }) {
  expect(wh.problems).toEqual(js.problems);
  expect(wh.ok).toBe(!js.problems.some((p) => p.severity === "error"));
  if (wh.ok) expect(rows(stored)).toEqual(rows(js.observations));
}

describe("set-based validation agrees with the JavaScript rules", () => {
  it("jsWhitespace is exactly what String.prototype.trim removes", () => {
    const trimmed: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (String.fromCharCode(c).trim() === "") trimmed.push(c);
    expect([...jsWhitespace].map((ch) => ch.charCodeAt(0)).sort((a, b) => a - b)).toEqual(trimmed);
  });

  const corpus = validationCorpus();
  const setBased: string[] = [];
  it.each(corpus)("on %s: the same problems, and the same rows when it loads", async (file) => {
    const result = await both([{ file, path: file }]);
    expectSame(result);
    setBased.push(...result.wh.setBased);
  });
  // What Excel sheets carry, saved as CSV (tests/fixtures/excel/): a 合计 row, notes under the table, a title
  // above the header, blank rows. The set-based way must not read them otherwise than the rules: such a
  // file goes the JavaScript way (setload.ts prepare), where a total is checked and a note skipped.
  it.each(["totals_long.csv", "notes_long.csv", "title_notes.csv"])("on the Excel habit %s: the same problems and rows, read by the JavaScript rules", async (name) => {
    const file = `tests/fixtures/excel/${name}`;
    const result = await both([{ file, path: file }]);
    expectSame(result);
    expect(result.wh.setBased).toEqual([]);
    expect(result.wh.problems.map((p) => p.code).filter((c) => c === "total_mismatch" || c === "total_checked" || c === "note_row").length).toBeGreaterThan(0);
  });

  it("took the set-based way for the fixtures it can (plain files in the long layout, GBK ones through UTF-8)", () => {
    expect(setBased.length).toBeGreaterThanOrEqual(40);
    expect(setBased).toContain("data/sample/zone_indicators.csv");
    expect(setBased).toContain("tests/fixtures/hostile/gbk_crlf.csv");
    expect(setBased).toContain("tests/fixtures/validate/good_gbk.csv");
    for (const mixed of ["mixed_encoding.csv", "mixed_encoding_cr.csv", "undecodable_gbk_lead.csv", "undecodable_ff.csv"]) {
      expect(setBased).not.toContain(`tests/fixtures/validate/${mixed}`);
    }
  });

  it("scanFile: a UTF-8 file of megabytes, its characters cut by the read buffer's ends, is plain", async () => {
    // Read a megabyte at a time into one reused buffer: a character cut at the end must be copied, not viewed.
    const lines = ["indicator,entity,period,value,note"];
    for (let k = 0; k < 20_000; k++) lines.push(`enterprises_attracted,凤凰湖产业园,2023-06,${k},${"数据".repeat(20)}`);
    // Shift the text until the second megabyte ends inside a character (on a UTF-8 continuation byte).
    let text = "";
    for (let pad = 0; pad < 200; pad++) {
      lines[1] = `enterprises_attracted,凤凰湖产业园,2023-06,0,${"x".repeat(pad)}`;
      text = `${lines.join("\n")}\n`;
      if ((Buffer.from(text)[2 << 20]! & 0xc0) === 0x80) break;
    }
    expect(Buffer.from(text)[2 << 20]! & 0xc0).toBe(0x80);
    const path = join(dir, "utf8-megabytes.csv");
    writeFileSync(path, text);
    const scan = await scanFile(path);
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 << 20);
    expect(scan.notPlain).toBeUndefined();
    expect(scan.plain?.dataLines).toBe(20_000);
    expect(scan.sha256).toBe(createHash("sha256").update(text).digest("hex"));
  });

  it("a mostly UTF-8 file with one GBK line is a mixed file, even where its UTF-8 would also read as GB18030", async () => {
    const utf8 = (m: number) => Buffer.from(`enterprises_attracted,fenghuanghu,2023-0${m},1,café\n`); // C3 A9: UTF-8, and a GB18030 pair
    const gbkLine = Buffer.concat([Buffer.from("enterprises_attracted,fenghuanghu,2023-04,1,"), Buffer.from([0xb7, 0xef]), Buffer.from("\n")]); // 凤 in GBK
    const path = join(dir, "mixed.csv");
    writeFileSync(path, Buffer.concat([Buffer.from("indicator,entity,period,value,note\n"), utf8(1), utf8(2), utf8(3), gbkLine]));
    const result = await both([{ file: "mixed.csv", path }]);
    expectSame(result);
    expect(result.wh.problems.map((p) => p.code)).toEqual(["mixed_encoding"]);
  });

  it("a large GBK file goes through UTF-8 a megabyte at a time, characters cut by the chunks included", async () => {
    // GBK bytes taken from the fixture (as Excel saves them), with ASCII periods and values between.
    const gbk = readFileSync("tests/fixtures/validate/good_gbk.csv");
    const lines = splitLines(gbk);
    const prefix = (line: Buffer) => line.subarray(0, nthComma(line, 2) + 1); // 招引企业数,凤凰湖产业园,
    const parts: Buffer[] = [lines[0]!, Buffer.from("\r\n")];
    for (let k = 0; k < 26_000; k++) {
      const day = new Date(Date.UTC(1990, 0, 1) + Math.floor(k / 2) * 86_400_000).toISOString().slice(0, 10);
      const start = k % 7919 === 3 ? Buffer.from("no_such_indicator,fenghuanghu,") : prefix(lines[1 + (k % 2)]!);
      parts.push(start, Buffer.from(`${day},${k % 40},`), k % 3 ? Buffer.alloc(0) : lines[1]!.subarray(nthComma(lines[1]!, 4) + 1), Buffer.from("\r\n"));
    }
    const path = join(dir, "large-gbk.csv");
    writeFileSync(path, Buffer.concat(parts));
    const result = await both([{ file: "large-gbk.csv", path }]);
    expect(result.wh.setBased).toEqual(["large-gbk.csv"]);
    expect(result.wh.problems.filter((p) => p.code === "unknown_indicator").map((p) => p.line)).toEqual(
      Array.from({ length: 26_000 }, (_, k) => k).filter((k) => k % 7919 === 3).map((k) => k + 2),
    );
    expect(result.wh.problems).toEqual(result.js.problems);
    const cleaned = Buffer.concat(splitLines(readFileSync(path)).filter((l) => !l.includes("no_such_indicator")).flatMap((l) => [l, Buffer.from("\r\n")]));
    writeFileSync(path, cleaned);
    const clean = await both([{ file: "large-gbk.csv", path }]);
    expectSame(clean);
    expect(clean.stored.length).toBe(26_000 - 4);
    expect(clean.stored.some((o) => o.note === "区商务委月报" && o.entity === "fenghuanghu")).toBe(true);
  });

  it("on data/sample as one ingest: the cross-file rules (duplicates, task ids, outliers) agree", async () => {
    const files = readdirSync("data/sample").map((n) => ({ file: `data/sample/${n}`, path: `data/sample/${n}` }));
    const result = await both(files);
    expectSame(result);
    expect(result.stored.length).toBeGreaterThan(300);
  });

  for (let seed = 1; seed <= 24; seed++) {
    it(`on random file set ${seed}: the same problems; cleaned of its errors, the same rows`, async () => {
      const random = randomLcg(seed / 100);
      const count = 1 + Math.floor(random() * 3);
      const files = Array.from({ length: count }, (_, k) => randomFile(random, `${seed}-${k}`));
      const first = await both(files.map((f) => f.write()));
      expectSame(first);
      // Without the rows that have errors, the files load: every value, note and line must match.
      // (Round 0 is the files as they are, compared just above: not compared again.)
      for (let round = 0; round < 4; round++) {
        const result = round === 0 ? first : await both(files.map((f) => f.write()));
        if (result.wh.ok) {
          expectSame(result);
          expect(result.wh.setBased.length).toBe(files.length);
          expect(result.stored.length).toBeGreaterThan(0);
          return;
        }
        for (const f of files) f.drop(new Set(result.js.problems.filter((p) => p.file === f.file && p.severity === "error").map((p) => p.line)));
      }
      throw new Error("the files never became clean");
    });
  }

  it("outliers: the same warnings at, below and above the threshold, whichever term sets the spread", async () => {
    const random = randomLcg(0.7);
    const parks = registry.entities.filter((e) => e.type === "park").map((e) => e.code);
    const lines = ["indicator,entity,period,value"];
    // Per series: 5–11 ordinary values, then one value some distance away. The spread is set by the
    // median absolute deviation, by a tenth of the median, or by 1, as the base and noise fall.
    const shapes = [
      { base: 1000, noise: 20, far: 2500 }, // a tenth of the median sets it
      { base: 30, noise: 60, far: 400 }, // the deviation sets it
      { base: 0, noise: 1, far: 25 }, // 1 sets it
    ];
    let series = 0;
    for (const indicator of ["enterprises_attracted", "foreign_trade_value"]) {
      for (const entity of parks) {
        for (const granularity of ["year", "quarter", "month"] as const) {
          const shape = shapes[series++ % shapes.length]!;
          const n = 6 + Math.floor(random() * 7);
          for (let k = 0; k < n; k++) {
            const year = 2000 + k;
            const period = granularity === "year" ? `${year}` : granularity === "quarter" ? `${year}-Q2` : `${year}-06`;
            const value = k === n - 1 ? shape.base + Math.floor(random() * shape.far) : shape.base + Math.floor(random() * shape.noise);
            lines.push(`${indicator},${entity},${period},${value}`);
          }
        }
      }
    }
    // Exactly at the threshold (|10 − 0| = 10 × 1: no warning) and just past it.
    lines.push(...[0, 0, 0, 0, 0, 10].map((v, k) => `enterprises_attracted,yongchuan,${2010 + k},${v}`));
    lines.push(...[0, 0, 0, 0, 0, 11].map((v, k) => `enterprises_attracted,yongchuan,${2010 + k}-Q1,${v}`));
    // A tenth of the median (100) sets the spread: 1,050 away is past 10 × 100. The deviation (15) sets it: 85 away is within 10 × 15.
    lines.push(...[1000, 1000, 1000, 1000, 1000, 2050].map((v, k) => `foreign_trade_value,yongchuan,${2010 + k},${v}`));
    lines.push(...[10, 20, 30, 40, 50, 120].map((v, k) => `foreign_trade_value,yongchuan,${2010 + k}-Q1,${v}`));
    const path = join(dir, "outliers.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const result = await both([{ file: "outliers.csv", path }]);
    expectSame(result);
    const warned = result.wh.problems.filter((p) => p.code === "outlier").length;
    expect(warned).toBeGreaterThan(5);
    expect(warned).toBeLessThan(series);
    // A warehouse too large to hold every series' values at once is checked a group of series at a time, to the same result.
    const grouped = await inEmptyWarehouse(async (c) => {
      await ingest(c, { files: [{ file: "outliers.csv", path }], scope: ["."], registry, today, now: new Date("2026-11-27T00:00:00Z"), setBasedFromBytes: 0 });
      return crossChecks(c, 1, ["outliers.csv"], { valuesPerGroup: 40 });
    });
    expect(sortProblems(grouped)).toEqual(result.wh.problems.filter((p) => p.code === "outlier"));
  });

  it("names the right line for rows anywhere in a file DuckDB reads in parallel (264,000 rows)", async () => {
    const lines = ["indicator,entity,period,value,note"];
    const parks = registry.entities.filter((e) => e.type === "park").map((e) => e.code);
    const peers = registry.entities.filter((e) => e.type === "peer").map((e) => e.code);
    const series = [
      ...parks.flatMap((p) => [["enterprises_attracted", p], ["foreign_trade_value", p]]),
      ...peers.map((p) => ["powers_delegated", p]),
    ];
    const n = series.length * 12_000; // 12,000 days from 1990-01-01: all before today
    for (let k = 0; k < n; k++) {
      // A bad row every 9,973 lines, a still-running period every 30,011: each must be named at its own line.
      const [indicator, entity] = series[k % series.length]!;
      const day = new Date(Date.UTC(1990, 0, 1) + Math.floor(k / series.length) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${k % 9973 === 5 ? "no_such_indicator" : indicator},${entity},${k % 30011 === 7 ? "2026-11" : day},${k % 50},n${k}`);
    }
    const path = join(dir, "large.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const result = await both([{ file: "large.csv", path }]);
    expect(result.wh.setBased).toEqual(["large.csv"]);
    const where = (code: string) => result.wh.problems.filter((p) => p.code === code).map((p) => p.line);
    expect(where("unknown_indicator")).toEqual(Array.from({ length: n }, (_, k) => k).filter((k) => k % 9973 === 5).map((k) => k + 2));
    expect(where("incomplete_period")).toEqual(Array.from({ length: n }, (_, k) => k).filter((k) => k % 30011 === 7).map((k) => k + 2));
    expect(result.wh.problems).toEqual(result.js.problems);
  });
});

function splitLines(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let start = 0; start < b.length; ) {
    let end = b.indexOf(0x0a, start);
    if (end < 0) end = b.length;
    out.push(b.subarray(start, end > start && b[end - 1] === 0x0d ? end - 1 : end));
    start = end + 1;
  }
  return out;
}

function nthComma(b: Buffer, n: number): number {
  let at = -1;
  for (let k = 0; k < n; k++) at = b.indexOf(0x2c, at + 1);
  return at;
}

// ——— Random files in the analysts' long format ———

function randomFile(random: () => number, name: string) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;
  const of = (type: string) => registry.entities.filter((e) => e.type === type);
  const indicators = [...registry.indicators.map((i) => i.id), ...registry.indicators.slice(0, 4).map((i) => i.name.zh), " enterprises_attracted ", "\u3000ENTERPRISES_ATTRACTED", "foo", ""];
  const entities = [...of("park").map((e) => e.code), ...of("park").slice(0, 2).map((e) => e.name.zh), ...of("milestone").map((e) => e.code), "yongchuan", registry.selfZone, ...of("peer").slice(0, 3).map((e) => e.code), "", " gangqiao", "nowhere"];
  const periods = ["2023", "2023-Q2", "2023年6月", "2023-06-30", "2024-01", " 2024-02 ", "２０２２", "2026-11", "2026-12", "2023-13", "45000", "", "2025-H1", "2022年第三季度"];
  const values = ["12", "0", "007", "1", "2", "", "", " 5", "5 ", "-3", "3.5", "1,234", "约30", "85%", "NaN", "5个", "999999999999999", "1234567890123456", "1e3", "101", "12", "3", "30余"];
  const texts = ["", "", "说明", "  padded  ", "\u3000全角\u3000", "\u00a0nbsp\u00a0", "a,b", 'say "hi"', "\ufeffbom", "tab\there", "x\u2028", "末尾 "];
  const samples = ["", "是", "否", "sample", "Y", "maybe", "１"];
  // Values as real files hold them: decimals (every 亿元 amount), thousands separators, qualifiers
  // before and after, full-width forms, % — right and wrong, next to each other.
  const number = () => pick([
    () => String(Math.floor(random() * 120)),
    () => `${Math.floor(random() * 120)}.${String(Math.floor(random() * 100)).padStart(2, "0")}`,
    () => `${Math.floor(random() * 3)}.${Math.floor(random() * 10)}`,
    () => `${1 + Math.floor(random() * 99)},${String(Math.floor(random() * 1000)).padStart(3, "0")}${chance(0.5) ? ".5" : ""}`,
  ])();
  const richValue = () => pick([
    (n: string) => n,
    (n: string) => n,
    (n: string) => `${pick(["约", "近", "超", "逾", "超过", "不足", ">", ">=", "≥", "≤", "~"])}${n}`,
    (n: string) => `${n}${pick(["余", "多", "以上", "左右", "+"])}`,
    (n: string) => `约${n}余`,
    (n: string) => `${n}%`,
    (n: string) => n.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))),
    (n: string) => `${pick(["-", " ", "+"])}${n}${pick(["", " ", "亿元", "个"])}`,
    (n: string) => n.replace(",", pick([",,", "，", ".", ""])),
  ])(number());

  const columns: string[] = ["indicator", "period", "value"];
  if (chance(0.85)) columns.push("entity");
  for (const optional of ["note", "source", "sample"]) if (chance(0.6)) columns.push(optional);
  columns.sort(() => random() - 0.5);
  const zh: Record<string, string> = { indicator: "指标", entity: "园区", period: "时期", value: "数值", note: "备注", source: "来源", sample: "样例" };
  const header = columns.map((c) => (chance(0.4) ? zh[c]! : c));
  const delimiter = chance(0.25) ? "\t" : ",";
  const newline = chance(0.3) ? "\r\n" : "\n";
  const bom = chance(0.2);
  const endsWithNewline = chance(0.85);

  // A series of monthly values for one park, now and then with a spike, for the outlier rule.
  const cells: Record<string, string>[] = [];
  const n = 20 + Math.floor(random() * 120);
  for (let k = 0; k < n; k++) {
    if (chance(0.25)) {
      const month = 1 + (k % 12);
      cells.push({ indicator: "enterprises_attracted", entity: "fenghuanghu", period: `20${18 + Math.floor(k / 12)}-${String(month).padStart(2, "0")}`, value: chance(0.05) ? "900" : String(10 + (k % 4)), note: pick(texts), source: pick(texts), sample: pick(samples) });
    } else {
      cells.push({ indicator: pick(indicators), entity: pick(entities), period: pick(periods), value: chance(0.5) ? pick(values) : richValue(), note: pick(texts), source: pick(texts), sample: pick(samples) });
    }
  }
  const quote = (v: string) => {
    const needs = v.includes(delimiter) || v.includes('"');
    return needs || chance(0.05) ? `"${v.replaceAll('"', '""')}"` : v;
  };
  const lineOf = (r: Record<string, string>) => {
    if (chance(0.03)) return delimiter.repeat(columns.length - 1); // a row of bare delimiters, as Excel writes
    const line = columns.map((c) => quote(r[c] ?? "")).join(delimiter);
    return chance(0.05) ? line + delimiter : line; // a trailing delimiter
  };
  let kept = cells.map((c) => ({ cells: c, text: lineOf(c) }));
  const file = `random/${name}.csv`;
  const path = join(dir, `${name}.csv`);
  return {
    file,
    /** Drop the rows at these lines (header = line 1). */
    drop(lines: Set<number>) {
      kept = kept.filter((_, i) => !lines.has(i + 2));
    },
    write(): Input {
      const body = [header.map(quote).join(delimiter), ...kept.map((k) => k.text)].join(newline) + (endsWithNewline ? newline : "");
      writeFileSync(path, (bom ? "\ufeff" : "") + body);
      return { file, path };
    },
  };
}
