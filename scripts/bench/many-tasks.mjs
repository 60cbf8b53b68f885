// @ts-check
// Bench section 3: one action run waiting on MANY_TASKS tasks from a slow API (each request answered
// in API_LATENCY_MS): wall time, the round of requests, calls, most in flight and peak memory, against
// a single-task run; peak memory also on the system's Node 20 when npm runs on it.
import { runAction, startEmulatorProcess } from '../runner.mjs';
import { expectSuccess, KEY_INPUTS, NODE, otherSystemNode } from './processes.mjs';
import { startRecorder } from './recorder.mjs';
import { doneData } from './scenarios.mjs';
import { mebibytes, printTable, ratio, section, seconds, summarize } from './stats.mjs';

/** How many tasks one run waits on. */
const MANY_TASKS = 100;
/** How long the emulator takes to answer each request. */
const API_LATENCY_MS = 100;

/**
 * Runs the many-task and the single-task action `runs` times each, on fresh emulators, and prints the medians.
 * @param {object} bench
 * @param {import('./processes.mjs').Workspace} bench.workspace  for the scenario file and the maxRSS preload
 * @param {number} bench.runs
 * @param {{ coreRssBytes: number }} bench.floor  section 2's figures
 */
export async function benchManyTasks({ workspace, runs, floor }) {
  section(
    `3. ${MANY_TASKS} tasks, the API answering each request in ${API_LATENCY_MS} ms (all already Done: one request each)`,
    `${runs} runs, each on a fresh emulator (latencyMs: ${API_LATENCY_MS}) behind the recording proxy. "Round": from the first`,
    'request reaching the proxy to the last answer leaving it. Peak memory: the action process\'s maxRSS,',
    'written at exit by a preload (NODE_OPTIONS=--require) from process.resourceUsage(). "Most in flight"',
    'and the per-task counts are the emulator\'s own stats. The single-task run is the baseline for memory.',
  );
  const taskIds = Array.from({ length: MANY_TASKS }, (_, i) => `many-${String(i + 1).padStart(3, '0')}`);
  const scenarioFile = workspace.writeScenario('many', manyScenario(taskIds));

  const many = [];
  const single = [];
  for (let i = 0; i < runs; i += 1) {
    const emulator = await startEmulatorProcess(scenarioFile, { node: NODE, quiet: true });
    const recorder = await startRecorder(emulator.url);
    try {
      const run = await runMeasured(workspace, taskIds, recorder.url);
      const stats = await emulator.stats();
      const exchanges = recorder.all();
      if (run.outputs.polls !== String(MANY_TASKS)) throw new Error(`the action reported ${run.outputs.polls} polls`);
      many.push({
        wallMs: run.durationMs,
        roundMs: Math.max(...exchanges.map((e) => e.answeredAt)) - Math.min(...exchanges.map((e) => e.arrivedAt)),
        calls: stats.requests,
        mostForOneTask: Math.max(...Object.values(stats.byTask)),
        maxInFlight: stats.maxInFlight,
        maxRssBytes: run.maxRssBytes,
      });
      const one = await runMeasured(workspace, ['single'], recorder.url);
      single.push({ wallMs: one.durationMs, calls: recorder.exchanges('single').length, maxRssBytes: one.maxRssBytes });
    } finally {
      await recorder.close();
      await emulator.stop();
    }
  }
  // The same runs' peak memory on the system's Node 20, where the runtime itself is smaller.
  const systemNode = otherSystemNode();
  const many20 = [];
  const single20 = [];
  if (systemNode) {
    const emulator = await startEmulatorProcess(scenarioFile, { node: NODE, quiet: true });
    try {
      for (let i = 0; i < runs; i += 1) {
        many20.push({ maxRssBytes: (await runMeasured(workspace, taskIds, emulator.url, systemNode)).maxRssBytes });
        single20.push({ maxRssBytes: (await runMeasured(workspace, ['single'], emulator.url, systemNode)).maxRssBytes });
      }
    } finally {
      await emulator.stop();
    }
  }
  const m = summarize(many);
  const s = summarize(single);
  const oneAtATimeMs = m.calls * API_LATENCY_MS;
  printTable(
    ['', `${MANY_TASKS} tasks`, '1 task', 'ratio'],
    [
      ['wall time (spawn to exit)', seconds(m.wallMs), seconds(s.wallMs), ratio(m.wallMs, s.wallMs)],
      ['round (first request to last answer)', seconds(m.roundMs), '', ''],
      ['API calls (most for one task)', `${m.calls} (${m.mostForOneTask})`, String(s.calls), ''],
      ['most requests in flight', String(m.maxInFlight), '', ''],
      ['peak memory (maxRSS)', mebibytes(m.maxRssBytes), mebibytes(s.maxRssBytes), ratio(m.maxRssBytes, s.maxRssBytes)],
      ...(many20.length > 0
        ? [[
            'peak memory on Node 20',
            mebibytes(summarize(many20).maxRssBytes),
            mebibytes(summarize(single20).maxRssBytes),
            ratio(summarize(many20).maxRssBytes, summarize(single20).maxRssBytes),
          ]]
        : []),
    ],
  );
  console.log(`   One request at a time would take ${m.calls} calls x ${API_LATENCY_MS} ms = ${seconds(oneAtATimeMs, 1)} (computed, not run: no input sets`);
  console.log(`   the in-flight limit); the round took ${seconds(m.roundMs)}, ${ratio(oneAtATimeMs, m.roundMs)} faster.`);
  const mark = (/** @type {boolean} */ ok) => (ok ? 'met' : 'NOT met');
  console.log(`   Targets: round about 1.5 s (at most 1.75 s): ${mark(m.roundMs <= 1_750)}; at most 8 in flight: ${mark(m.maxInFlight <= 8)};`
    + ` no task polled after it finished: ${mark(m.mostForOneTask === 1)}; peak memory at most 64 MiB: ${mark(m.maxRssBytes <= 64 * 1_048_576)} on Node 24`
    + (many20.length > 0 ? `, ${mark(summarize(many20).maxRssBytes <= 64 * 1_048_576)} on Node 20` : '')
    + `\n   (an @actions/core-only bundle alone peaks at ${mebibytes(floor.coreRssBytes)}, section 2).`);
}

/**
 * Runs the action on `taskIds`, with its peak memory.
 * @param {import('./processes.mjs').Workspace} workspace
 * @param {string[]} taskIds
 * @param {string} apiUrl
 * @param {string} [node]  the node binary (default: the one action.yml declares, Node 24)
 */
async function runMeasured(workspace, taskIds, apiUrl, node = NODE) {
  const inputs = { 'task-id': taskIds.join(','), ...KEY_INPUTS, 'api-url': apiUrl, interval: '5s', timeout: '2m' };
  const { result: run, maxRssBytes } = await workspace.withMaxRss((env) => runAction({ inputs, env, node }));
  expectSuccess(run, taskIds.length === 1 ? taskIds[0] ?? '' : `${taskIds.length} tasks`);
  return { ...run, maxRssBytes };
}

/**
 * The many tasks plus 'single' (the baseline run), all already Done, on a slow API.
 * @param {string[]} taskIds
 */
function manyScenario(taskIds) {
  /** @type {Record<string, unknown>} */
  const tasks = { single: { steps: [{ data: doneData() }] } };
  for (const taskId of taskIds) tasks[taskId] = { steps: [{ data: doneData() }] };
  return { description: 'udts-wait bench: many tasks', latencyMs: API_LATENCY_MS, tasks };
}
