// Lint rules. The one that matters most: the host core stays runtime-neutral (no Node modules,
// no Node globals), so it runs in browsers, Deno and Bun as well as Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  // AssemblyScript (the guest library, fixtures) is TypeScript syntax with its own types and decorators.
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/cli/templates/**', '**/*.d.ts', 'packages/build/pdk/**', 'test/fixtures/servlets-as/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['packages/host/src/**/*.ts', 'packages/sdk/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeModules.map((name) => ({ name, message: 'The host core and the guest SDK are runtime-neutral: keep Node code in @mcp-wasm/node.' })) },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate', 'module'].map((name) => ({
          name,
          message: 'The host core and the guest SDK are runtime-neutral: this is a Node global.',
        })),
      ],
    },
  },
);
