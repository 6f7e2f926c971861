/**
 * Runs the calls made during one event-loop turn together, as one statement (its own
 * transaction). Ceremonies and sign-ins arrive together under load: under the P8 bench's 16
 * clients a turn brings about three of a kind, and a statement's fixed cost (driver, socket write,
 * server round, commit) outweighs the work of each row.
 *
 * `runBatch` answers its inputs in order. When the server refuses a batch of several (severity
 * ERROR: its transaction rolled back, the connection lives on), each input runs again alone, so
 * that a failure is only its own caller's; a batch that fails otherwise (the connection lost)
 * fails every caller of the turn.
 */
export function turnBatch<In, Out>(runBatch: (inputs: In[]) => Promise<Out[]>): (input: In) => Promise<Out> {
  let pending: Waiting<In, Out>[] | undefined;
  return (input) =>
    new Promise<Out>((resolve, reject) => {
      if (!pending) {
        const batch: Waiting<In, Out>[] = [];
        pending = batch;
        // After the I/O of this turn: every request it delivered has asked by then.
        setImmediate(() => {
          pending = undefined;
          settle(runBatch, batch);
        });
      }
      pending.push({ input, resolve, reject });
    });
}

interface Waiting<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

async function settle<In, Out>(runBatch: (inputs: In[]) => Promise<Out[]>, batch: Waiting<In, Out>[]) {
  try {
    const outputs = await runBatch(batch.map((w) => w.input));
    for (const [i, w] of batch.entries()) w.resolve(outputs[i] as Out);
  } catch (error) {
    if (batch.length === 1 || !refusedByServer(error)) {
      for (const w of batch) w.reject(error);
      return;
    }
    for (const w of batch) runBatch([w.input]).then(([output]) => w.resolve(output as Out), w.reject);
  }
}

/**
 * PostgreSQL answered the statement with an ErrorResponse of severity ERROR (frontend/backend
 * protocol, "Error and Notice Message Fields"); both drivers pass its fields on.
 */
function refusedByServer(error: unknown): boolean {
  return (error as { severity?: unknown } | null)?.severity === 'ERROR';
}
