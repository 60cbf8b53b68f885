// @ts-check
// Bench plumbing: a recording proxy in front of the emulator (scripts/runner.mjs starts that) that
// notes, per task, when each request arrived and when its answer was sent, on the bench's own clock.
// The emulator itself keeps no timestamps; the proxy lets the bench measure when a client "knows".
import { once } from 'node:events';
import { createServer, request, Agent } from 'node:http';

/**
 * @typedef {object} Exchange
 * @property {number} arrivedAt   performance.now() when the request reached the proxy
 * @property {number} answeredAt  performance.now() when the answer was handed back (NaN until then)
 */

/**
 * A pass-through HTTP proxy on loopback that records every exchange by the TaskId in its form body.
 * It adds well under a millisecond per request and no limit of its own on concurrency.
 * @param {string} targetUrl  the emulator's URL
 */
export async function startRecorder(targetUrl) {
  const target = new URL(targetUrl);
  // Keep-alive upstream, so the proxy's own connection set-up stays out of the figures.
  const agent = new Agent({ keepAlive: true });
  /** @type {Map<string, Exchange[]>} */
  const byTask = new Map();

  const server = createServer((req, res) => {
    const arrivedAt = performance.now();
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const taskId = new URLSearchParams(body.toString('utf8')).get('TaskId') ?? '';
      /** @type {Exchange} */
      const exchange = { arrivedAt, answeredAt: Number.NaN };
      byTask.set(taskId, [...(byTask.get(taskId) ?? []), exchange]);
      res.on('finish', () => (exchange.answeredAt = performance.now()));

      const headers = { ...req.headers };
      delete headers.connection;
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent },
        (answer) => {
          const answerHeaders = { ...answer.headers };
          delete answerHeaders.connection;
          delete answerHeaders['keep-alive'];
          res.writeHead(answer.statusCode ?? 502, answerHeaders);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    /**
     * The exchanges of one task, in arrival order.
     * @param {string} taskId
     */
    exchanges: (taskId) => byTask.get(taskId) ?? [],
    /** Every exchange, all tasks. */
    all: () => [...byTask.values()].flat(),
    close: async () => {
      server.closeAllConnections();
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
