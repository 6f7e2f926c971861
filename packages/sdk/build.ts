// Builds the published package: one ESM and one CommonJS bundle (jose stays a dependency) and
// the type declarations for each, so `import` and `require` both get types.
import { execFileSync } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type BuildOptions, build } from 'esbuild';

const dist = new URL('dist/', import.meta.url).pathname;
await rm(dist, { recursive: true, force: true });
const common: BuildOptions = {
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'neutral',
  target: 'es2022',
  external: ['jose'],
  sourcemap: true,
  logLevel: 'warning',
};
await build({ ...common, format: 'esm', outfile: `${dist}esm/index.js` });
await build({ ...common, format: 'cjs', outfile: `${dist}cjs/index.js` });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// The sources import with `.ts`; published declarations point at the `.js` files beside them.
for (const file of await readdir(`${dist}types`, { recursive: true })) {
  if (!file.endsWith('.d.ts')) continue;
  const text = await readFile(`${dist}types/${file}`, 'utf8');
  await writeFile(`${dist}types/${file}`, text.replace(/(from\s+'\.{1,2}\/[^']*)\.ts'/g, "$1.js'"));
}
await cp(`${dist}types`, `${dist}esm`, { recursive: true });
await cp(`${dist}types`, `${dist}cjs`, { recursive: true });
await rm(`${dist}types`, { recursive: true });
await writeFile(`${dist}cjs/package.json`, '{ "type": "commonjs" }\n');
