import { base } from '@rnnkit/eslint-config';

export default [...base];
