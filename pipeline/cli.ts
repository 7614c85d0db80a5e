// ftz — the command line. The only module that reads process.argv, prints or exits: every command is
// a pipeline function; this file parses arguments, calls it and prints what it returns.

import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { dataFileRefs, findDataFiles, localToday } from "./files.ts";
import { formatProblem, hasErrors, type Problem } from "./problems.ts";
import { loadRegistry } from "./registry/load.ts";
import type { Registry } from "./registry/types.ts";
import { generateSample } from "./sample/generate.ts";
import { computeStatus, statusWords } from "./status/index.ts";
import { explainTarget } from "./status/explain.ts";
import { WarehouseBusyError, WarehouseEmptyError, warehousePath, withConnection } from "./warehouse/db.ts";
import { ingest } from "./warehouse/ingest.ts";
import { readSnapshot, revisionAt, revisionDate } from "./warehouse/read.ts";
import { diff } from "./diff.ts";
import { exportFromWarehouse } from "./export/site.ts";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  /** True when stderr is a terminal: only then is a progress bar drawn. */
  tty?: boolean;
}

/**
 * A progress bar on stderr for work that takes over a second, on a terminal only: quick runs, pipes
 * and CI logs stay quiet.
 */
function progressBar(io: Io, started = Date.now()) {
  let drawn = false;
  let last = 0;
  const labels = { validate: "检查 validating", load: "导入 loading" } as const;
  return {
    update(phase: keyof typeof labels, done: number, total: number) {
      const t = Date.now();
      if (!io.tty || t - started < 1000 || (t - last < 100 && done < total)) return;
      last = t;
      drawn = true;
      const width = 30;
      const filled = Math.round((width * done) / Math.max(total, 1));
      io.err(`\r${labels[phase]} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}`);
    },
    end() {
      if (drawn) io.err("\r\x1b[K");
    },
  };
}

const usage = `ftz — 联动创新区监测平台 ftz-monitor

用法 Usage: ftz <命令 command> [选项 options]

命令 Commands:
  validate [路径…]     检查分析人员的 CSV 文件（默认 data/）/ check analysts' CSV files (default: data/)
  ingest [路径…]       检查后在一个事务中导入数据仓库 / validate, then load into the warehouse in one transaction
  status              各目标的状态及其构成 / every target's status with its components
  diff --from A --to B 两个时刻之间的变化（A、B 为日期或版本号）/ what changed between two dates or revisions
  report --out F.pdf  把简报页打印为 A4 PDF（--as-of、--lang zh|en）/ print the briefing page to an A4 PDF
  export [--out DIR]  导出网站读取的文件（默认 data/export）/ write the files the site reads (default: data/export)
  sample [--out DIR]  生成样例数据（默认 data/sample）/ write the sample dataset (default: data/sample)

通用选项 Options:
  --data DIR          数据目录（默认 data）/ the data folder (default: data)
  --json              输出 JSON / print JSON for machines
  --db FILE           数据仓库文件（默认 $FTZ_WAREHOUSE 或 data/warehouse.duckdb）/ the warehouse file
  --as-of DATE        按该日期计算状态（默认今天）/ statuses as they stood on DATE (default: today)
  --revision N        读取第 N 版数据（默认最新）/ read revision N of the warehouse (default: latest)
  --wait SECONDS      仓库被占用时最多等待的秒数（默认 30）/ how long to wait for a busy warehouse (default 30)
  --out DIR           输出目录 / output folder
  --today DATE        以该日期为“今天”（默认本机日期）/ treat DATE as today (default: this machine's date)
  -h, --help          显示帮助 / show this help

退出码 Exit codes: 0 成功 success · 1 数据有错误 errors in the data · 2 用法错误 usage error ·
  3 数据仓库被占用 the warehouse is busy`;

