import { base } from '@rnnkit/eslint-config';

export default [
  ...base,
  { ignores: ['api/**', 'test-artifacts/**', 'public/**'] },
  {
    // Plain Node scripts.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
];
