// @ts-check
// Bench section 3: one action run waiting on MANY_TASKS finished tasks from a slow API (each request
// answered after API_LATENCY_MS), on each Node: wall time, the rounds of polls and of history calls,
// calls, most requests in flight and peak memory; the same with `history: false`; one task as baseline.
import { once } from 'node:events';
import { Agent, createServer, request } from 'node:http';
import { runAction, startEmulatorProcess } from '../runner.mjs';
import { expectSuccess, KEY_INPUTS, NODES, nodeName } from './processes.mjs';
import { slowApiScenario } from './scenarios.mjs';
import { mebibytes, median, printTable, section, seconds } from './stats.mjs';

const MANY_TASKS = 100;
const API_LATENCY_MS = 100;
const TASK_IDS = Array.from({ length: MANY_TASKS }, (_, i) => `many-${String(i + 1).padStart(3, '0')}`);

/**
 * Runs each kind `runs` times on each Node, each time on a fresh emulator, and prints the medians.
 * @param {{ workspace: import('./processes.mjs').Workspace, runs: number }} bench
 */
export async function benchManyTasks({ workspace, runs }) {
  section(
    `3. ${MANY_TASKS} tasks, the API answering each request in ${API_LATENCY_MS} ms (all already Done: one poll each, then history)`,
    `${runs} runs of each on each Node, on a fresh emulator (latencyMs: ${API_LATENCY_MS}) behind a timing proxy. A round: from`,
    'the first request of its kind (GetUDTSTaskStatus, then GetUDTSTaskHistory) reaching the proxy to the last answer',
    'leaving it. Calls per task and most in flight: the emulator\'s own stats. Peak memory: maxRSS, from a preload.',
  );
  const scenarioFile = workspace.writeScenario(slowApiScenario([...TASK_IDS, 'single'], API_LATENCY_MS));
  /** @type {string[][]} one column per Node and kind, one cell per row */
  const columns = [];
  for (const node of NODES) {
    /** @type {Array<Record<string, number>>} */
    const many = [];
    /** @type {Array<Record<string, number>>} */
    const one = [];
    for (let i = 0; i < runs; i += 1) {
      const emulator = await startEmulatorProcess(scenarioFile, { quiet: true });
      const proxy = await startTimingProxy(emulator.url);
      try {
        const run = await runMeasured(workspace, node, TASK_IDS, proxy.url);
        const { byTask, historyByTask, maxInFlight } = await emulator.stats();
        if (TASK_IDS.some((id) => byTask[id] !== 1 || historyByTask[id] !== 1)) {
          throw new Error(`each task should be polled once and its history read once: ${JSON.stringify({ byTask, historyByTask })}`);
        }
        const rounds = { pollRoundMs: proxy.roundMs('GetUDTSTaskStatus'), historyRoundMs: proxy.roundMs('GetUDTSTaskHistory') };
        const quiet = await runMeasured(workspace, node, TASK_IDS, proxy.url, { history: 'false' });
        many.push({ ...run, ...rounds, maxInFlight, quietWallMs: quiet.wallMs, quietRssBytes: quiet.maxRssBytes });
        one.push(await runMeasured(workspace, node, ['single'], proxy.url));
      } finally {
        await proxy.close();
        await emulator.stop();
      }
    }
    /** @param {Array<Record<string, number>>} list @param {string} key */
    const m = (list, key) => median(list.map((r) => r[key] ?? NaN));
    columns.push([seconds(m(many, 'wallMs')), seconds(m(many, 'pollRoundMs')), seconds(m(many, 'historyRoundMs')), `${MANY_TASKS} + ${MANY_TASKS}`,
      String(m(many, 'maxInFlight')), mebibytes(m(many, 'maxRssBytes')), seconds(m(many, 'quietWallMs')), mebibytes(m(many, 'quietRssBytes'))]);
    columns.push([seconds(m(one, 'wallMs')), '', '', '1 + 1', '', mebibytes(m(one, 'maxRssBytes'))]);
  }
  const labels = ['wall time, spawn to exit', 'round of polls', 'round of history calls', 'API calls: status + history', 'most requests in flight',
    'peak memory (maxRSS)', 'with history: false, wall time', 'with history: false, peak memory'];
  printTable(['', ...NODES.flatMap((node) => [`${nodeName(node)}: ${MANY_TASKS} tasks`, '1 task'])], labels.map((label, row) => [label, ...columns.map((c) => c[row] ?? '')]));
  console.log(`   One request at a time, the polls alone would take ${MANY_TASKS} x ${API_LATENCY_MS} ms = ${seconds(MANY_TASKS * API_LATENCY_MS, 1)} (computed, not run).`);
}

/**
 * Runs the action on `taskIds` as the runner does; stops the bench unless it polled each once.
 * @param {import('./processes.mjs').Workspace} workspace
 * @param {string} node
 * @param {string[]} taskIds
 * @param {string} apiUrl
 * @param {Record<string, string>} [more]  more inputs
 */
async function runMeasured(workspace, node, taskIds, apiUrl, more = {}) {
  const inputs = { 'task-id': taskIds.join(','), ...KEY_INPUTS, 'api-url': apiUrl, interval: '5s', timeout: '2m', ...more };
  const { result: run, maxRssBytes } = await workspace.withUsage((env) => runAction({ inputs, env, node }));
  expectSuccess(run, `${taskIds.length} task(s)`);
  if (run.outputs.polls !== String(taskIds.length)) throw new Error(`${taskIds.length} task(s) made ${run.outputs.polls} polls`);
  return { wallMs: run.durationMs, maxRssBytes };
}

/**
 * A pass-through HTTP proxy on loopback that notes when each request arrived and when its answer left,
 * by the UDTS action its URL names. It adds well under a millisecond and no limit on concurrency.
 * @param {string} targetUrl  the emulator's URL
 */
async function startTimingProxy(targetUrl) {
  const target = new URL(targetUrl);
  // Keep-alive upstream, so the proxy's own connection set-up stays out of the figures.
  const agent = new Agent({ keepAlive: true });
  /** @type {Array<{ action: string, arrivedAt: number, answeredAt: number }>} */
  const exchanges = [];
  const server = createServer((req, res) => {
    const exchange = { action: new URL(req.url ?? '/', target).searchParams.get('Action') ?? '', arrivedAt: performance.now(), answeredAt: NaN };
    exchanges.push(exchange);
    res.on('finish', () => (exchange.answeredAt = performance.now()));
    const { connection, ...headers } = req.headers;
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent }, (answer) => {
      const { connection, 'keep-alive': keepAlive, ...answerHeaders } = answer.headers;
      res.writeHead(answer.statusCode ?? 502, answerHeaders);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    /** From the first request of `action` arriving to the last answer to one leaving. @param {string} action */
    roundMs: (action) => {
      const mine = exchanges.filter((e) => e.action === action);
      return Math.max(...mine.map((e) => e.answeredAt)) - Math.min(...mine.map((e) => e.arrivedAt));
    },
    close: async () => {
      server.closeAllConnections();
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
