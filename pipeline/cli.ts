// ftz — the command line. The only module that reads process.argv, prints or exits: every command is
// a pipeline function; this file parses arguments, calls it and prints what it returns.

import { parseArgs } from "node:util";
import { findDataFiles, localToday, readDataFiles } from "./files.ts";
import { formatProblem, hasErrors, type Problem } from "./problems.ts";
import { loadRegistry } from "./registry/load.ts";
import { validateFiles } from "./validate/index.ts";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

const usage = `ftz — 联动创新区监测平台 ftz-monitor

用法 Usage: ftz <命令 command> [选项 options]

命令 Commands:
  validate [路径…]     检查分析人员的 CSV 文件（默认 data/）/ check analysts' CSV files (default: data/)

通用选项 Options:
  --data DIR          数据目录（默认 data）/ the data folder (default: data)
  --json              输出 JSON / print JSON for machines
  --today DATE        以该日期为“今天”（默认本机日期）/ treat DATE as today (default: this machine's date)
  -h, --help          显示帮助 / show this help

退出码 Exit codes: 0 无错误 no errors · 1 有错误 errors found · 2 用法错误 usage error`;

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
  switch (command) {
    case "validate":
      return validate(paths.length ? paths : [values.data], values.data, today, values.json, io);
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
  const v = validateFiles(await readDataFiles(files), registry, today);
  const rows = v.files.reduce((n, f) => n + f.rows, 0);
  return report([...registryProblems, ...v.problems], { files: files.length, rows }, json, io);
}

function report(problems: Problem[], counts: { files: number; rows: number }, json: boolean, io: Io): number {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  if (json) {
    io.out(`${JSON.stringify({ ...counts, errors, warnings, problems }, null, 2)}\n`);
  } else {
    for (const p of problems) io.out(`${formatProblem(p)}\n`);
    io.out(
      `检查了 ${counts.files} 个文件、${counts.rows} 行：${errors} 个错误，${warnings} 个警告 / ` +
        `checked ${counts.files} files, ${counts.rows} rows: ${errors} errors, ${warnings} warnings\n`,
    );
  }
  return hasErrors(problems) ? 1 : 0;
}
