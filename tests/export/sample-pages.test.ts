// sample.json: the banner only on pages with a figure from sample rows. One indicator gets real rows
// beside the shipped sample data; its figures and its page must stop saying sample, every other
// page and figure must keep saying it. Both exports (from records and from SQL) give the same file.

import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExport, type ExportFiles } from "../../pipeline/export/index.ts";
import { exportToSink } from "../../pipeline/export/warehouse.ts";
import type { SamplePages } from "../../pipeline/export/samplePages.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { withConnection } from "../../pipeline/warehouse/db.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";
import { readObservationHistory, readSnapshot } from "../../pipeline/warehouse/read.ts";
import { realRegistry } from "../helpers.ts";

const today = "2026-11-27";
let registry: Registry;
let dir: string;

beforeAll(async () => {
  registry = await realRegistry();
  dir = await mkdtemp(join(tmpdir(), "ftz-sample-pages-"));
  // Real counted figures for T23-4's indicator (a zone count), beside its sample rows.
  await mkdir(join(dir, "real"));
  await writeFile(join(dir, "real", "aligned.csv"), "indicator,entity,period,value,source\n" + ["2023-Q1,2", "2023-Q4,5", "2024-Q4,9"].map((x) => `ftz_aligned_cases,yongchuan,${x},区商务委`).join("\n") + "\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Load `folders` into the warehouse `name` (a new revision; names relative as the CLI gives them), then export it both ways. */
async function loadAndExport(name: string, folders: string[]): Promise<{ records: ExportFiles; sql: Map<string, string | Uint8Array> }> {
  const db = join(dir, `${name}.duckdb`);
  const files = (await readDataFiles(await findDataFiles(folders))).map((f) => ({ ...f, file: f.file.startsWith(dir) ? f.file.slice(dir.length + 1) : f.file }));
  return withConnection(db, async (c) => {
    const r = await ingest(c, { files, scope: folders, registry, today, now: new Date("2026-11-27T08:00:00Z") });
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
    const validation = { files: files.length, rows: 0, problems: [] };
    const records = buildExport({ registry, snapshot: await readSnapshot(c), asOf: today, validation, history: await readObservationHistory(c) });
    const sql = new Map<string, string | Uint8Array>();
    await exportToSink(c, { registry, asOf: today, validation }, { file: async (n, x) => void sql.set(n, x), part: async () => {}, end: async () => {} });
    return { records, sql };
  });
}

const json = (files: Map<string, string | Uint8Array>, name: string) => JSON.parse(files.get(name) as string);

describe("sample.json: which pages show a figure from sample rows", () => {
  // One warehouse, as an analyst's would go: the sample data first, real figures for one indicator later.
  it("the shipped sample data alone: every page with figures shows the banner", async () => {
    const { records } = await loadAndExport("mixed", ["data/sample"]);
    const s = json(records, "sample.json") as SamplePages;
    expect(Object.entries(s.pages).filter(([, v]) => !v)).toEqual([]);
    expect(s.indicators.ftz_aligned_cases).toBe(true);
  });
  it("then real rows for one indicator: its page and figures are not sample; the overview is, and marks only the sample figures", async () => {
    const { records, sql } = await loadAndExport("mixed", [join(dir, "real")]);
    expect(sql.get("sample.json")).toBe(records.get("sample.json"));
    const s = json(records, "sample.json") as SamplePages;
    expect(s.indicators.ftz_aligned_cases).toBe(false);
    // Every other indicator with rows (all sample) keeps them, and says so; one with no rows shows no figure.
    for (const i of registry.indicators.filter((x) => x.id !== "ftz_aligned_cases")) {
      const rows = json(records, `indicators/${i.id}.json`).observations.length;
      if (!i.derivedFrom) expect(s.indicators[i.id], i.id).toBe(rows > 0);
    }
    expect(s.pages).toEqual({ "/": true, "/indicators/": true, "/parks": true, "/items": true, "/units": true, "/lists": true, "/briefing": true, "/data": true });

    // The real indicator's own figures: its page's series and its target's card at every as-of date.
    const page = json(records, "indicators/ftz_aligned_cases.json");
    expect(page.series.zone.length).toBeGreaterThan(0);
    expect(page.series.zone.every((p: { sample: boolean }) => !p.sample)).toBe(true);
    // Its sample rows stay listed (the page says they stepped aside), but drew nothing.
    expect(page.observations.some((o: { sample: boolean }) => o.sample)).toBe(true);
    const status = json(records, "status.json");
    const cards = status.reports.flatMap((r: { targets: { indicator: string; target: string; components: { sample: boolean } }[] }) => r.targets);
    expect(cards.filter((t: { indicator: string }) => t.indicator === "ftz_aligned_cases").map((t: { components: { sample: boolean } }) => t.components.sample)).not.toContain(true);
    expect(json(records, "series-targets.json").ftz_aligned_cases.zone.some((p: { sample: boolean }) => p.sample)).toBe(false);
    // The overview's other cards are sample, each marked.
    const current = status.reports.find((r: { asOf: string }) => r.asOf === today).targets;
    expect(current.filter((t: { indicator: string; components: { sample: boolean } }) => t.indicator !== "ftz_aligned_cases" && !t.components.sample).map((t: { target: string }) => t.target)).toEqual([]);
    const freshness = json(records, "freshness.json").find((f: { indicator: string }) => f.indicator === "ftz_aligned_cases");
    expect(freshness.entities.map((e: { sample: boolean }) => e.sample)).toEqual([false]);
  });

  it("real rows alone: no page shows the banner", async () => {
    const { records, sql } = await loadAndExport("real", [join(dir, "real")]);
    expect(sql.get("sample.json")).toBe(records.get("sample.json"));
    const s = json(records, "sample.json") as SamplePages;
    expect(Object.values(s.pages)).not.toContain(true);
    expect(Object.values(s.indicators)).not.toContain(true);
  });

});
