import { withConnection } from "./pipeline/warehouse/db.ts";
import { limitMemory, prepareZoneSeries, zoneSeriesOf } from "./pipeline/warehouse/aggregates.ts";
import { loadRegistry } from "./pipeline/registry/load.ts";
import { indicatorParts, rowChunks, chunkText, ArrowColumns, entitiesText, recentEntityPoints, arrowPart } from "./pipeline/export/rows.ts";
const { registry } = await loadRegistry("/tmp/exb/data/data");
await withConnection("/tmp/exb/large.duckdb", async (c) => {
  await limitMemory(c);
  const r = 1, id = "bench_010";
  const lap = async <T>(label: string, f: () => Promise<T>): Promise<T> => { const t = performance.now(); const c0 = process.cpuUsage(); const x = await f(); const cu = process.cpuUsage(c0); console.log(label, ((performance.now()-t)/1000).toFixed(2), "cpu", ((cu.user+cu.system)/1e6).toFixed(2)); return x; };
  await lap("prepare", () => prepareZoneSeries(c, r, registry!));
  const parts = (await lap("parts", () => indicatorParts(c, r, id)))!;
  const arrow = new ArrowColumns();
  await lap("stream", async () => { for await (const ch of rowChunks(c, r, id, parts)) { arrow.add(ch); } });
  await lap("stream+text", async () => { for await (const ch of rowChunks(c, r, id, parts)) { const t = chunkText(ch, parts); Buffer.from(t.csv); Buffer.from(t.json); } });
  await lap("arrow", async () => arrowPart(arrow.table(id, parts), true));
  await lap("ents", () => entitiesText(c, r, id));
  await lap("recent", () => recentEntityPoints(c, r, id, ["2024-12-31", "2025-03-31", "2025-06-30"], 12));
  await lap("zone", () => zoneSeriesOf(c, [id]));
}, { readOnly: true });
