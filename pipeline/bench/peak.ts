// A process's own peak memory. Not process.resourceUsage().maxRSS: Linux keeps ru_maxrss across exec,
// so a child forked from a large parent (the benchmark runner) reports the parent's size (measured:
// a child of an 800 MB parent said 804 MB, its VmHWM 39 MB). VmHWM is the new program's own high-water
// mark of resident memory.

import { readFileSync } from "node:fs";

export function peakRssMb(): number {
  const hwm = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
  if (!hwm) throw new Error("no VmHWM in /proc/self/status: peak memory cannot be measured on this system");
  return Math.round(Number(hwm[1]) / 1024);
}
