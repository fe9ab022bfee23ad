import { withPreset } from '@rnnkit/vitest-config';

export default withPreset();
