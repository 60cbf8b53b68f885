// @ts-check
// `npm run bench`: how fast the action learns that a task finished and what it costs on the way,
// measured against baselines run in the same go, on this machine. Prints medians over several runs:
//   1. detection latency and API calls: the action vs a fixed-interval loop, same emulator timeline;
//   2. a one-poll run: the bundle vs a bundle that only loads @actions/core vs bare `node -e 0`;
//   3. 100 tasks answering in 100 ms each: wall time, calls, most requests in flight, peak memory;
//   4. memory after 1,000 and 5,000 polls of the real waiter and client.
// It measures dist/index.js as it is: run `npm run bundle` first after changing src/.
// Nothing here asserts a time limit; it checks only that each run did what it should (else it stops).
// Options: --runs N (default 5): runs of section 1; section 2 makes 2N+1, sections 3 and 4 max(3, N/2).
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { runAction, startAction } from './runner.mjs';
import { startEmulator, startRecorder } from './bench/recorder.mjs';

const NODE = process.execPath;
const ACTION = resolve('dist/index.js');
const KEYS = { 'public-key': 'demo-public-key', 'private-key': 'demo-private-key' };

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(options.runs);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 50) throw new Error(`--runs '${options.runs}': give a whole number from 1 to 50`);
const LATENCY_RUNS = RUNS;
const STARTUP_RUNS = 2 * RUNS + 1;
const MANY_RUNS = Math.max(3, Math.ceil(RUNS / 2));
const MEMORY_RUNS = Math.max(3, Math.ceil(RUNS / 2));

// Section 1's timeline: a task that finishes 12 s after its first request, with a right ETA.
const FINISH_S = 12;
const INTERVAL_MS = 5_000;
// Section 3: how many tasks, how slow the API.
const MANY_TASKS = 100;
const API_LATENCY_MS = 100;
// Section 4: where to look at memory, and the (virtual) interval.
const MEMORY_CHECKPOINTS = [100, 1_000, 5_000];
const MEMORY_INTERVAL_MS = 5_000;

const benchStartedAt = performance.now();
const work = mkdtempSync(join(tmpdir(), 'udts-wait-bench-'));
// Loaded with NODE_OPTIONS=--require into a measured process: writes its peak RSS (bytes) at exit.
const MAX_RSS_PRELOAD = join(work, 'max-rss.cjs');
writeFileSync(
  MAX_RSS_PRELOAD,
  "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_MAXRSS_FILE, String(process.resourceUsage().maxRSS * 1024)));\n",
);
/** @type {Array<() => Promise<void>>} */
const cleanups = [];
try {
  await main();
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}

async function main() {
  printHeader();
  const built = await buildHelpers();

  const emulator = await startEmulator(NODE, writeScenario('main', mainScenario()));
  cleanups.push(emulator.stop);

  await benchLatency(emulator, built.fixedLoop);
  const floor = await benchStartUp(emulator, built.coreOnly);
  await benchManyTasks(floor);
  await benchMemory(emulator, built.memory);

  console.log(`\nWhole bench: ${seconds(performance.now() - benchStartedAt, 0)}.`);
}

// ---------------------------------------------------------------------------------------------------
// 1. Detection latency and calls

/**
 * @param {Awaited<ReturnType<typeof startEmulator>>} emulator
 * @param {string} fixedLoopScript
 */
