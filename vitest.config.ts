import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Tests that open DuckDB files or spawn the CLI take longer than the 5 s default on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
