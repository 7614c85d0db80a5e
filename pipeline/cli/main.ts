// ftz — the command line. The only module that reads arguments, prints or exits (through Io; bin/ftz.js
// owns the process): it parses arguments, then loads the one command asked for and runs it. Each
// command is a module of its own, imported only when it runs, so `ftz --help` loads none of them and
// `ftz validate` of a small file never loads DuckDB.

import { CommandError, environmentError } from "../errors.ts";
import { parseArgs } from "node:util";
import { accessSync, constants, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { localToday } from "../files.ts";
import type { Io } from "./io.ts";
// Bundled into the compiled CLI (bin/cli-build.js rebuilds when package.json changes): --version reads no file.
import pkg from "../../package.json" with { type: "json" };

export type { Io } from "./io.ts";

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
  check               检查数据仓库与保存的文件，列出问题及修复命令 / verify the warehouse and its kept files; say what repairs them
  rebuild             由保存的文件逐版重建数据仓库 / rebuild the warehouse, revision by revision, from the kept files

通用选项 Options:
  --data DIR          数据目录（默认 data）/ the data folder (default: data)
  --json              输出 JSON / print JSON for machines
  --db FILE           数据仓库文件（默认 $FTZ_WAREHOUSE 或 data/warehouse.duckdb）/ the warehouse file
  --as-of DATE        按该日期计算状态（默认今天）/ statuses as they stood on DATE (default: today)
  --revision N        读取第 N 版数据（默认最新）/ read revision N of the warehouse (default: latest)
  --wait SECONDS      仓库被占用时最多等待的秒数（默认 30）/ how long to wait for a busy warehouse (default 30)
  --out DIR           输出目录 / output folder
  --today DATE        以该日期为“今天”（默认本机日期）/ treat DATE as today (default: this machine's date)
  --debug             出错时显示堆栈（或设 FTZ_DEBUG=1）/ print the stack trace of a failure (or FTZ_DEBUG=1)
  -v, --version       显示版本 / print the version
  -h, --help          显示帮助 / show this help

输出不含颜色，NO_COLOR 无需设置 / The output has no colours (nothing to turn off with NO_COLOR).

退出码 Exit codes: 0 成功 success · 1 数据有错误 errors in the data · 2 用法错误 usage error ·
  3 数据仓库被占用或尚无数据 the warehouse is busy or empty · 4 环境问题（路径不存在、无权限、只读、磁盘已满）
  the environment (missing path, permissions, read-only or full disk) · 5 内部错误 internal error (a bug)`;

const options = {
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
  version: { type: "boolean", short: "v", default: false },
  debug: { type: "boolean", default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>["values"];

/** What the commands share once the arguments are checked. */
interface Common {
  values: Values;
  paths: string[];
  today: string;
  asOf: string;
  revision: number | undefined;
}

/** Each command: its module, loaded when it runs. */
const commands: Record<string, (c: Common, io: Io) => Promise<number>> = {
  validate: async ({ values, paths, today }, io) =>
    (await import("./validate.ts")).validateCommand({ paths: paths.length ? paths : [values.data], dataDir: values.data, today, json: values.json }, io),
  ingest: async ({ values, paths, today }, io) =>
    (await import("./ingest.ts")).ingestCommand(
      { paths: paths.length ? paths : [values.data], dataDir: values.data, db: values.db, today, waitMs: Number(values.wait) * 1000, json: values.json },
      io,
    ),
  status: async ({ values, asOf, revision }, io) => (await import("./status.ts")).statusCommand({ dataDir: values.data, db: values.db, asOf, revision, json: values.json }, io),
  diff: async ({ values }, io) => (await import("./diff.ts")).diffCommand({ dataDir: values.data, db: values.db, from: values.from, to: values.to, json: values.json }, io),
  report: async ({ values, asOf }, io) => (await import("./report.ts")).reportCommand({ dataDir: values.data, db: values.db, asOf, lang: values.lang, out: values.out }, io),
  export: async ({ values, asOf, today }, io) =>
    (await import("./export.ts")).exportCommand({ dataDir: values.data, db: values.db, asOf, today, out: values.out ?? join(values.data, "export") }, io),
  check: async ({ values }, io) => (await import("./check.ts")).checkCommand({ db: values.db, waitMs: Number(values.wait) * 1000, json: values.json }, io),
  rebuild: async ({ values, today }, io) =>
    (await import("./rebuild.ts")).rebuildCommand({ dataDir: values.data, db: values.db, today, waitMs: Number(values.wait) * 1000 }, io),
  sample: async ({ values }, io) => (await import("./sample.ts")).sampleCommand({ dataDir: values.data, out: values.out ?? join(values.data, "sample") }, io),
};

export async function main(argv: string[], io: Io, env: Record<string, string | undefined> = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (e) {
    // One line: what was wrong, and where the usage is (not the whole usage, which would bury it).
    io.err(`ftz: ${(e as Error).message.split("\n")[0]} / 用法见 ftz --help (see ftz --help)\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  if (values.version) {
    io.out(`ftz ${pkg.version}\n`);
    return 0;
  }
  if (values.help || !command) {
    io.out(`${usage}\n`);
    return command || values.help ? 0 : 2;
  }
  const today = values.today ?? localToday();
  if (!isCalendarDate(today)) {
    io.err(`ftz: --today 应为日历上有的日期 YYYY-MM-DD，实际为 "${today}" / --today must be a real date YYYY-MM-DD, got "${today}"\n`);
    return 2;
  }
  const asOf = values["as-of"] ?? today;
  if (!isCalendarDate(asOf)) {
    io.err(`ftz: --as-of 应为日历上有的日期 YYYY-MM-DD，实际为 "${asOf}" / --as-of must be a real date YYYY-MM-DD, got "${asOf}"\n`);
    return 2;
  }
  const revision = values.revision === undefined ? undefined : Number(values.revision);
  if (values.revision !== undefined && !/^\d+$/.test(values.revision)) {
    io.err(`ftz: --revision 应为非负整数，实际为 "${values.revision}" / --revision must be a whole number ≥ 0, got "${values.revision}"\n`);
    return 2;
  }
  if (!/^\d+(\.\d+)?$/.test(values.wait)) {
    io.err(`ftz: --wait 应为秒数（如 30），实际为 "${values.wait}" / --wait must be a number of seconds (e.g. 30), got "${values.wait}"\n`);
    return 2;
  }
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!run) {
    io.err(`ftz: 未知命令 "${command}"，可用命令见 ftz --help / unknown command "${command}": see ftz --help for the commands\n`);
    return 2;
  }
  try {
    return await run({ values, paths, today, asOf, revision }, io);
  } catch (e) {
    const { line, exitCode } = await describeFailure(e);
    io.err(`ftz: ${line}\n`);
    // The stack only on request: a user needs the line; whoever fixes a bug asks for the rest.
    if (values.debug || env.FTZ_DEBUG === "1") io.err(`${(e as Error)?.stack ?? String(e)}\n`);
    return exitCode;
  }
}

