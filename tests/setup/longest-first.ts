// The order files start in. On two workers the suite ends when its last file does: a long file started
// late runs alone at the end while the other core idles. Vitest orders by the durations of an earlier
// run when its cache has them (node_modules/.vite), but CI starts from a fresh clone, where it falls
// back to the largest files first — and the longest files here are small ones that wait on child
// processes (the SIGKILL test: 33 kills and their re-runs) or on Chromium. So the files known to take longest start
// first, longest first (as vitest measured them on a fresh 2-core clone, 2026-12-03: the browser file
// ≈ 330 s, the SIGKILL test ≈ 190 s, setload ≈ 75 s); every other file follows in Vitest's order.
import { BaseSequencer, type TestSpecification } from "vitest/node";

export const LONGEST = [
  "tests/browser/chromium.test.ts",
  "tests/warehouse/kill.test.ts",
  "tests/warehouse/setload.test.ts",
  "tests/site/rebuild.test.ts",
  "tests/hostile/corpus.test.ts",
  "tests/warehouse/ingest.test.ts",
  "tests/export/kill.test.ts",
  "tests/export/sql.test.ts",
  "tests/keep/keep.test.ts",
  "tests/cli/failures.test.ts",
  "tests/types/typecheck.test.ts",
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST.findIndex((name) => f.moduleId.endsWith(`/${name}`));
      return i >= 0 ? i : LONGEST.length;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}
