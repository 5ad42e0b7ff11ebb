import { defineConfig } from 'tsup';

// The library: ESM + CJS + declarations, one file per entry point, no shared chunks
// that could run anything at import time.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { composite: false } },
    tsconfig: 'tsconfig.build.json',
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    sourcemap: true,
    clean: true,
    treeshake: true,
  },
  {
    // The CLI is the only Node-only part; it ships as one ESM file with a shebang.
    // match-worker: the worker_threads entry of the match worker pool (src/cli/worker-pool.ts).
    entry: { cli: 'src/cli/main.ts', 'match-worker': 'src/cli/match-worker.ts' },
    format: ['esm'],
    tsconfig: 'tsconfig.build.json',
    target: 'node20',
    platform: 'node',
    splitting: false,
    sourcemap: true,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
