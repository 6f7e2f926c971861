/** Teardown steps (stop servers, drop databases) that must run even when a benchmark fails. */
const pending: Array<() => Promise<void>> = [];

/** Registers a teardown step; the returned function runs it now (once) and unregisters it. */
export function defer(step: () => Promise<void>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    const at = pending.indexOf(once);
    if (at >= 0) pending.splice(at, 1);
    await step();
  };
  pending.push(once);
  return once;
}

/** Runs every registered step, newest first; failures are reported, not thrown. */
export async function cleanupAll(): Promise<void> {
  while (pending.length) {
    const step = pending[pending.length - 1] as () => Promise<void>;
    try {
      await step();
    } catch (error) {
      process.stderr.write(`bench: cleanup failed: ${(error as Error).message}\n`);
      pending.pop();
    }
  }
}