export async function main(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: "string", default: "data" },
        json: { type: "boolean", default: false },
        today: { type: "string" },
        db: { type: "string" },
        "as-of": { type: "string" },
        revision: { type: "string" },
        wait: { type: "string", default: "30" },
        out: { type: "string" },
        from: { type: "string" },
        lang: { type: "string", default: "zh" },
        to: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    io.err(`ftz: ${(e as Error).message}\n\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    io.out(`${usage}\n`);
    return command || values.help ? 0 : 2;
  }
  const today = values.today ?? localToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    io.err(`ftz: --today 应为 YYYY-MM-DD / --today must be YYYY-MM-DD, got "${today}"\n`);
    return 2;
  }
  const asOf = values["as-of"] ?? today;
  const revision = values.revision === undefined ? undefined : Number(values.revision);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || (revision !== undefined && !Number.isInteger(revision))) {
    io.err(`ftz: --as-of 应为 YYYY-MM-DD，--revision 应为整数 / --as-of must be YYYY-MM-DD and --revision a whole number\n`);
    return 2;
  }
  const db = warehousePath(values.db);
  const waitMs = Number(values.wait) * 1000;
  try {
    switch (command) {
      case "validate":
        return await validate(paths.length ? paths : [values.data], values.data, today, values.json, io);
      case "ingest":
        return await ingestCommand(paths.length ? paths : [values.data], values.data, db, today, waitMs, values.json, io);
      case "status":
        return await statusCommand(values.data, db, asOf, revision, values.json, io);
      case "diff":
        return await diffCommand(values.data, db, values.from, values.to, values.json, io);
      case "report": {
        if (!values.out || (values.lang !== "zh" && values.lang !== "en")) {
          io.err("ftz: report 需要 --out 文件.pdf，--lang 为 zh 或 en / report needs --out FILE.pdf and --lang zh|en\n");
          return 2;
        }
        const { printBriefing } = await import("./report.ts");
        const r = await printBriefing({ dataDir: values.data, db, asOf, lang: values.lang, out: values.out, log: (t) => io.err(`${t}\n`) });
        io.out(`已写入 ${values.out}，共 ${r.pages} 页${r.sample ? "（含样例数据）" : ""} / wrote ${values.out}, ${r.pages} pages${r.sample ? " (includes sample data)" : ""}\n`);
        return 0;
      }
      case "export":
        return await exportCommand(values.data, db, asOf, today, values.out ?? join(values.data, "export"), io);
      case "sample":
        return await sampleCommand(values.data, values.out ?? join(values.data, "sample"), io);
    }
  } catch (e) {
    if (e instanceof WarehouseBusyError || e instanceof WarehouseEmptyError) {
      io.err(`ftz: ${e.message}\n`);
      return 3;
    }
    throw e;
  }
  switch (command) {
    default:
      io.err(`ftz: 未知命令 unknown command "${command}"\n\n${usage}\n`);
      return 2;
  }
}

async function validate(paths: string[], dataDir: string, today: string, json: boolean, io: Io): Promise<number> {
  const { registry, problems: registryProblems } = await loadRegistry(dataDir, io.cwd);
  if (!registry) return report(registryProblems, { files: 0, rows: 0 }, json, io);
  let files: string[];
  try {
    files = await findDataFiles(paths, io.cwd);
  } catch (e) {
    io.err(`ftz: ${(e as Error).message}\n`);
    return 2;
  }
  // The checks of an ingest into a warehouse of its own, thrown away after: the same problems as the
  // rules read file by file (tests/warehouse/setload.test.ts), and a file of millions of rows is
  // checked at the engine's speed in bounded memory.
  const scratch = await mkdtemp(join(tmpdir(), "ftz-validate-"));
  const bar = progressBar(io);
  try {
    const r = await withConnection(join(scratch, "check.duckdb"), (c) =>
      ingest(c, { files: dataFileRefs(files, io.cwd), scope: ["."], registry, today, now: new Date(), progress: bar.update }),
    ).finally(bar.end);
    return report([...registryProblems, ...r.problems], { files: files.length, rows: r.rowsRead }, json, io);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function report(problems: Problem[], counts: { files: number; rows: number }, json: boolean, io: Io): number {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  if (json) {
    io.out(`${JSON.stringify({ ...counts, errors, warnings, problems }, null, 2)}\n`);
  } else {
    printProblems(problems, io);
    io.out(
      `检查了 ${counts.files} 个文件、${counts.rows} 行：${errors} 个错误，${warnings} 个警告 / ` +
        `checked ${counts.files} files, ${counts.rows} rows: ${errors} errors, ${warnings} warnings\n`,
    );
  }
  return hasErrors(problems) ? 1 : 0;
}

async function registryOrReport(dataDir: string, json: boolean, io: Io): Promise<Registry | number> {
  const { registry, problems } = await loadRegistry(dataDir, io.cwd);
  return registry ?? report(problems, { files: 0, rows: 0 }, json, io);
}

async function ingestCommand(paths: string[], dataDir: string, db: string, today: string, waitMs: number, json: boolean, io: Io): Promise<number> {
  const registry = await registryOrReport(dataDir, json, io);
  if (typeof registry === "number") return registry;
  const files = dataFileRefs(await findDataFiles(paths, io.cwd), io.cwd);
  // The same form findDataFiles gives file names (relative to the working folder, "/"): data/../data is data.
  const scope = paths.map((p) => (relative(io.cwd, resolve(io.cwd, p)) || ".").split(sep).join("/"));
  const bar = progressBar(io);
  const r = await withConnection(db, (c) => ingest(c, { files, scope, registry, today, now: new Date(), progress: bar.update }), { waitMs }).finally(bar.end);
  if (json) {
    io.out(`${JSON.stringify({ ...r, problems: r.problems }, null, 2)}\n`);
    return r.ok ? 0 : 1;
  }
  printProblems(r.problems, io);
  if (!r.ok) {
    io.out(`导入被拒绝，数据仓库未改动 / ingest refused: the warehouse is unchanged (revision ${r.revision})\n`);
    return 1;
  }
  if (!r.added.length && !r.changed.length && !r.withdrawn.length) {
    io.out(`没有变化：${r.unchanged.length} 个文件与第 ${r.revision} 版相同 / nothing changed: ${r.unchanged.length} files match revision ${r.revision}\n`);
    return 0;
  }
  io.out(
    `已导入第 ${r.revision} 版：新增 ${r.added.length} 个文件、更新 ${r.changed.length} 个、撤回 ${r.withdrawn.length} 个、未变 ${r.unchanged.length} 个；` +
      `新增 ${r.rowsAdded} 行，撤回 ${r.rowsWithdrawn} 行 / loaded revision ${r.revision}: ${r.added.length} files added, ` +
      `${r.changed.length} changed, ${r.withdrawn.length} withdrawn, ${r.unchanged.length} unchanged; ${r.rowsAdded} rows added, ${r.rowsWithdrawn} withdrawn (${db})\n`,
  );
  return 0;
}

async function statusCommand(dataDir: string, db: string, asOf: string, revision: number | undefined, json: boolean, io: Io): Promise<number> {
  const registry = await registryOrReport(dataDir, json, io);
  if (typeof registry === "number") return registry;
  const snapshot = await withConnection(db, (c) => readSnapshot(c, revision), { readOnly: true, waitMs: 5000 });
  const report = computeStatus({ registry, observations: snapshot.observations, itemStatuses: snapshot.itemStatuses, asOf });
  if (json) {
    io.out(`${JSON.stringify({ revision: snapshot.revision, ...report }, null, 2)}\n`);
    return 0;
  }
  const counts = Object.entries(report.counts).filter(([, k]) => k > 0) as [keyof typeof statusWords, number][];
  io.out(`目标状态，截至 ${asOf}（数据第 ${snapshot.revision} 版）/ Target status as of ${asOf} (revision ${snapshot.revision})\n`);
  io.out(
    `${report.targets.length} 项目标：${counts.map(([s, k]) => `${k} 项${statusWords[s].zh}`).join("，")} / ` +
      `${report.targets.length} targets: ${counts.map(([s, k]) => `${k} ${statusWords[s].en}`).join(", ")}\n`,
  );
  if (report.targets.some((t) => t.components.sample)) io.out("【样例数据 SAMPLE DATA】以下含样例数据，非官方结果 / figures below include sample data, not official results\n");
  for (const t of report.targets) {
    const indicator = registry.indicators.find((i) => i.id === t.indicator)!;
    const e = explainTarget(t, registry);
    io.out(`\n${t.target}  ${indicator.name.zh} / ${indicator.name.en}${t.components.sample ? "  [样例 sample]" : ""}\n  ${e.zh}\n  ${e.en}\n`);
    if (t.components.origins.length) {
      const o = t.components.origins.slice(0, 3).map((x) => `${x.file}:${x.line}`).join(", ");
      io.out(`  来源 from: ${o}${t.components.origins.length > 3 ? ` … (+${t.components.origins.length - 3})` : ""}\n`);
    }
  }
  if (report.trends.length) io.out("\n无目标指标的趋势（Open SDG CAGR 法）/ Trends of indicators with no target (Open SDG CAGR method)\n");
  for (const tr of report.trends) {
    const indicator = registry.indicators.find((i) => i.id === tr.indicator)!;
    io.out(`  ${indicator.name.zh} / ${indicator.name.en}: ${tr.trend} (P = ${tr.progress ?? "—"}, ${tr.from ?? "—"}→${tr.to ?? "—"})${tr.sample ? "  [样例 sample]" : ""}\n`);
  }
  return 0;
}

async function sampleCommand(dataDir: string, out: string, io: Io): Promise<number> {
  const registry = await registryOrReport(dataDir, false, io);
  if (typeof registry === "number") return registry;
  await mkdir(out, { recursive: true });
  const files = generateSample(registry);
  for (const f of files) await writeFile(join(out, f.name), f.text);
  io.out(`已写入 ${files.length} 个样例文件到 ${out} / wrote ${files.length} sample files to ${out}\n`);
  return 0;
}

async function exportCommand(dataDir: string, db: string, asOf: string, today: string, out: string, io: Io): Promise<number> {
  const { files, revision } = await exportFromWarehouse({ dataDir, db, asOf, today });
  // Write beside, then swap: the site never reads a half-written export.
  const tmp = `${out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  for (const [name, content] of files) {
    await mkdir(dirname(join(tmp, name)), { recursive: true });
    await writeFile(join(tmp, name), content);
  }
  await rm(out, { recursive: true, force: true });
  await rename(tmp, out);
  io.out(`已导出 ${files.size} 个文件到 ${out}（截至 ${asOf}，第 ${revision} 版）/ exported ${files.size} files to ${out} (as of ${asOf}, revision ${revision})\n`);
  return 0;
}

async function diffCommand(dataDir: string, db: string, fromArg: string | undefined, toArg: string | undefined, json: boolean, io: Io): Promise<number> {
  const moment = /^(\d+|\d{4}-\d{2}-\d{2})$/;
  if (!fromArg || !toArg || !moment.test(fromArg) || !moment.test(toArg)) {
    io.err("ftz: diff 需要 --from 和 --to，值为日期 YYYY-MM-DD 或版本号 / diff needs --from and --to, each a date YYYY-MM-DD or a revision number\n");
    return 2;
  }
  const registry = await registryOrReport(dataDir, json, io);
  if (typeof registry === "number") return registry;
  const d = await withConnection(
    db,
    async (c) => {
      // A date stands for the warehouse as it was at the end of that day, judged as of that day; a
      // revision number for that revision, judged as of the day it was loaded.
      const resolve = async (arg: string) => {
        if (/^\d+$/.test(arg)) {
          const revision = Number(arg);
          return { snapshot: await readSnapshot(c, revision), asOf: (await revisionDate(c, revision)) ?? arg };
        }
        return { snapshot: await readSnapshot(c, await revisionAt(c, arg)), asOf: arg };
      };
      return diff(registry, await resolve(fromArg), await resolve(toArg));
    },
    { readOnly: true, waitMs: 5000 },
  );
  if (json) {
    io.out(`${JSON.stringify(d, null, 2)}\n`);
    return 0;
  }
  const name = (id: string) => registry.indicators.find((i) => i.id === id)?.name.zh ?? id;
  const v = (x: { value: number | null; qualifier: string | null }) => (x.value === null ? "—" : `${x.value}${x.qualifier ? ` (${x.qualifier})` : ""}`);
  io.out(`变化：第 ${d.from.revision} 版（${d.from.asOf}）→ 第 ${d.to.revision} 版（${d.to.asOf}）/ changes from revision ${d.from.revision} (${d.from.asOf}) to revision ${d.to.revision} (${d.to.asOf})\n`);
  io.out(`新增 ${d.added.length} 条，修订 ${d.revised.length} 条，撤回 ${d.withdrawn.length} 条 / ${d.added.length} added, ${d.revised.length} revised, ${d.withdrawn.length} withdrawn\n`);
  for (const r of d.revised) io.out(`  修订 revised ${name(r.new.indicator)} ${r.new.entity} ${r.new.period}: ${v(r.old)} → ${v(r.new)}  (${r.new.file}:${r.new.line})\n`);
  for (const r of d.added.slice(0, 50)) io.out(`  新增 added ${name(r.indicator)} ${r.entity} ${r.period}: ${v(r)}  (${r.file}:${r.line})\n`);
  if (d.added.length > 50) io.out(`  … (+${d.added.length - 50})\n`);
  for (const r of d.withdrawn) io.out(`  撤回 withdrawn ${name(r.indicator)} ${r.entity} ${r.period}: ${v(r)}  (${r.file}:${r.line})\n`);
  for (const i of d.items) io.out(`  事项 item ${i.item}: ${i.from ?? "—"} → ${i.to ?? "—"}\n`);
  for (const s of d.statuses) io.out(`  目标 target ${s.target}: ${statusWords[s.from].zh} ${s.from} → ${statusWords[s.to].zh} ${s.to}\n`);
  return 0;
}

/** Problems one per line; past 500 (a sheet of 10,000 bad columns), the rest are counted, not printed. */
function printProblems(problems: Problem[], io: Io, limit = 500): void {
  for (const p of problems.slice(0, limit)) io.out(`${formatProblem(p)}\n`);
  if (problems.length > limit) {
    io.out(`…… 另有 ${problems.length - limit} 个问题未列出（--json 输出全部）/ … ${problems.length - limit} more problems not shown (--json gives them all)\n`);
  }
}
