import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defer } from './cleanup.ts';
import { createDatabase, type EngineName, repoRoot } from './engines.ts';
import { startNode } from './proc.ts';

export interface ApiServer {
  engine: EngineName;
  /** The current server process. */
  pid: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The admin personal access token written at first start. */
  adminToken: string;
  /**
   * Stops the process and starts a new one on the same data directory / database (no
   * bootstrap); `whileStopped` runs in between (e.g. seeding the embedded database directly).
   */
  restart(whileStopped?: () => Promise<void>): Promise<void>;
  /** Where the data lives: the embedded database directory, or the PostgreSQL URL. */
  storage: { dataDir: string } | { url: string };
  /** Stops the process and removes its data directory / database. */
  stop(): Promise<void>;
}

/**
 * Starts the real server (`node apps/api/src/main.ts`) on a fresh data directory, and for
 * PostgreSQL on a fresh database, listening on a free loopback port, logging warnings only.
 */
export async function startApi(engine: EngineName, postgresServerUrl?: string): Promise<ApiServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'qeet-bench-'));
  const removeDir = defer(() => rm(dataDir, { recursive: true, force: true }));
  const database = engine === 'postgres' ? await createDatabase(required(postgresServerUrl)) : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    QEETID_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  delete env.DATABASE_URL;
  if (database) env.DATABASE_URL = database.url;
  const launch = () =>
    startNode(join(repoRoot, 'apps/api/src/main.ts'), { env, ready: /running on http:\/\/[^:\s]+:(\d+)/ });
  try {
    let child = await launch();
    const adminToken = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    const server: ApiServer = {
      engine,
      pid: child.pid,
      url: `http://127.0.0.1:${child.match[1]}`,
      adminToken,
      storage: database ? { url: database.url } : { dataDir: join(dataDir, 'pgdata') },
      async restart(whileStopped) {
        await child.stop();
        await whileStopped?.();
        child = await launch();
        server.pid = child.pid;
        server.url = `http://127.0.0.1:${child.match[1]}`;
      },
      async stop() {
        await child.stop();
        await database?.drop();
        await removeDir();
      },
    };
    return server;
  } catch (error) {
    await database?.drop();
    await removeDir();
    throw error;
  }
}

function required(url: string | undefined): string {
  if (!url) throw new Error('PostgreSQL engine needs a server URL');
  return url;
}

/** JSON request against the API (anonymous without `auth`); throws on an unexpected status. */
export async function call<T>(
  server: ApiServer,
  method: string,
  path: string,
  options: { auth?: string; body?: unknown; expect: number },
): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(options.auth ? { authorization: options.auth } : {}), 'content-type': 'application/json' },
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  const text = await res.text();
  if (res.status !== options.expect) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A fresh API key (all scopes) of the server's first tenant, as an Authorization value. */
export async function createApiKey(server: ApiServer): Promise<string> {
  const created = await call<{ key: string }>(server, 'POST', '/v1/api-keys', {
    auth: `Bearer ${server.adminToken}`,
    body: { name: 'bench' },
    expect: 201,
  });
  return `ApiKey ${created.key}`;
}
