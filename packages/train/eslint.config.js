import { base } from '@rnnkit/eslint-config';

export default [
  ...base,
  {
    // Example scripts run under Node.
    files: ['examples/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly' } },
  },
];
