import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import LongestFirst from "./tests/setup/longest-first.ts";

/**
 * Test folders of pure functions and components (no warehouse file, child process or browser): their
 * files share a worker's module graph and DOM instead of each starting afresh. Isolating each file cost
 * these 94 CPU-s against 49 (2026-12-03, load ≈ 4: setting up jsdom and importing the pipeline per
 * file was most of it). Their tests hold no state between files: each makes its own DOM nodes, and the
 * one that changes process.env (components/snapshot.test.ts) puts it back.
 */
const SHARED_WORKER = ["components", "status", "normalise", "parse", "registry", "validate", "finder", "diff", "properties", "read", "briefing", "files"].map((d) => `tests/${d}/**/*.test.ts`);

export default defineConfig({
  test: {
    // Both projects make src/components/pipeline.js first (a run of one project alone needs it too).
    projects: [
      { extends: true, test: { name: "shared", include: SHARED_WORKER, isolate: false, globalSetup: ["tests/setup/bundle.ts"] } },
      { extends: true, test: { name: "isolated", include: ["tests/**/*.test.ts"], exclude: SHARED_WORKER, globalSetup: ["tests/setup/bundle.ts"] } },
    ],
    // Two files at a time on CI's 2 cores (Vitest's default would be one). The browser tests are one
    // file (tests/browser/chromium.test.ts, ≈ 330 s on a fresh 2-core clone) that partly waits for
    // Chromium; a third worker beside it was slower all the same (2026-12-03, fresh clones: 560 s and
    // 804 CPU-s with three, 520 s and 706 CPU-s with two): DuckDB's and Chromium's threads spend more
    // CPU when more processes share the cores. Files that share a resource take turns by themselves:
    // site builds through the build lock (pipeline/site/lock.ts); the rest use their own temporary folders.
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
