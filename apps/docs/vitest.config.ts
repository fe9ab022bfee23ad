import { withPreset } from '@rnnkit/vitest-config';

// Browser tests: one build and one static server for all files (global setup), files one after
// another so two Chromiums never compete for the 2 cores.
export default withPreset({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
