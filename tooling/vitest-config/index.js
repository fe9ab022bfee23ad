// Shared vitest preset: tests sit beside sources, workspace packages resolve to their
// TypeScript sources (the `source` export condition), so tests need no prior build.
import { defineConfig, mergeConfig } from 'vitest/config';

export const preset = defineConfig({
  resolve: {
    conditions: ['source'],
  },
  ssr: {
    resolve: {
      conditions: ['source'],
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: './test-results/vitest.json' } : undefined,
  },
});

/** Extend the preset with a package's own settings. */
export function withPreset(config = {}) {
  return mergeConfig(preset, config);
}
