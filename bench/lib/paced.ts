import { connect, type Socket } from 'node:net';
import type { LoadRun, LoadSpec } from './load.ts';
import { cpuMicros } from './proc.ts';
import { percentile } from './stats.ts';

interface Pending {
  resolve: (status: number, body: string) => void;
}

/**
 * One keep-alive HTTP/1.1 connection, one request at a time, responses read by Content-Length
 * (every answer of our server carries it). Deliberately bare: a load generator that spends
 * 150 µs per request (fetch, undici) takes a core away from the server it is measuring.
 */
function connection(port: number, onIdle: (c: Connection) => void): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let pending: Pending | null = null;
    const c = {
      send(request: Buffer, done: Pending) {
        pending = done;
        socket.write(request);
      },
      close: () => socket.destroy(),
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0 || !pending) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? Number.NaN);
      if (Number.isNaN(length)) throw new Error(`response without Content-Length: ${head.split('\r\n')[0]}`);
      if (buffer.length < end + 4 + length) return;
      const body = buffer.subarray(end + 4, end + 4 + length).toString();
      buffer = buffer.subarray(end + 4 + length);
      const done = pending;
      pending = null;
      done.resolve(Number(head.slice(9, 12)), body);
      onIdle(c);
    });
    socket.once('connect', () => resolve(c));
    socket.once('error', reject);
  });
}
type Connection = { send(request: Buffer, done: Pending): void; close(): void };

/**
 * A closed-loop client on one of those connections: one request at a time, JSON bodies, for
 * benchmarks whose client does work between requests (the passkey flow signs each challenge).
 */
export async function keepAliveClient(base: string) {
  const url = new URL(base);
  if (url.hostname !== '127.0.0.1') throw new Error(`load goes to loopback only, not ${url.hostname}`);
  const c = await connection(Number(url.port), () => {});
  return {
    post(path: string, body?: unknown): Promise<{ status: number; body: string }> {
      const request = requestBytes(
        { url: base, method: 'POST', path, ...(body === undefined ? {} : { body: () => JSON.stringify(body) }) },
        url.host,
      );
      return new Promise((resolve) => c.send(request, { resolve: (status, text) => resolve({ status, body: text }) }));
    },
    close: c.close,
  };
}

function requestBytes(spec: LoadSpec, host: string): Buffer {
  const body = spec.body?.() ?? '';
  const headers = {
    host,
    ...spec.headers,
    // A POST without a body still declares its length, as browsers do (RFC 9110 §8.6).
    ...(body ? { 'content-type': 'application/json' } : {}),
    ...(body || spec.method === 'POST' ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
  };
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return Buffer.from(
    `${spec.method ?? 'GET'} ${spec.pathFor?.() ?? spec.path} HTTP/1.1\r\n${lines.join('')}\r\n${body}`,
  );
}

/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate, evenly spaced, and goes
 * out when due whether or not earlier ones have answered. Beyond `connections` in flight,
 * requests wait for a free connection, and that wait counts as latency: a stalled server is not
 * flattered (no coordinated omission). Timers tick once a millisecond; latency runs from the
 * tick that released a request. autocannon's overallRate sends each second's quota back to back
 * and then idles, which measures bursts at full speed instead of a steady load.
 */
export async function paced(spec: LoadSpec & { rate: number }, seconds: number): Promise<LoadRun> {
  const url = new URL(spec.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`load goes to loopback only, not ${url.hostname}`);
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  const waiting: { request: Buffer; queued: number }[] = [];
  const idle: Connection[] = [];
  let answered = 0;
  const dispatch = (c: Connection) => {
    const next = waiting.shift();
    if (!next) {
      idle.push(c);
      return;
    }
    c.send(next.request, {
      resolve: (status, body) => {
        latencies.push(performance.now() - next.queued);
        if (status >= 200 && status < 300) ok++;
        else non2xx++;
        answered++;
        spec.onResponse?.(status, body);
      },
    });
  };
  const connections = await Promise.all(
    Array.from({ length: spec.connections ?? 10 }, () => connection(Number(url.port), dispatch)),
  );
  idle.push(...connections);

  const cpuBefore = spec.pid ? await cpuMicros(spec.pid) : Number.NaN;
  const start = performance.now();
  const total = Math.round(spec.rate * seconds);
  const interval = 1000 / spec.rate;
  let due = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      while (due < total && start + due * interval <= now) {
        due++;
        waiting.push({ request: requestBytes(spec, url.host), queued: now });
        const free = idle.pop();
        if (free) dispatch(free);
      }
      // Done when everything answered; a connection lost for good shows as missing answers.
      if (answered >= total || now > start + (seconds + 30) * 1000) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  const elapsed = (performance.now() - start) / 1000;
  const cpuUsed = spec.pid ? (await cpuMicros(spec.pid)) - cpuBefore : Number.NaN;
  for (const c of connections) c.close();
  latencies.sort((a, b) => a - b);
  return {
    rps: ok / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuUs: cpuUsed / ok,
    non2xx,
    errors: total - answered,
  };
}
