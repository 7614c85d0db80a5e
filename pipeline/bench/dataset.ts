// The benchmark's inputs: a data folder with the real reference tables and registry plus synthetic
// park-level indicators (bench_001 …, as an analyst would add them: one registry entry each), and
// deterministic CSV files in the analysts' long format.

import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { randomLcg } from "d3";

export const BENCH_INDICATORS = 80;
/** Amount indicators (亿元, decimals allowed) for the mixed-value file: bench_amount_001 … */
export const BENCH_AMOUNT_INDICATORS = 40;
const PARKS = ["fenghuanghu", "gangqiao", "sanjiao", "bigdata", "bonded_zone", "vocational_base"];
/** writeRows fills one indicator before the next: 13,000 days (≈ 1990-01 … 2025-08, all before today) for each park. */
export const ROWS_PER_INDICATOR = PARKS.length * 13_000;

/**
 * A data folder (reference + registry with the synthetic indicators) under `dir`, returned. Fewer
 * indicators for a caller that loads only the first few (each process that reads the registry parses
 * them all: ≈ 0.2 s of CPU for the full 120).
 */
export async function benchDataDir(dir: string, { indicators = BENCH_INDICATORS, amounts = BENCH_AMOUNT_INDICATORS } = {}): Promise<string> {
  const data = join(dir, "data");
  await mkdir(data, { recursive: true });
  await cp("data/reference", join(data, "reference"), { recursive: true });
  let yml = await readFile("data/indicators.yml", "utf8");
  for (let i = 1; i <= indicators; i++) {
    const id = `bench_${String(i).padStart(3, "0")}`;
    yml += `
  - id: ${id}
    name: { zh: 基准指标${i}, en: Benchmark indicator ${i} }
    description: { zh: 基准测试用的合成指标（非真实数据）, en: A synthetic indicator for the benchmark (not real data) }
    unit: { zh: 家, en: units }
    kind: count
    aggregation: sum
    direction: increase
    level: park
    clause: 基准测试（非方案内容）
    targets: []
`;
  }
  for (let i = 1; i <= amounts; i++) {
    const id = `bench_amount_${String(i).padStart(3, "0")}`;
    yml += `
  - id: ${id}
    name: { zh: 基准金额指标${i}, en: Benchmark amount ${i} }
    description: { zh: 基准测试用的合成金额指标（非真实数据）, en: A synthetic amount for the benchmark (not real data) }
    unit: { zh: 亿元, en: 100 million yuan }
    kind: amount
    aggregation: sum
    direction: increase
    level: park
    clause: 基准测试（非方案内容）
    targets: []
`;
  }
  await writeFile(join(data, "indicators.yml"), yml);
  return data;
}

/**
 * writeRows(path, n, offset) writes n rows, unique across calls with different offsets: each row a
 * (bench indicator, park, day since 1990-01-01) with a seeded count.
 */
export async function writeRows(path: string, n: number, offset = 0, seed = 0.42): Promise<void> {
  const random = randomLcg(seed);
  const day0 = Date.UTC(1990, 0, 1);
  const perIndicator = ROWS_PER_INDICATOR;
  const lines: string[] = ["indicator,entity,period,value,note,source"];
  const chunks: string[] = [];
  for (let k = offset; k < offset + n; k++) {
    const indicator = `bench_${String(Math.floor(k / perIndicator) + 1).padStart(3, "0")}`;
    const within = k % perIndicator;
    const day = new Date(day0 + Math.floor(within / PARKS.length) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${indicator},${PARKS[within % PARKS.length]},${day},${Math.floor(random() * 50)},,benchmark (synthetic)`);
    if (lines.length >= 100_000) chunks.push(lines.splice(0).join("\n"));
  }
  chunks.push(lines.join("\n"));
  await writeFile(path, `${chunks.filter(Boolean).join("\n")}\n`);
}

/**
 * writeMixedRows(path, n, seed) writes n rows whose values are written as real files write them:
 * 40 % of the rows are amounts (bench_amount_…, 亿元) with decimals mostly (12.34); every fourth
 * amount indicator reports thousands (1,234.56, quoted, as a spreadsheet saves them), so a series
 * keeps one magnitude and its values stay within the outlier rule; counts carry qualifiers now and
 * then (约30 · 超30 · 近30 · 30余). About 30 % of all values have decimals, 8 % thousands separators
 * at a million rows. Deterministic; keys unique as in writeRows.
 */
export async function writeMixedRows(path: string, n: number, seed = 0.42): Promise<void> {
  const random = randomLcg(seed);
  const day0 = Date.UTC(1990, 0, 1);
  const perIndicator = PARKS.length * 13_000;
  const key = (family: string, k: number) => {
    const indicator = `${family}${String(Math.floor(k / perIndicator) + 1).padStart(3, "0")}`;
    const within = k % perIndicator;
    const day = new Date(day0 + Math.floor(within / PARKS.length) * 86_400_000).toISOString().slice(0, 10);
    return `${indicator},${PARKS[within % PARKS.length]},${day}`;
  };
  const cents = () => String(Math.floor(random() * 100)).padStart(2, "0");
  const amount = (k: number) => {
    if (Math.floor(k / perIndicator) % 4 === 1) return `"${1 + Math.floor(random() * 9)},${String(Math.floor(random() * 1000)).padStart(3, "0")}.${cents()}"`;
    return random() < 0.7 ? `${Math.floor(random() * 1000)}.${cents()}` : String(Math.floor(random() * 1000));
  };
  const qualified = ["约", "超", "近"];
  const count = () => {
    const r = random();
    const x = 10 + Math.floor(random() * 40);
    if (r < 0.04) return `${qualified[Math.floor(random() * qualified.length)]}${x}`;
    if (r < 0.06) return `${x}余`;
    return String(x);
  };
  const lines: string[] = ["indicator,entity,period,value,note,source"];
  const chunks: string[] = [];
  let amounts = 0;
  let counts = 0;
  for (let k = 0; k < n; k++) {
    const isAmount = k % 10 < 4;
    const cells = isAmount ? `${key("bench_amount_", amounts)},${amount(amounts++)}` : `${key("bench_", counts++)},${count()}`;
    lines.push(`${cells},,benchmark (synthetic)`);
    if (lines.length >= 100_000) chunks.push(lines.splice(0).join("\n"));
  }
  chunks.push(lines.join("\n"));
  await writeFile(path, `${chunks.filter(Boolean).join("\n")}\n`);
}

/**
 * writeGbkRows(utf8Path, gbkPath) saves the rows of a writeRows file as Chinese Windows saves "CSV":
 * GBK, with the source column in Chinese (基准测试（合成数据）, "benchmark (synthetic data)").
 */
export async function writeGbkRows(utf8Path: string, gbkPath: string): Promise<void> {
  const source = Buffer.from("bbf9d7bcb2e2cad4a3a8bacfb3c9cafdbedda3a9", "hex"); // the words above, in GBK
  const parts = (await readFile(utf8Path, "utf8")).split("benchmark (synthetic)");
  await writeFile(gbkPath, Buffer.concat(parts.flatMap((p, i) => (i ? [source, Buffer.from(p)] : [Buffer.from(p)]))));
}
