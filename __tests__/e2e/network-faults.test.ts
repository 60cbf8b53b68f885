/**
 * Network faults on real sockets, end to end: every fault the emulator can script, in one run that
 * retries through them to success; the API not up yet (connection refused); a request that hangs
 * against the deadline; an unknown host; a TLS certificate error. How each answer is classified, and
 * which RetCode says what, is pinned by the unit tests (udts/answer, udts/errors, wait/task-machine).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAction } from '../../scripts/runner.mjs';
import type { Fault } from '../../src/emulator/scenario.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { TEST_CERT } from '../proxy/servers.js';
import { BUNDLE, DEFAULT_NODE, RUNTIMES, baseInputs, commands, expectEveryOutput, fault, reading, runScenario, runtimeTitle, scenario } from './helpers.js';

const UUID_IN = /\(request [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)/;
const LOADING = reading('Loading', { Progress: { Percentage: 42.5, CurCount: 425, TotalCount: 1000 } });
const DONE = reading('Done', { Progress: { Percentage: 100, CurCount: 1000, TotalCount: 1000 } });

/** Each scripted fault, and what its retry warning must say of the cause. */
const FAULTS: Array<[Fault, RegExp]> = [
  [{ kind: 'http', status: 502 }, new RegExp(`^HTTP 502 from the API ${UUID_IN.source}: <html><head><title>502 Error</title>`)],
  [{ kind: 'reset' }, /^network error \(ECONNRESET/],
  [{ kind: 'truncated' }, /^HTTP 200 with a body that is not JSON: \{"RetCode":0,"Action":"GetUDTSTaskStatusResponse"/],
  [{ kind: 'html' }, /^HTTP 200 with a body that is not JSON: <!DOCTYPE html>/],
  [{ kind: 'retcode', retCode: 2001, message: 'busy' }, new RegExp(`^API error RetCode 2001 "busy" ${UUID_IN.source}`)],
  [{ kind: 'retcode', retCode: '150', message: 'try later' }, new RegExp(`^API error RetCode 150 "try later" ${UUID_IN.source}`)],
];

describe.concurrent('transient faults are retried to the right result', () => {
  it('every fault the emulator scripts, one after another, then Done: a warning per retry naming its cause, success', async () => {
    const sc = scenario({ 'udts-t': [LOADING, ...FAULTS.map(([f]) => fault(f)), DONE] });
    const { run, emulator } = await runScenario(sc, 'udts-t', { inputs: { interval: '200ms' } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', status: 'Done', percentage: '100', polls: String(FAULTS.length + 2) });
    expect(emulator.stats().requests).toBe(FAULTS.length + 2);
    const warnings = commands(run.stdout, 'warning');
    expect(warnings).toHaveLength(FAULTS.length);
    FAULTS.forEach(([, cause], index) => {
      const [task, text, retry] = /^(udts-t): (.*); (retry \d+) in \d+ms$/.exec(warnings[index] ?? '')?.slice(1) ?? [];
      expect([task, retry], warnings[index]).toEqual(['udts-t', `retry ${index + 1}`]);
      expect(text).toMatch(cause);
    });
    expect(commands(run.stdout, 'error')).toEqual([]);
  });

  it('connection refused (the API not up yet), at least twice, then it is up: success', async () => {
    // A port that was free a moment ago: nothing listens there until the emulator starts on it.
    const probe = createNetServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    probe.close();
    let log = '';
    const { done } = startAction({
      inputs: { ...baseInputs({ url: `http://127.0.0.1:${port}` }, 'udts-r'), interval: '200ms', timeout: '30s' },
      node: DEFAULT_NODE,
      script: BUNDLE,
      onStdout: (chunk) => (log += chunk),
    });
    await expect.poll(() => log.match(/^::warning::.*ECONNREFUSED/gm)?.length ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const emulator = await startEmulator(scenario({ 'udts-r': [DONE] }), port);
    try {
      const run = await done;
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ result: 'success', status: 'Done' });
      const warnings = commands(run.stdout, 'warning');
      expect(warnings.length).toBeGreaterThanOrEqual(2);
      for (const warning of warnings) expect(warning).toMatch(/^udts-r: network error \(ECONNREFUSED: .*\); retry \d+ in \d+ms$/);
      expect(Number(run.outputs.polls)).toBe(warnings.length + 1);
      expect(emulator.stats().requests).toBe(1);
    } finally {
      await emulator.close();
    }
  });

  it('a request that hangs at the deadline is cut there: result=timeout, the last error says how long it was given', async () => {
    const { run, emulator } = await runScenario(scenario({ 'udts-hang': [LOADING, fault({ kind: 'hang' })] }), 'udts-hang', {
      inputs: { timeout: '1s', interval: '200ms' },
    });
    expect(run.code).toBe(1);
    expect(emulator.stats().requests).toBe(2);
    expect(run.outputs).toMatchObject({ result: 'timeout', status: 'Loading', percentage: '42.5', polls: '2' });
    expectEveryOutput(run);
    // What was left before the deadline (plus its grace), not a request's usual 5 s at the least.
    expect(commands(run.stdout, 'error')).toEqual([
      expect.stringMatching(/^Timed out after \S+ waiting for udts-hang; last status Loading 42\.5%.*; last error: no answer within (\d+ms|1s)\b/),
    ]);
  });
});

/** An https API with the proxy tests' self-signed certificate, which the run does not trust; it counts connections. */
let tls: { server: Server; connections: number };
beforeAll(async () => {
  const server = createServer(TEST_CERT, (_req, res) => res.end('{}'));
  tls = { server, connections: 0 };
  server.on('connection', () => (tls.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  tls.server.closeAllConnections();
  await new Promise((resolve) => tls.server.close(resolve));
});

describe.concurrent('a fault no retry can mend stops at once: result=error after one attempt', () => {
  const FATAL = [
    ...RUNTIMES.map((runtime) => ({
      title: runtimeTitle(runtime, 'an unknown host'),
      node: runtime.path,
      url: () => 'https://nonexistent.invalid',
      says: /unknown host in api-url 'https:\/\/nonexistent\.invalid\/'.*ENOTFOUND.*check api-url/,
      // Nothing is sent: the emulator the run was pointed away from sees no request.
      reached: (emulator: RunningEmulator) => emulator.stats().requests,
      expected: 0,
    })),
    {
      title: 'an https API with a self-signed certificate: one connection',
      node: DEFAULT_NODE,
      url: () => `https://127.0.0.1:${(tls.server.address() as AddressInfo).port}`,
      says: /TLS error talking to 'https:\/\/127\.0\.0\.1:\d+\/' \(DEPTH_ZERO_SELF_SIGNED_CERT.*check api-url and the runner's CA certificates/,
      reached: () => tls.connections,
      expected: 1,
    },
  ];
  for (const { title, node, url, says, reached, expected } of FATAL) {
    it.skipIf(!node)(title, async () => {
      const { run, emulator } = await runScenario(scenario({ 'udts-f': [DONE] }), 'udts-f', { node, inputs: { 'api-url': url(), timeout: '20s' } });
      expect(run.code).toBe(1);
      expect(reached(emulator)).toBe(expected);
      expect(run.outputs).toMatchObject({ result: 'error', polls: '1' });
      expect(commands(run.stdout, 'warning')).toEqual([]);
      expect(commands(run.stdout, 'error')).toEqual([expect.stringMatching(says)]);
    });
  }
});
