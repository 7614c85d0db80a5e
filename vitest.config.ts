import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/bundle.ts"],
    // Tests that open DuckDB files, spawn the CLI or drive a browser take longer than the 5 s default.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
