// @ts-check
// Bench section 1: how late the action learns that a task finished, and how many API calls it makes,
// against a fixed-interval loop on the same emulator timeline (FINISH_S in scenarios.mjs). Every run
// goes through the recording proxy, whose clock decides when a client "knows".
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startAction } from '../runner.mjs';
import { collect, expectSuccess, KEY_INPUTS, NODE } from './processes.mjs';
import { startRecorder } from './recorder.mjs';
import { FINISH_S } from './scenarios.mjs';
import { printTable, section, seconds, signed, signedCount, summarize } from './stats.mjs';

/** @typedef {Awaited<ReturnType<typeof import('../runner.mjs').startEmulatorProcess>>} Emulator */

/** The interval both the action and the loop are given. */
const INTERVAL_MS = 5_000;

/**
 * Runs the action and the loop `runs` times each, all at once, and prints the medians.
 * @param {object} bench
 * @param {Emulator} bench.emulator  serving mainScenario(runs)
 * @param {string} bench.fixedLoopScript  the bundled scripts/bench/fixed-loop.ts
 * @param {number} bench.runs
 */
export async function benchLatency({ emulator, fixedLoopScript, runs }) {
  section(
    `1. Detection latency and API calls: the action vs a fixed ${INTERVAL_MS / 1000} s loop`,
    `A task done ${FINISH_S} s after its first request (TotalDuration ${FINISH_S}, CurDuration +1 each second, Percentage linear),`,
    `interval ${INTERVAL_MS / 1000}s. ${runs} runs of each, all at once, each on its own task of one emulator, behind a recording`,
    `proxy. "Late by": from the finish (${FINISH_S} s after the task's first request reached the proxy; the emulator's clock`,
    'starts a fraction of a millisecond later, so this errs late) to the answer of the final poll leaving the proxy.',
    `The loop is the same signed client (createUdtsClient) polling, then sleeping ${INTERVAL_MS / 1000} s, until Done.`,
  );
  const recorder = await startRecorder(emulator.url);
  const started = [];
  for (let i = 1; i <= runs; i += 1) {
    started.push(timeAction(`eta-action-${i}`, recorder.url), timeFixedLoop(`eta-fixed-${i}`, recorder.url, fixedLoopScript));
  }
  const finished = await Promise.all(started).finally(() => recorder.close());
  const stats = await emulator.stats();

  /** @param {'action' | 'fixed'} kind */
  const measure = (kind) =>
    finished.filter((run) => run.kind === kind).map((run) => {
      const exchanges = recorder.exchanges(run.taskId);
      const first = exchanges[0];
      const last = exchanges.at(-1);
      if (first === undefined || last === undefined) throw new Error(`${run.taskId}: no request reached the emulator`);
      if (stats.byTask[run.taskId] !== exchanges.length) {
        throw new Error(`${run.taskId}: the emulator counted ${stats.byTask[run.taskId]} requests, the proxy ${exchanges.length}`);
      }
      const finishAt = first.arrivedAt + FINISH_S * 1_000;
      return {
        knowsAfterMs: last.answeredAt - first.arrivedAt,
        lateMs: last.answeredAt - finishAt,
        calls: exchanges.length,
        exitLateMs: run.exitedAt - finishAt,
      };
    });
  const actionRuns = measure('action');
  const fixedRuns = measure('fixed');
  const action = summarize(actionRuns);
  const fixed = summarize(fixedRuns);

  printTable(
    ['', 'knows at', 'late by', 'API calls', 'exits after finish'],
    [
      ['action (dist/index.js)', seconds(action.knowsAfterMs), seconds(action.lateMs), String(action.calls), `+${seconds(action.exitLateMs)}`],
      [`fixed ${INTERVAL_MS / 1000} s loop (baseline)`, seconds(fixed.knowsAfterMs), seconds(fixed.lateMs), String(fixed.calls), `+${seconds(fixed.exitLateMs)}`],
      ['action - loop', signed(action.knowsAfterMs - fixed.knowsAfterMs), signed(action.lateMs - fixed.lateMs), signedCount(action.calls - fixed.calls), ''],
    ],
  );
  const met = action.lateMs <= 1_000 && action.calls <= fixed.calls + 2;
  console.log(`   Target (late by at most 1 s, at most 2 calls more than the loop): ${met ? 'met' : 'NOT met'}.`);
  console.log(`   Per run, action late by: ${actionRuns.map((r) => seconds(r.lateMs)).join(', ')}; loop: ${fixedRuns.map((r) => seconds(r.lateMs)).join(', ')}.`);
}

/**
 * Runs the action on one task to its end, as the runner does.
 * @param {string} taskId
 * @param {string} apiUrl
 */
async function timeAction(taskId, apiUrl) {
  const { child, done } = startAction({
    // history off: its one GetUDTSTaskHistory call at the end is not a poll, and would be counted and timed as one.
    inputs: { 'task-id': taskId, ...KEY_INPUTS, 'api-url': apiUrl, interval: `${INTERVAL_MS / 1000}s`, timeout: '2m', history: 'false' },
    node: NODE,
  });
  const [run] = await Promise.all([done, once(child, 'exit')]);
  const exitedAt = performance.now();
  expectSuccess(run, taskId);
  return { kind: /** @type {const} */ ('action'), taskId, exitedAt };
}

/**
 * Runs the fixed-interval baseline on one task to its end.
 * @param {string} taskId
 * @param {string} apiUrl
 * @param {string} script
 */
async function timeFixedLoop(taskId, apiUrl, script) {
  const child = spawn(NODE, [script], {
    env: { PATH: process.env.PATH ?? '', BENCH_API_URL: apiUrl, BENCH_TASK_ID: taskId, BENCH_INTERVAL_MS: String(INTERVAL_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { code, stdout, stderr } = await collect(child);
  const exitedAt = performance.now();
  if (code !== 0 || !stdout.includes('"status":"Done"')) throw new Error(`fixed loop on ${taskId} failed (${code}): ${stderr || stdout}`);
  return { kind: /** @type {const} */ ('fixed'), taskId, exitedAt };
}
