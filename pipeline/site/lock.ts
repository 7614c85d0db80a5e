// One site build at a time in a project: every build writes src/data/ (the export) and the generated
// modules under src/components/, then Framework reads them. Two builds at once (the browser test and
// the rebuild test run in parallel, or `ftz report` beside `npm run build`) would read each other's
// export. A build holds this lock from its export to its last page; the next one waits.
// The lock is a folder (mkdir is atomic) holding the owner's pid; a dead owner's lock is taken over.

import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const buildLock = "src/.observablehq/build.lock";

/** Whether a process with this id is running (signal 0 only asks; EPERM means it runs as another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Waits for the lock (told once through `waiting`), takes it, and returns the function that frees it. */
export async function lockBuild(dir = buildLock, waiting: (owner: number) => void = () => {}): Promise<() => Promise<void>> {
  await mkdir(join(dir, ".."), { recursive: true });
  let told = false;
  let noPidSince = 0;
  for (;;) {
    try {
      await mkdir(dir);
      await writeFile(join(dir, "pid"), String(process.pid));
      return () => rm(dir, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const owner = Number(await readFile(join(dir, "pid"), "utf8").catch(() => "0"));
    // No pid yet: the owner is between mkdir and writeFile; wait for it, but not for ever (it may have died there).
    noPidSince = owner ? 0 : noPidSince || Date.now();
    if ((owner && !alive(owner)) || (!owner && Date.now() - noPidSince > 10_000)) {
      await rm(dir, { recursive: true, force: true });
      continue;
    }
    if (!told && owner) waiting(owner);
    told ||= Boolean(owner);
    await sleep(200);
  }
}
