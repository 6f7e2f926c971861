import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { openDb } from '@qeetid/db';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './deps.ts';

const config = loadConfig();
const log = pino({ level: config.logLevel, base: { service: 'qeetid-api' } });

await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
const db = await openDb(
  config.databaseUrl
    ? { url: config.databaseUrl, poolSize: config.dbPoolSize }
    : { dataDir: join(config.dataDir, 'pgdata') },
);
const tokenFile = join(config.dataDir, 'admin-token');
const created = await bootstrap(db, {
  adminEmail: config.adminEmail,
  persistToken: (token) => writeFile(tokenFile, `${token}\n`, { mode: 0o600 }),
});

const app = createApp(await createDeps({ db, config, log }));
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  log.info({ port: info.port, engine: db.engine }, 'listening');
  const url = `http://localhost:${info.port}`;
  const lines = [
    '',
    `  Qeet ID is running on ${url} (database: ${db.engine === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})`,
  ];
  if (created) {
    lines.push(
      `  First start: created tenant "Default" and its owner ${config.adminEmail}.`,
      `  Admin token (personal access token) written to ${tokenFile} (mode 0600).`,
      '',
      '  Create an API key with it:',
      `    curl -X POST ${url}/v1/api-keys \\`,
      `      -H "Authorization: Bearer $(cat ${tokenFile})" \\`,
      `      -H "Content-Type: application/json" -d '{"name":"backend"}'`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: draining connections');
  server.close(async () => {
    await db.close();
    log.info('stopped');
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
