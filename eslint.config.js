import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'tests/e2e/__screenshots__/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'No eval: extension pages forbid it.' },
        { selector: "NewExpression[callee.name='Function']", message: 'No new Function: extension pages forbid it.' },
      ],
    },
  },
  {
    // The core is pure: it runs in Node, the worker and pages alike.
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['webextension-polyfill', 'tldts'], patterns: ['../background/*', '../popup/*', '../shared/*'] },
      ],
      'no-restricted-globals': ['error', 'browser', 'chrome', 'document', 'window'],
    },
  },
);
