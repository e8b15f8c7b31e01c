/**
 * The node flags every iplus process runs with. A V8 flag cannot be set once the process runs (this
 * one then aborts V8), so the launchers pass them: the first line of cli/bin/iplus.js (`npx iplus`),
 * `npm start`, and the tests and benchmarks that start cli/dist/main.js themselves, which import this
 * list. node-flags.test.ts checks that the launchers agree with it; `iplus start | engine | platform`
 * warns when it runs without them.
 *
 * `--single-threaded-gc`: V8 collects garbage on the main thread only, instead of also on helper
 * threads, one per core. On a machine the process shares (PostgreSQL, the engine, the other
 * instance), the helpers of a full collection took every core for 50-100 ms every few seconds and
 * stalled everything else: bench:platform, 2 cores, 2026-12-08, four pairs at 20 uploads/s,
 * PostgreSQL upload->visible p99 73-94 ms with the flag against 105-150 ms without, and CPU a decision
 * 3-5 ms lower (bench/RESULTS.md). A collection's own pause on the main thread is longer, but the
 * platform's heap is small (50-100 MB; its full collections paused it 8-24 ms either way).
 */
export const NODE_FLAGS: readonly string[] = ['--single-threaded-gc'];

/** The flags of NODE_FLAGS that this process was started without. */
export function missingNodeFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}
