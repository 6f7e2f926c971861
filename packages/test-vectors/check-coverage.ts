// Fails unless every SDK ran every vector. Each SDK's vector test writes the names it ran, one
// per line (`tokens/<name>` or `errors/<name>`), to `<dir>/<sdk>.txt` when QEETID_VECTOR_REPORT_DIR
// is set; scripts/ci/sdks.sh then runs this over that directory.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const SDKS = ['typescript', 'go', 'python'];
const dir = process.argv[2];
if (!dir) throw new Error('usage: node check-coverage.ts <report dir>');
const vectors = JSON.parse(await readFile(new URL('vectors.json', import.meta.url), 'utf8')) as {
  tokens: { name: string }[];
  errors: { name: string }[];
};
const all = [...vectors.tokens.map((c) => `tokens/${c.name}`), ...vectors.errors.map((c) => `errors/${c.name}`)];
let failed = false;
for (const sdk of SDKS) {
  const ran = new Set(
    (await readFile(join(dir, `${sdk}.txt`), 'utf8').catch(() => ''))
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  const missing = all.filter((name) => !ran.has(name));
  if (missing.length > 0) {
    failed = true;
    console.error(`${sdk}: did not run ${missing.length} vector(s): ${missing.join(', ')}`);
  } else {
    console.log(`${sdk}: ran all ${all.length} vectors`);
  }
}
if (failed) process.exit(1);
