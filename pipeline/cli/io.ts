// What every command shares: the streams it writes to, the problem list as the analyst reads it, and
// a progress bar. Loads nothing heavy: `ftz --help` and a small `ftz validate` import this.

import { relative } from "node:path";
import { dataFileRefs, findDataFiles, limitProblems, type Skipped } from "../files.ts";
import { formatProblem, hasErrors, type Problem } from "../problems.ts";

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
export function progressBar(io: Io, started = Date.now()) {
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

/** The problems and the summary line (or all of it as JSON); exit 1 on any error. */
export function reportProblems(problems: Problem[], counts: { files: number; rows: number }, json: boolean, io: Io): number {
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

/** Problems one per line; past 500 (a sheet of 10,000 bad columns), the rest are counted, not printed. */
export function printProblems(problems: Problem[], io: Io, limit = 500): void {
  for (const p of problems.slice(0, limit)) io.out(`${formatProblem(p)}\n`);
  if (problems.length > limit) {
    io.out(`…… 另有 ${problems.length - limit} 个问题未列出（--json 输出全部）/ … ${problems.length - limit} more problems not shown (--json gives them all)\n`);
  }
}

/** A path not read (a FIFO, a link out of the folder …), as the CLI tells it: one line, the path first. */
export function skippedLine(s: Skipped, cwd: string): string {
  const path = relative(cwd, s.path) || s.path;
  return `ftz: ${path} ${s.zh} / ${path} ${s.en}`;
}

/**
 * The analysts' files under `paths` as validate and ingest take them: every path not read told on
 * stderr, and one problem for each file past the length caps (files.ts: limitProblems), which no one
 * reads further.
 */
export async function inputFiles(paths: string[], io: Io): Promise<{ files: { file: string; path: string }[]; tooLong: Problem[] }> {
  const files = dataFileRefs(await findDataFiles(paths, io.cwd, (s) => io.err(`${skippedLine(s, io.cwd)}\n`)), io.cwd);
  return { files, tooLong: await limitProblems(files) };
}
