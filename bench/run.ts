import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchmarks } from './benches/index.ts';
import type { Settings } from './lib/bench.ts';
import { cleanupAll } from './lib/cleanup.ts';
import { type EngineName, findPostgres } from './lib/engines.ts';
import { render } from './lib/format.ts';

const usage = `usage: pnpm bench [-- <name>…] [--engine pglite|postgres] [--runs N] [--seconds N] [--list]

Runs every benchmark (or the named ones) in sequence and prints one table per benchmark.
PostgreSQL is used when DATABASE_URL is set or scripts/postgres-up.sh can start a server.`;

async function main(): Promise<number> {
  // `pnpm bench -- x` passes the `--` through; drop it so options after it still parse.
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      engine: { type: 'string', multiple: true },
      runs: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '5' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.list) {
    for (const b of benchmarks) process.stdout.write(`${b.name.padEnd(12)} ${b.describe}\n`);
    return 0;
  }
  const unknown = positionals.filter((p) => !benchmarks.some((b) => b.name === p));
  if (unknown.length) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; try --list\n`);
    return 2;
  }
  const selected = positionals.length ? benchmarks.filter((b) => positionals.includes(b.name)) : benchmarks;

  const wanted = new Set((values.engine ?? ['pglite', 'postgres']).flatMap((e) => e.split(',')));
  for (const e of wanted) {
    if (e !== 'pglite' && e !== 'postgres') {
      process.stderr.write(`unknown engine ${e}\n`);
      return 2;
    }
  }
  const engines: EngineName[] = [];
  if (wanted.has('pglite')) engines.push('pglite');
  let postgresUrl: string | undefined;
  let postgresNote = 'not requested';
  if (wanted.has('postgres')) {
    const pg = await findPostgres();
    if ('url' in pg) {
      postgresUrl = pg.url;
      engines.push('postgres');
      postgresNote = `${new URL(pg.url).host} (own database per benchmark, dropped after)`;
    } else {
      postgresNote = `skipped — ${pg.skipped}`;
    }
  }
  if (!engines.length) {
    process.stderr.write('no engine to run on\n');
    return 1;
  }

  const pkg = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));
  const settings: Settings = {
    runs: positiveInt(values.runs, 'runs'),
    seconds: positiveInt(values.seconds, 'seconds'),
    warmupSeconds: 1,
    engines,
    postgresUrl,
    autocannon: pkg.dependencies.autocannon,
  };

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    [
      '# Qeet ID benchmarks',
      `node ${process.version}, ${availableParallelism()} vCPU (${cpu}), load average ${loadavg()[0]?.toFixed(2)} at start`,
      `engines: pglite${wanted.has('pglite') ? '' : ' (not requested)'}; PostgreSQL: ${postgresNote}`,
      'shared machine: other jobs may run alongside, so compare ratios from the same run, not absolute figures',
      '',
    ].join('\n'),
  );

  let failed = 0;
  for (const bench of selected) {
    const started = performance.now();
    process.stderr.write(`bench: ${bench.name} …\n`);
    try {
      for (const table of await bench.run(settings)) process.stdout.write(render(table));
      process.stdout.write(
        `  (${bench.name}: ${((performance.now() - started) / 1000).toFixed(0)} s, load average now ${loadavg()[0]?.toFixed(2)})\n`,
      );
    } catch (error) {
      failed++;
      process.stdout.write(`\n## ${bench.name} FAILED\n\n  ${(error as Error).stack ?? error}\n`);
    } finally {
      await cleanupAll();
    }
  }
  return failed ? 1 : 0;
}

function positiveInt(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanupAll().finally(() => process.exit(130));
  });
}

try {
  process.exitCode = await main();
} finally {
  await cleanupAll();
}
