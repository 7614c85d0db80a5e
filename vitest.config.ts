import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import LongestFirst from "./tests/setup/longest-first.ts";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/bundle.ts"],
    // Vitest's default is one worker fewer than the cores: one worker on CI's 2 cores, where the slow
    // files (the SIGKILL test, the browser tests) spend part of their time waiting on child processes
    // and Chromium. Two files at a time keep both cores busy; three were slower (476 s against 469 s,
    // 2026-12-03: the cores were the limit, not the waiting). Files that share a resource take turns by
    // themselves: site builds through the build lock (pipeline/site/lock.ts), Chromium through
    // sharedSite.ts's browserTurn; the rest use their own temporary folders.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The longest files first, so that none of them is left running alone at the end.
    sequence: { sequencer: LongestFirst },
    // Tests that open DuckDB files, spawn the CLI or drive a browser take longer than the 5 s default,
    // and a busy 2-core machine (load 10 while other work runs) stretches them five- or sixfold: the
    // limits only catch a test that hangs, never one that is slow because the cores are shared.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
