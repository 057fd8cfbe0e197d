// Lint rules: typescript-eslint's type-aware recommended set, plus the house rule that
// process.env is read in one place only (packages/cli/src/config.ts and packages/server's config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'packages/web/dist/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // Control-character classes are how input containing them is refused; they are deliberate.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['packages/{model,matching,resolution,screening,graph,policy,audit}/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@mosaic/store', '@mosaic/server', '@mosaic/cli', '@mosaic/web'], message: 'domain packages import no store, server, cli or web code' },
        { group: ['@mosaic/*/src/*', '../../*/src/*'], message: 'import another package through its index only' },
      ] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'domain code reads no process state; take it as a parameter' }],
    },
  },
  {
    files: ['packages/*/bin/*.js', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