/** Every failure as one line and its exit code: 2 usage, 3 busy, 4 the environment, 5 a bug. */
async function describeFailure(e: unknown): Promise<{ line: string; exitCode: number }> {
  if (e instanceof CommandError) return { line: e.message, exitCode: e.exitCode };
  // The warehouse's own errors, told plainly with exit 3. Its module is loaded here, after a command
  // failed, rather than up front: most commands that fail here have loaded it already.
  const { WarehouseBusyError, WarehouseEmptyError } = await import("../warehouse/db.ts");
  if (e instanceof WarehouseBusyError || e instanceof WarehouseEmptyError) return { line: e.message, exitCode: 3 };
  const environment = environmentError(whyNoFolder(e));
  if (environment) return { line: environment, exitCode: 4 };
  const first = (e instanceof Error ? e.message : String(e)).split("\n")[0];
  return {
    line: `内部错误：${first}；请用 --debug 重新运行并报告此问题 / internal error: ${first} (run again with --debug and report it)`,
    exitCode: 5,
  };
}

/**
 * Node's recursive mkdir on a read-only or forbidden folder reports ENOENT for the folder it could not
 * make, which would send the user looking for a missing path: ask the nearest existing folder why.
 */
function whyNoFolder(e: unknown): unknown {
  const error = e as NodeJS.ErrnoException;
  if (error?.code !== "ENOENT" || error.syscall !== "mkdir" || !error.path) return e;
  let folder = dirname(error.path);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  try {
    accessSync(folder, constants.W_OK);
    return e;
  } catch (cause) {
    return cause;
  }
}

/** YYYY-MM-DD naming a day the calendar has (2023-13-45 and 2023-02-30 do not). */
function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}
