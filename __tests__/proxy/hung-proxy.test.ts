/**
 * A proxy that accepts the connection but never answers CONNECT leaves a
 * socket no request abort reaches. Once the record is published the step must still end by itself:
 * this test would run into vitest's own timeout if the process stayed alive.
 */
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runAction } from '../../scripts/runner.mjs';
import { TEST_HOST } from './servers.js';

describe('a proxy that never answers', () => {
  it('the wait times out, the record is written, and the process exits by itself', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const run = await runAction({
        inputs: {
          'task-id': 'udts-x', 'public-key': 'demo-public-key', 'private-key': 'demo-private-key',
          'api-url': `https://${TEST_HOST}:9`, interval: '1s', timeout: '2s', history: 'false',
        },
        env: { HTTPS_PROXY: `http://127.0.0.1:${port}` },
      });
      expect(run.code).toBe(1);
      expect(run.outputs.result).toBe('timeout');
      expect(run.summary).toMatch(/^## ⏱️ UDTS migration gate timed out/);
      expect(sockets.size).toBeGreaterThanOrEqual(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
