import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

// Layers (DESIGN.md): a layer imports only the layers below it.
const layers = ['internal', 'model', 'normalize', 'channels', 'match', 'resolve', 'timeline', 'cli'];
// Classic zod costs ~90 KiB gzip in any bundle that touches it; zod/mini ~4 KiB.
const zodPaths = [
  { name: 'zod', message: "use 'zod/mini' (classic zod adds ~90 KiB gzip to every bundle)" },
  { name: 'zod/v4', message: "use 'zod/mini'" },
];
const layerRules = layers.map((layer, index) => {
  // src/internal holds shared helpers; it may use the model's Issue/Result/error types.
  const above = layers.slice(index + 1).filter((l) => !(layer === 'internal' && l === 'model'));
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: zodPaths,
          patterns: [
            ...above.map((l) => ({ group: [`**/${l}/**`, `../${l}`, `../../${l}`], message: `src/${layer} must not import the higher layer src/${l}` })),
            ...(layer === 'cli' ? [] : [{ group: ['node:*', 'fs', 'path', 'os', 'worker_threads'], message: 'the core is pure: Node built-ins only in src/cli' }]),
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'docs/api/**', 'node_modules/**', 'coverage/**', 'test-dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  regexp.configs['flat/recommended'],
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/consistent-type-exports': 'off',
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'no-console': 'error',
    },
  },

  ...layerRules,
  { files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'demo/**/*.ts', 'test/**/*.ts', '*.ts', '*.js'], rules: { 'no-console': 'off' } },
);
