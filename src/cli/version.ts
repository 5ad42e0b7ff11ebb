import { createRequire } from 'node:module';

/** The package version, read from package.json at run time so it never drifts. */
export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'omnilink' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // try the next location: dist/cli.js and src/cli/version.ts sit at different depths
    }
  }
  return '0.0.0';
}
