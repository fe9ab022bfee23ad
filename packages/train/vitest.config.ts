import { withPreset } from '@rnnkit/vitest-config';

// Every test file runs on the deterministic cpu backend (set up once per file).
export default withPreset({ test: { setupFiles: ['./test/tf-setup.ts'] } });
