import { withPreset } from '@rnnkit/vitest-config';

// The end-to-end tests in test/ spawn the built binary and train small models: give them time
// on a busy 2-core machine.
export default withPreset({
  test: {
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
