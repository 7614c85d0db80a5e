import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import LongestFirst from "./tests/setup/longest-first.ts";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/bundle.ts"],
    // Vitest's default is one worker fewer than the cores: one worker on CI's 2 cores. The slow files
    // (the SIGKILL test, the browser tests) spend much of their time waiting on child processes and
    // Chromium: with two workers the cores were a third idle (632 s of CPU in a 469 s run, 2026-12-03),
    // so three files run at a time. Files that share a resource take turns by themselves: site builds
    // through the build lock (pipeline/site/lock.ts), Chromium through sharedSite.ts's browserTurn; the
    // rest use their own temporary folders.
    maxWorkers: Math.max(3, availableParallelism() + 1),
    // The longest files first, so that none of them is left running alone at the end.
    sequence: { sequencer: LongestFirst },
    // Tests that open DuckDB files, spawn the CLI or drive a browser take longer than the 5 s default,
    // and a busy 2-core machine (load 10 while other work runs) stretches them five- or sixfold: the
    // limits only catch a test that hangs, never one that is slow because the cores are shared.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