async function benchLatency(emulator, fixedLoopScript) {
  section(
    `1. Detection latency and API calls: the action vs a fixed ${INTERVAL_MS / 1000} s loop`,
    `A task done ${FINISH_S} s after its first request (TotalDuration ${FINISH_S}, CurDuration +1 each second, Percentage linear),`,
    `interval ${INTERVAL_MS / 1000}s. ${LATENCY_RUNS} runs of each, all at once, each on its own task of one emulator, behind a recording`,
    `proxy. "Late by": from the finish (${FINISH_S} s after the task's first request reached the proxy; the emulator's clock`,
    'starts a fraction of a millisecond later, so this errs late) to the answer of the final poll leaving the proxy.',
    `The loop is the same signed client (createStatusFetcher) polling, then sleeping ${INTERVAL_MS / 1000} s, until Done.`,
  );
  const recorder = await startRecorder(emulator.url);
  const runs = [];
  for (let i = 1; i <= LATENCY_RUNS; i += 1) {
    runs.push(timeAction(`eta-action-${i}`, recorder.url), timeFixedLoop(`eta-fixed-${i}`, recorder.url, fixedLoopScript));
  }
  const finished = await Promise.all(runs).finally(() => recorder.close());
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
  const action = summarize(measure('action'));
  const fixed = summarize(measure('fixed'));

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
  console.log(`   Per run, action late by: ${measure('action').map((r) => seconds(r.lateMs)).join(', ')}; loop: ${measure('fixed').map((r) => seconds(r.lateMs)).join(', ')}.`);
}

/**
 * Runs the action on one task to its end, as the runner does.
 * @param {string} taskId
 * @param {string} apiUrl
 */
