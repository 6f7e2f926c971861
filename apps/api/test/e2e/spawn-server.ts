import { type ChildProcess, spawn } from 'node:child_process';

export interface ServerProcess {
  url: string;
  output: () => string;
  /** SIGTERM, then the exit code once the process has exited (at once if it already has). */
  stop(): Promise<number | null>;
}

/** `node src/main.ts` on a free loopback port; resolves once the banner names the port. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['src/main.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 45_000);
    const poll = setInterval(() => {
      const m = /running on http:\/\/localhost:(\d+)/.exec(output);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      } else if (child.exitCode !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`server exited with ${child.exitCode}:\n${output}`));
      }
    }, 50);
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once('exit', r));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** One request to a spawned server, with a JSON body when given; the JSON answer parsed. */
export async function call(
  server: ServerProcess,
  method: string,
  path: string,
  { authorization, body }: { authorization?: string; body?: unknown } = {},
) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(authorization ? { authorization } : {}),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * Polls `probe` until it answers something truthy, and returns that. Each try waits 100 ms, so
 * a probe that signs in stays under the per-account login limit.
 */
export async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`never happened within 10 s: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The PostgreSQL server of a `*.pg.test.ts` file. Those files need several processes on one
 * database, which PGlite cannot be; vitest.config.ts only collects them when DATABASE_URL is set.
 */
export function postgresUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('*.pg.test.ts files run on PostgreSQL only: set DATABASE_URL');
  return url;
}
