// @ts-check
// Bench section 5: what a hostile API costs. A loopback API that answers every poll with a different
// Status of SIZES characters, polled at the shortest interval (100 ms) for WAIT_SECONDS, on each Node:
// peak memory against the same run with short answers. A status answer is read up to 256 KiB; past that
// it is an error at once (src/udts/body.ts), so the largest size ends the run on its first answer.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { runAction } from '../runner.mjs';
import { KEY_INPUTS, NODES, nodeName } from './processes.mjs';
import { mebibytes, printTable, ratio, section } from './stats.mjs';

const WAIT_SECONDS = 30;
const SIZES = [0, 200_000, 900_000];

/**
 * One run of each size on each Node, each against a fresh server; prints peak memory and its ratio.
 * @param {{ workspace: import('./processes.mjs').Workspace }} bench
 */
export async function benchHostile({ workspace }) {
  section(
    `5. A hostile API: a different Status on every poll, at the 100 ms interval for ${WAIT_SECONDS} s`,
    `One run of each on each Node (history: false). Peak memory: maxRSS, from a preload; each ratio against the run`,
    'with short answers on the same Node. Polls: the status requests the run made.',
  );
  const rows = [];
  for (const node of NODES) {
    /** @type {number | undefined} */
    let baseline;
    for (const size of SIZES) {
      const api = await startHostileApi(size);
      try {
        const inputs = { 'task-id': 'hostile', ...KEY_INPUTS, 'api-url': api.url, interval: '100ms', timeout: `${WAIT_SECONDS}s`, history: 'false', 'fail-on-timeout': 'false' };
        const { result: run, maxRssBytes } = await workspace.withUsage((env) => runAction({ inputs, env, node }));
        baseline ??= maxRssBytes;
        const what = size === 0 ? 'short answers' : `${(size / 1_000).toFixed(0)} KB Status`;
        rows.push([nodeName(node), what, run.outputs.result ?? '', run.outputs.polls ?? '', mebibytes(maxRssBytes), ratio(maxRssBytes, baseline)]);
      } finally {
        await api.close();
      }
    }
  }
  printTable(['', 'answers', 'result', 'polls', 'peak memory', 'vs short answers'], rows);
}

/**
 * A loopback API that answers any call with RetCode 0 and a Status of `size` characters, different on
 * every answer (when 0: Loading and Dumping in turn); it checks no signature.
 * @param {number} size
 */
async function startHostileApi(size) {
  let answers = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      answers += 1;
      const letter = String.fromCharCode(97 + (answers % 26));
      const status = size === 0 ? (answers % 2 === 0 ? 'Loading' : 'Dumping') : `${letter}${answers}`.repeat(Math.ceil(size / (String(answers).length + 1))).slice(0, size);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ RetCode: 0, Data: { Status: status, Progress: { Percentage: 10 } } }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
