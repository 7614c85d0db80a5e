import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import LongestFirst from "./tests/setup/longest-first.ts";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/bundle.ts"],
    // Three files at a time on CI's 2 cores. The browser tests are one file (tests/browser/chromium.test.ts,
    // ≈ 360 s on a fresh 2-core clone) that mostly waits for Chromium to load and draw pages; with two
    // workers it held one of them for most of the run while the SIGKILL test held the other, and the
    // cores sat a third idle (2026-12-03: 706 CPU-s in 520 s). A third worker keeps both cores busy
    // with the CPU-bound files beside it. Files that share a resource take turns by themselves: site
    // builds through the build lock (pipeline/site/lock.ts); the rest use their own temporary folders.
    maxWorkers: Math.max(3, availableParallelism()),
    // The longest files first, so that none of them is left running alone at the end.
    sequence: { sequencer: LongestFirst },
    // Tests that open DuckDB files, spawn the CLI or drive a browser take longer than the 5 s default,
    // and a busy 2-core machine (load 10 while other work runs) stretches them five- or sixfold: the
    // limits only catch a test that hangs, never one that is slow because the cores are shared.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
