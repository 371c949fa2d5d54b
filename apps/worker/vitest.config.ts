import { defineConfig } from "vitest/config"

// Tests here start real servers, databases and git processes: on a loaded 2-core machine (CI runs
// every package at once) a few seconds is not enough for a whole scenario.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } })
