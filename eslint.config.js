import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Other tools' config files, read by the importers' tests as they are written in the wild.
    ignores: [
      'node_modules',
      '.wrangler',
      'worker-configuration.d.ts',
      'test-results',
      'test/fixtures/import',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
);