async function timeAction(taskId, apiUrl) {
  const { child, done } = startAction({
    inputs: { 'task-id': taskId, ...KEYS, 'api-url': apiUrl, interval: `${INTERVAL_MS / 1000}s`, timeout: '2m' },
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

// ---------------------------------------------------------------------------------------------------
// 2. Start-up

/**
 * @param {Awaited<ReturnType<typeof startEmulator>>} emulator
 * @param {string} coreOnlyScript
 */
async function benchStartUp(emulator, coreOnlyScript) {
  section(
    '2. One-poll run (task already Done): wall time from spawn to exit',
    `${STARTUP_RUNS} runs of each after one warm-up, interleaved; both bundles run as the runner does (scripts/runner.mjs:`,
    'clean environment, INPUT_* variables, output and summary files). The @actions/core-only bundle is',
    'built with ncc --minify like dist/index.js, and only reads one input.',
  );
  const inputs = { 'task-id': 'already-done', ...KEYS, 'api-url': emulator.url, interval: '5s', timeout: '1m' };
  /** @type {Record<'bare' | 'core' | 'action', number[]>} */
  const times = { bare: [], core: [], action: [] };
  for (let round = 0; round <= STARTUP_RUNS; round += 1) {
    const bare = await timeBareNode();
    const core = (await runAction({ inputs, node: NODE, script: coreOnlyScript })).durationMs;
    const run = await runAction({ inputs, node: NODE });
    expectSuccess(run, 'already-done');
    if (run.outputs.polls !== '1') throw new Error(`one-poll run made ${run.outputs.polls} polls`);
    if (round === 0) continue; // warm-up: disk cache, first spawn
    times.bare.push(bare);
    times.core.push(core);
    times.action.push(run.durationMs);
  }
  // Peak memory in runs of their own, so the preload stays out of the timings.
  /** @type {Record<'bare' | 'core' | 'action', number[]>} */
  const rss = { bare: [], core: [], action: [] };
  for (let round = 0; round < MEMORY_RUNS; round += 1) {
    rss.bare.push((await withMaxRss((env) => timeBareNode(env))).maxRssBytes);
    rss.core.push((await withMaxRss((env) => runAction({ inputs, env, node: NODE, script: coreOnlyScript }))).maxRssBytes);
    rss.action.push((await withMaxRss((env) => runAction({ inputs, env, node: NODE }))).maxRssBytes);
  }
  const bare = median(times.bare);
  const core = median(times.core);
  const action = median(times.action);
  const [bareRss, coreRss, actionRss] = [median(rss.bare), median(rss.core), median(rss.action)];
  printTable(
    ['', 'wall time', 'vs node -e 0', 'vs core-only', 'peak memory', 'vs core-only'],
    [
      ['node -e 0', millis(bare), ratio(bare, bare), '', mebibytes(bareRss), ''],
      ['@actions/core-only bundle', millis(core), ratio(core, bare), ratio(core, core), mebibytes(coreRss), ratio(coreRss, coreRss)],
      ['action, one poll (dist/index.js)', millis(action), ratio(action, bare), ratio(action, core), mebibytes(actionRss), ratio(actionRss, coreRss)],
    ],
  );
  console.log(`   The action's whole run (inputs, one signed request, outputs, summary) costs ${millis(action - core)} and ${mebibytes(actionRss - coreRss)} more than loading @actions/core.`);
  console.log(`   Peak memory (maxRSS) from ${MEMORY_RUNS} further runs of each with a preload that reports it at exit.`);
  return { coreRssBytes: coreRss };
}

/** @param {Record<string, string>} [env] */
async function timeBareNode(env = {}) {
  const startedAt = performance.now();
  const { code } = await collect(spawn(NODE, ['-e', '0'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  if (code !== 0) throw new Error(`node -e 0 exited with ${code}`);
  return performance.now() - startedAt;
}

// ---------------------------------------------------------------------------------------------------
// 3. Many tasks

/** @param {{ coreRssBytes: number }} floor  section 2's figures */
async function benchManyTasks(floor) {
  section(
    `3. ${MANY_TASKS} tasks, the API answering each request in ${API_LATENCY_MS} ms (all already Done: one request each)`,
    `${MANY_RUNS} runs, each on a fresh emulator (latencyMs: ${API_LATENCY_MS}) behind the recording proxy. "Round": from the first`,
    'request reaching the proxy to the last answer leaving it. Peak memory: the action process\'s maxRSS,',
    'written at exit by a preload (NODE_OPTIONS=--require) from process.resourceUsage(). "Most in flight"',
    'and the per-task counts are the emulator\'s own stats. The single-task run is the baseline for memory.',
  );
  const taskIds = Array.from({ length: MANY_TASKS }, (_, i) => `many-${String(i + 1).padStart(3, '0')}`);
  const scenarioFile = writeScenario('many', manyScenario(taskIds));

  const many = [];
  const single = [];
  for (let i = 0; i < MANY_RUNS; i += 1) {
    const emulator = await startEmulator(NODE, scenarioFile);
    const recorder = await startRecorder(emulator.url);
    try {
      const run = await runMeasured(taskIds, recorder.url);
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
      const one = await runMeasured(['single'], recorder.url);
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
    const emulator = await startEmulator(NODE, scenarioFile);
    try {
      for (let i = 0; i < MANY_RUNS; i += 1) {
        many20.push({ maxRssBytes: (await runMeasured(taskIds, emulator.url, systemNode)).maxRssBytes });
        single20.push({ maxRssBytes: (await runMeasured(['single'], emulator.url, systemNode)).maxRssBytes });
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
 * @param {string[]} taskIds
 * @param {string} apiUrl
 * @param {string} [node]  the node binary (default: the one action.yml declares, Node 24)
 */
async function runMeasured(taskIds, apiUrl, node = NODE) {
  const inputs = { 'task-id': taskIds.join(','), ...KEYS, 'api-url': apiUrl, interval: '5s', timeout: '2m' };
  const { result: run, maxRssBytes } = await withMaxRss((env) => runAction({ inputs, env, node }));
  expectSuccess(run, taskIds.length === 1 ? taskIds[0] ?? '' : `${taskIds.length} tasks`);
  return { ...run, maxRssBytes };
}

/**
 * Runs a process with the maxRSS preload and reads its peak RSS.
 * @template T
 * @param {(env: Record<string, string>) => Promise<T>} start  given the environment to add
 */
async function withMaxRss(start) {
  const rssFile = join(work, `rss-${Math.random().toString(36).slice(2)}`);
  const result = await start({ NODE_OPTIONS: `--require ${MAX_RSS_PRELOAD}`, BENCH_MAXRSS_FILE: rssFile });
  const maxRssBytes = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { result, maxRssBytes };
}

/** The system's Node (npm names it) when it is not the Node 24 the bench runs the action on. */
function otherSystemNode() {
  const systemNode = process.env.npm_node_execpath;
  return systemNode && realpathSync(systemNode) !== realpathSync(NODE) ? systemNode : undefined;
}

// ---------------------------------------------------------------------------------------------------
// 4. Memory over a long wait

/**
 * @param {Awaited<ReturnType<typeof startEmulator>>} emulator
 * @param {string} memoryScript
 */
async function benchMemory(emulator, memoryScript) {
  const last = Math.max(...MEMORY_CHECKPOINTS);
  section(
    `4. Memory over a long wait: after ${MEMORY_CHECKPOINTS.map(count).join(', ')} polls of a task that stays Loading`,
    'Method: 5,000 polls through the real action at its 100 ms minimum interval would take over 8 minutes, so a',
    'harness (scripts/bench/memory.ts, bundled with ncc) runs the real waiter (waitForTasks), the real signed',
    'client (createStatusFetcher) and the action\'s progress observer against the emulator over HTTP, on a',
    `virtual clock whose sleep resolves at once (interval ${MEMORY_INTERVAL_MS / 1_000}s: ${count(last)} polls stand for ${duration(last * MEMORY_INTERVAL_MS)} of waiting).`,
    'At each checkpoint it lets pending request-timeout timers expire (capped at 1 s in the harness, as',
    'polls here come ~1 ms apart), forces a full GC (--expose-gc), lets the finalizers it queued run, GCs',
    'again and reads process.memoryUsage() and the young generation\'s size (node:v8).',
    `${MEMORY_RUNS} runs, one after another, on each Node the bundles run on.`,
  );
  // The action runs on Node 24 (action.yml); the CLI also on the system's Node 20, which npm names.
  const nodes = [NODE];
  const systemNode = otherSystemNode();
  if (systemNode) nodes.push(systemNode);
  for (const node of nodes) {
    const version = (await promisify(execFile)(node, ['--version'])).stdout.trim();
    console.log(`   node ${version} (${node}):`);
    memoryTable(await memoryRuns(node, emulator, memoryScript));
  }
  console.log('   RSS includes the young generation, which V8 sizes to the allocation rate: here ~1,000 polls a');
  console.log('   second, where a real wait makes one every few seconds. The heap kept after GC is what a leak would grow.');
}

/**
 * @typedef {{ polls: number, heapUsedBytes: number, rssBytes: number, youngGenBytes: number, realElapsedMs: number }} MemoryPoint
 */

/**
 * Runs the memory harness MEMORY_RUNS times, one after another.
 * @param {string} node
 * @param {Awaited<ReturnType<typeof startEmulator>>} emulator
 * @param {string} memoryScript
 */
async function memoryRuns(node, emulator, memoryScript) {
  /** @type {MemoryPoint[][]} */
  const runs = [];
  for (let i = 0; i < MEMORY_RUNS; i += 1) {
    const child = spawn(node, ['--expose-gc', memoryScript], {
      env: {
        PATH: process.env.PATH ?? '',
        BENCH_API_URL: emulator.url,
        BENCH_TASK_ID: 'stays-loading',
        BENCH_CHECKPOINTS: MEMORY_CHECKPOINTS.join(','),
        BENCH_INTERVAL: `${MEMORY_INTERVAL_MS}ms`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { code, stdout, stderr } = await collect(child);
    if (code !== 0) throw new Error(`memory harness on ${node} exited with ${code}: ${stderr}`);
    runs.push(stdout.trim().split('\n').map((line) => JSON.parse(line)));
  }
  return runs;
}

/**
 * Prints the medians at each checkpoint.
 * @param {MemoryPoint[][]} runs
 */
function memoryTable(runs) {
  const rows = MEMORY_CHECKPOINTS.map((polls) => {
    const points = runs.map((run) => {
      const point = run.find((p) => p.polls === polls);
      if (point === undefined) throw new Error(`the memory harness reported nothing at ${polls} polls`);
      const { heapUsedBytes, rssBytes, youngGenBytes, realElapsedMs } = point;
      return { heapUsedBytes, rssBytes, youngGenBytes, realElapsedMs };
    });
    return { polls, ...summarize(points) };
  });
  const first = rows[0];
  printTable(
    ['polls', 'waiting stood for', 'heap used after GC', 'vs first', 'RSS', 'of which young gen', 'real time'],
    rows.map((row) => [
      count(row.polls),
      duration(row.polls * MEMORY_INTERVAL_MS),
      mebibytes(row.heapUsedBytes),
      first ? ratio(row.heapUsedBytes, first.heapUsedBytes) : '',
      mebibytes(row.rssBytes),
      mebibytes(row.youngGenBytes),
      seconds(row.realElapsedMs, 1),
    ]),
  );
  const at1k = rows.find((row) => row.polls === 1_000);
  const atLast = rows.at(-1);
  if (at1k && atLast && atLast !== at1k) {
    const perThousand = ((atLast.heapUsedBytes - at1k.heapUsedBytes) / (atLast.polls - at1k.polls)) * 1_000;
    console.log(`   Heap kept after GC changes by ${perThousand >= 0 ? '+' : '-'}${kibibytes(Math.abs(perThousand))} per 1,000 polls from ${count(at1k.polls)} to ${count(atLast.polls)}`
      + ` (a six-hour wait at 5 s is ~4,300 polls).\n`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Scenarios, builds, plumbing

/** Section 1's timeline, the start-up task and the long-wait task, on one emulator. */
function mainScenario() {
  /** @type {Record<string, unknown>} */
  const tasks = {
    'already-done': { steps: [{ data: doneData() }] },
    'stays-loading': { steps: [{ data: { Status: 'Loading', CurRetryCount: 0, MaxRetryCount: 3, Progress: { Percentage: 40 } } }] },
  };
  for (let i = 1; i <= LATENCY_RUNS; i += 1) {
    tasks[`eta-action-${i}`] = etaTimeline();
    tasks[`eta-fixed-${i}`] = etaTimeline();
  }
  return { description: 'udts-wait bench', tasks };
}

/** A task whose ETA is right: done FINISH_S seconds after its first request. */
function etaTimeline() {
  const totalCount = FINISH_S * 100_000;
  const steps = [];
  for (let s = 0; s < FINISH_S; s += 1) {
    steps.push({
      at: s,
      data: {
        Status: 'Loading',
        CurRetryCount: 0,
        MaxRetryCount: 3,
        Progress: {
          TotalCount: totalCount,
          CurCount: s * 100_000,
          TotalDuration: FINISH_S,
          CurDuration: s,
          Percentage: Math.round((s / FINISH_S) * 1_000) / 10,
        },
      },
    });
  }
  steps.push({ at: FINISH_S, data: doneData() });
  return { advance: 'time', steps };
}

function doneData() {
  const totalCount = FINISH_S * 100_000;
  return {
    Status: 'Done',
    CurRetryCount: 0,
    MaxRetryCount: 3,
    Progress: { TotalCount: totalCount, CurCount: totalCount, TotalDuration: FINISH_S, CurDuration: FINISH_S, Percentage: 100 },
  };
}

/** @param {string[]} taskIds */
function manyScenario(taskIds) {
  /** @type {Record<string, unknown>} */
  const tasks = { single: { steps: [{ data: doneData() }] } };
  for (const taskId of taskIds) tasks[taskId] = { steps: [{ data: doneData() }] };
  return { description: 'udts-wait bench: many tasks', latencyMs: API_LATENCY_MS, tasks };
}

/**
 * @param {string} name
 * @param {unknown} scenario
 */
function writeScenario(name, scenario) {
  const file = join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify(scenario));
  return file;
}

/** Bundles the baselines and the memory harness with ncc, as the action is bundled, in parallel. */
async function buildHelpers() {
  const startedAt = performance.now();
  const ncc = resolve('node_modules/@vercel/ncc/dist/ncc/cli.js');
  /** @param {string} name */
  const build = async (name) => {
    const out = join(work, name);
    await promisify(execFile)(NODE, [ncc, 'build', `scripts/bench/${name}.ts`, '-o', out, '--minify', '--quiet']);
    writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
    return join(out, 'index.js');
  };
  const [fixedLoop, coreOnly, memory] = await Promise.all([build('fixed-loop'), build('core-only'), build('memory')]);
  console.log(`Built the baselines and the harness with ncc in ${seconds(performance.now() - startedAt, 1)}: @actions/core-only bundle ${kibibytes(statSync(coreOnly).size)}.`);
  return { fixedLoop, coreOnly, memory };
}

function printHeader() {
  const actionStat = statSync(ACTION);
  const newestSource = Math.max(...readdirSync('src', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));
  console.log('udts-wait bench');
  console.log(`node ${process.version} (${NODE}), ${process.platform} ${process.arch}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`);
  console.log(`dist/index.js: ${kibibytes(actionStat.size)}, built ${actionStat.mtime.toISOString()}`);
  if (newestSource > actionStat.mtimeMs) console.log('NOTE: src/ has changed since dist/index.js was built; run `npm run bundle` to measure the current code.');
  console.log('Medians over several runs; every ratio is against a baseline run in this same go. No limits asserted.');
}

/**
 * @param {{ code: number | null, stdout: string, stderr: string, outputs: Record<string, string> }} run
 * @param {string} what
 */
function expectSuccess(run, what) {
  if (run.code !== 0 || run.outputs.result !== 'success') {
    throw new Error(`the action on ${what} did not succeed (exit ${run.code}, result '${run.outputs.result}'):\n${run.stdout}${run.stderr}`);
  }
}

/** @param {import('node:child_process').ChildProcessWithoutNullStreams | import('node:child_process').ChildProcess} child */
async function collect(child) {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'close');
  return { code: /** @type {number | null} */ (code), stdout, stderr };
}

// ---------------------------------------------------------------------------------------------------
// Figures and printing

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] ?? Number.NaN : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * The median of each field over runs.
 * @template {Record<string, number>} T
 * @param {T[]} runs
 * @returns {T}
 */
function summarize(runs) {
  const first = runs[0];
  if (first === undefined) throw new Error('no runs to summarize');
  return /** @type {T} */ (Object.fromEntries(Object.keys(first).map((key) => [key, median(runs.map((run) => run[key] ?? Number.NaN))])));
}

/** @param {string} title @param {string[]} lines */
function section(title, ...lines) {
  console.log(`\n${title}`);
  for (const line of lines) console.log(`   ${line}`);
  console.log('');
}

/**
 * A table: first column left-aligned, the rest right-aligned.
 * @param {string[]} header
 * @param {string[][]} rows
 */
function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  /** @param {string[]} cells */
  const line = (cells) => `   ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ')}`.trimEnd();
  console.log(line(header));
  console.log(`   ${widths.map((w) => '-'.repeat(w)).join('   ')}`);
  for (const row of rows) console.log(line(row));
}

/** @param {number} ms @param {number} [digits] */
function seconds(ms, digits = 2) {
  return `${(ms / 1_000).toFixed(digits)} s`;
}

/** @param {number} ms */
function signed(ms) {
  return `${ms >= 0 ? '+' : '-'}${seconds(Math.abs(ms))}`;
}

/** @param {number} n */
function signedCount(n) {
  return `${n >= 0 ? '+' : '-'}${Math.abs(n)}`;
}

/** @param {number} ms */
function millis(ms) {
  return `${ms.toFixed(0)} ms`;
}

/** @param {number} bytes */
function mebibytes(bytes) {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}

/** @param {number} bytes */
function kibibytes(bytes) {
  return `${(bytes / 1_024).toFixed(0)} KiB`;
}

/** @param {number} value @param {number} baseline */
function ratio(value, baseline) {
  return `${(value / baseline).toFixed(2)}x`;
}

/** @param {number} n */
function count(n) {
  return n.toLocaleString('en-US');
}

/** "6h 56m" for a wait. @param {number} ms */
function duration(ms) {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`;
}
