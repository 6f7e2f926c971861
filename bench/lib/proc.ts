import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { defer } from './cleanup.ts';

export interface Child {
  pid: number;
  /** The first match of `ready` on stdout. */
  match: RegExpExecArray;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process is gone. */
  stop(): Promise<void>;
}

/**
 * Starts `node <script>` and resolves once a line of its stdout matches `ready`. stderr is kept so
 * a process that dies early explains itself.
 */
export async function startNode(
  script: string,
  options: { env: NodeJS.ProcessEnv; ready: RegExp; timeoutMs?: number },
): Promise<Child> {
  const child = spawn(process.execPath, [script], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = defer(() => terminate(child, exited));
  try {
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(
        () => reject(new Error(`${script} did not become ready in time\n${stderr}`)),
        options.timeoutMs ?? 60_000,
      );
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const m = options.ready.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited early (${signal ?? code})\n${stderr}`));
      });
    });
    // Keep draining stdout so the child never blocks on a full pipe.
    child.stdout?.resume();
    return { pid: child.pid as number, match, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Resident set size of a live process, in bytes (Linux /proc). */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system) a live process has used so far, in microseconds (Linux /proc). */
export async function cpuMicros(pid: number): Promise<number> {
  return (await processStat(pid)).cpuMicros;
}

/**
 * A live process's parent, its CPU time so far (user + system, µs) and that of its children that
 * ended and were reaped (`childrenMicros`), from one read of /proc/<pid>/stat.
 */
export async function processStat(pid: number): Promise<{ parent: number; cpuMicros: number; childrenMicros: number }> {
  ticksPerSecond ??= clockTicks();
  const perSecond = ticksPerSecond;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name: ppid is the 4th overall, utime and stime the
  // 14th and 15th, cutime and cstime (reaped children) the 16th and 17th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const micros = (a: number, b: number) => ((Number(fields[a]) + Number(fields[b])) / perSecond) * 1e6;
  return { parent: Number(fields[1]), cpuMicros: micros(11, 12), childrenMicros: micros(13, 14) };
}

function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}
