// Failures that are not about the data, each told in one line (zh / en) with its own exit code by the
// CLI: 2 for what the user asked (an option, a path), 3 for a busy warehouse, 4 for the environment
// (a missing folder, permissions, a read-only or full disk), as `ftz --help` lists the codes.

export class CommandError extends Error {
  constructor(message: string, readonly exitCode: 2 | 3 | 4) {
    super(message);
  }
}

type EnvironmentCode = "ENOENT" | "ENOTDIR" | "EACCES" | "EPERM" | "EROFS" | "ENOSPC" | "EDQUOT" | "EISDIR" | "EMFILE" | "ENFILE";

/** What to tell the user for each system error: what failed (with the path) and what to do. */
const explain: Record<EnvironmentCode, (path: string) => string> = {
  ENOENT: (p) => `找不到 ${p}，请检查路径及其所在文件夹是否存在 / ${p} does not exist: check the path and that its folder exists`,
  ENOTDIR: (p) => `${p} 的上级不是文件夹，请检查路径 / a part of ${p} is not a folder: check the path`,
  EACCES: (p) => `没有权限访问 ${p}，请检查其权限或换一个位置 / no permission to use ${p}: check its permissions or choose another place`,
  EPERM: (p) => `不允许修改 ${p}，请检查其权限或换一个位置 / not allowed to change ${p}: check its permissions or choose another place`,
  EROFS: (p) => `${p} 位于只读的文件系统上，请换一个可写的位置 / ${p} is on a read-only file system: choose a writable place`,
  ENOSPC: (p) => `磁盘空间不足，无法写入 ${p}；数据仓库未改动，请释放空间后重试 / no space left on the disk to write ${p}: nothing was changed, free some space and run again`,
  EDQUOT: (p) => `磁盘配额已用完，无法写入 ${p}；数据仓库未改动，请释放空间后重试 / disk quota exceeded writing ${p}: nothing was changed, free some space and run again`,
  EISDIR: (p) => `${p} 是文件夹，这里需要一个文件 / ${p} is a folder where a file is expected`,
  EMFILE: (p) => `打开的文件过多（${p}），请关闭其他程序后重试 / too many open files (${p}): close other programs and run again`,
  ENFILE: (p) => `打开的文件过多（${p}），请关闭其他程序后重试 / too many open files (${p}): close other programs and run again`,
};

/** The operating system's words for each code, as DuckDB quotes them in its IO errors. */
const strerror: [RegExp, EnvironmentCode][] = [
  [/No such file or directory/i, "ENOENT"],
  [/Not a directory/i, "ENOTDIR"],
  [/Permission denied/i, "EACCES"],
  [/Operation not permitted/i, "EPERM"],
  [/Read-only file system/i, "EROFS"],
  [/No space left on device/i, "ENOSPC"],
  [/Disk quota exceeded/i, "EDQUOT"],
  [/Is a directory/i, "EISDIR"],
  [/Too many open files/i, "EMFILE"],
];

/**
 * environmentError(e) is the one line that tells a failure of the machine rather than of the data — a
 * Node system error (code and path), a DuckDB error that quotes the system's reason (`IO Error: Cannot
 * open file "…": Permission denied`) or DuckDB out of memory — or undefined when e is none of these
 * (then it is a bug, not the user's to fix).
 */
export function environmentError(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  const node = e as NodeJS.ErrnoException;
  if (node.code && Object.hasOwn(explain, node.code)) return explain[node.code as EnvironmentCode](node.path ?? "?");
  if (/^Out of Memory Error:/.test(e.message)) {
    return `数据仓库内存不足（${e.message.split("\n")[0]}），可调高 FTZ_MEMORY_LIMIT（如 FTZ_MEMORY_LIMIT=1GB） / the warehouse ran out of memory: raise FTZ_MEMORY_LIMIT (e.g. FTZ_MEMORY_LIMIT=1GB) and run again`;
  }
  // DuckDB words it "IO Error: Cannot open file …" or, when a commit fails, "TransactionContext Error:
  // Failed to commit: Could not write file …": the operating system's own words tell the cause.
  const code = strerror.find(([words]) => words.test(e.message))?.[1];
  const path = /"([^"]+)"/.exec(e.message)?.[1] ?? "?";
  if (code) return explain[code](path);
  if (!/^IO Error:/.test(e.message)) return undefined;
  return `读写 ${path} 失败（${e.message.split("\n")[0]}），请检查磁盘和权限 / reading or writing ${path} failed (${e.message.split("\n")[0]}): check the disk and permissions`;
}
