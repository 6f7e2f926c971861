/**
 * Measures sides in the same window: one warm-up run of each, then `runs` rounds in which every
 * side gets one run in turn (A B A B …), so drift in the machine's load hits all sides alike.
 * Answers each side's runs, in the order of `sides`.
 */
export async function interleave<S, R>(
  sides: readonly S[],
  run: (side: S, seconds: number) => R | Promise<R>,
  settings: { runs: number; seconds: number; warmupSeconds: number },
  warmupSecondsOf: (side: S) => number = () => settings.warmupSeconds,
): Promise<R[][]> {
  for (const side of sides) await run(side, warmupSecondsOf(side));
  const runs: R[][] = sides.map(() => []);
  for (let round = 0; round < settings.runs; round++) {
    for (const [i, side] of sides.entries()) runs[i]?.push(await run(side, settings.seconds));
  }
  return runs;
}
