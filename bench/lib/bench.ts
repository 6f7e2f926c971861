import type { EngineName } from './engines.ts';
import type { Table } from './format.ts';

export interface Settings {
  /** Measured runs per figure; the median is reported. */
  runs: number;
  /** Length of one measured run. */
  seconds: number;
  warmupSeconds: number;
  /** Engines to run on, in order; 'postgres' only when a server was found. */
  engines: EngineName[];
  /** PostgreSQL server URL on which each benchmark creates (and drops) its own database. */
  postgresUrl: string | undefined;
  /** Version of autocannon from bench/package.json, for the tables. */
  autocannon: string;
}

/** One file in benches/, registered in benches/index.ts. */
export interface Benchmark {
  /** What `pnpm bench -- <name>` selects. */
  name: string;
  /** One line for `--list`. */
  describe: string;
  /** Prints nothing itself; returns its tables. */
  run(settings: Settings): Promise<Table[]>;
}
