/**
 * Issue 3, the fault matrix end to end: every transient fault twice in a row and then the task
 * finishes (success, one warning per retry naming the cause); every fatal class stops after exactly
 * one request with result=error and a message saying what to check; a hanging API against the deadline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createServer as createNetServer } from 'node:net';
import { runAction, startAction } from '../../scripts/runner.mjs';
import type { Fault } from '../../src/emulator/scenario.js';
import { startEmulator } from '../../src/emulator/server.js';
import { BUNDLE, DEFAULT_NODE, RUNTIMES, baseInputs, commands, expectEveryOutput, fault, logWatcher, reading, runScenario, runtimeTitle, scenario, startAgainst } from './helpers.js';

const UUID = /request [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const LOADING = reading('Loading', { Progress: { Percentage: 42.5, CurCount: 425, TotalCount: 1000 } });
const DONE = reading('Done', { Progress: { Percentage: 100, CurCount: 1000, TotalCount: 1000 } });

interface TransientCase {
  name: string;
  fault: Fault;
  /** What each retry's warning must say about the cause. */
  cause: RegExp;
}

const TRANSIENT: TransientCase[] = [
  ...[502, 503, 504, 429].map((status) => ({
    name: `HTTP ${status} with an HTML body`,
    fault: { kind: 'http', status } as Fault,
    cause: new RegExp(`HTTP ${status} from the API \\(${UUID.source}\\): <html>`),
  })),
  { name: 'connection reset', fault: { kind: 'reset' }, cause: /network error \(ECONNRESET/ },
  { name: 'truncated JSON', fault: { kind: 'truncated' }, cause: /HTTP 200 with a body that is not JSON: \{"RetCode":0/ },
  { name: 'HTML with HTTP 200', fault: { kind: 'html' }, cause: /HTTP 200 with a body that is not JSON: <!DOCTYPE html>/ },
  ...[110, 150, 153, 2001].map((retCode) => ({
    name: `RetCode ${retCode}`,
    fault: { kind: 'retcode', retCode, message: `transient ${retCode}` } as Fault,
    cause: new RegExp(`RetCode ${retCode} "transient ${retCode}" \\(${UUID.source}\\)`),
  })),
  {
    name: 'RetCode "2001" as a string',
    fault: { kind: 'retcode', retCode: '2001', message: 'busy' },
    cause: new RegExp(`RetCode 2001 "busy" \\(${UUID.source}\\)`),
  },
];

/** "retry 2 in 175ms" -> 175 */
function retryDelayMs(warning: string): number {
  const match = /retry \d+ in (\d+)ms$/.exec(warning);
  if (!match) throw new Error(`no retry delay in ${JSON.stringify(warning)}`);
  return Number(match[1]);
}

describe.concurrent('issue 3: transient faults are retried to the right result', () => {
  for (const t of TRANSIENT) {
    it(`${t.name}, twice in a row, then Done: success`, async () => {
      const sc = scenario({ 'udts-t': [LOADING, fault(t.fault, 2), DONE] });
      const { run, emulator } = await runScenario(sc, 'udts-t', { inputs: { interval: '200ms' } });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ result: 'success', status: 'Done', percentage: '100', polls: '4' });
      expect(emulator.stats().requests).toBe(4);
      const warnings = commands(run.stdout, 'warning');
      expect(warnings).toHaveLength(2);
      warnings.forEach((warning, index) => {
        expect(warning).toMatch(new RegExp(`^udts-t: `));
        expect(warning).toMatch(t.cause);
        expect(warning).toContain(`retry ${index + 1} in`);
        // Full jitter, capped: never longer than the interval.
        expect(retryDelayMs(warning)).toBeLessThan(200);
      });
      expect(commands(run.stdout, 'error')).toEqual([]);
    });
  }

  it('a request that hangs, twice in a row, then Done: each gives up after the request timeout, success', async () => {
    // With a 200ms interval a request may take MIN_REQUEST_TIMEOUT_MS (5 s), the next 10 s: about 15 s.
    const sc = scenario({ 'udts-h': [LOADING, fault({ kind: 'hang' }, 2), DONE] });
    const { run, emulator } = await runScenario(sc, 'udts-h', { inputs: { interval: '200ms', timeout: '1m' } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', status: 'Done', polls: '4' });
    expect(emulator.stats().requests).toBe(4);
    const warnings = commands(run.stdout, 'warning');
    expect(warnings).toHaveLength(2);
    // The second request is allowed twice as long as the first, which timed out.
    expect(warnings[0]).toMatch(/^udts-h: no answer within 5s; retry 1 in \d+ms$/);
    expect(warnings[1]).toMatch(/^udts-h: no answer within 10s; retry 2 in \d+ms$/);
  }, 30_000);

  it('connection refused (the API not up yet), at least twice, then it is up: success', async () => {
    // A port that was free a moment ago: nothing listens there until the emulator starts on it.
    const port = await new Promise<number>((resolve) => {
      const probe = createNetServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const log = logWatcher();
    const { done } = startAction({
      inputs: { ...baseInputs({ url: `http://127.0.0.1:${port}` }, 'udts-r'), interval: '200ms', timeout: '30s' },
      node: DEFAULT_NODE,
      script: BUNDLE,
      onStdout: log.onStdout,
    });
    await log.until((text) => (text.match(/^::warning::.*ECONNREFUSED/gm) ?? []).length >= 2);
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

  it('RetCode "0" as a string is read as 0: the reading counts, no retry', async () => {
    // A gateway that quotes RetCode: an http step with status 200 carries the raw JSON body.
    const body = JSON.stringify({ RetCode: '0', Action: 'GetUDTSTaskStatusResponse', Message: '', Data: { Status: 'Done' } });
    const sc = scenario({ 'udts-q': [LOADING, fault({ kind: 'http', status: 200, body })] });
    const { run, emulator } = await runScenario(sc, 'udts-q');
    expect(run.code).toBe(0);
    expect(commands(run.stdout, 'warning')).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'success', status: 'Done', polls: '2' });
    expect(emulator.stats().requests).toBe(2);
  });

  it('the API failing until the deadline: timeout, last good reading kept, message carries the last error', async () => {
    const sc = scenario({ 'udts-down': [LOADING, fault({ kind: 'http', status: 503 })] });
    const { run } = await runScenario(sc, 'udts-down', { inputs: { timeout: '1s', interval: '200ms' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'timeout', status: 'Loading', percentage: '42.5', 'cur-count': '425' });
    const errors = commands(run.stdout, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Timed out after 1s waiting for udts-down; last status Loading 42.5%.*; last error: HTTP 503 from the API/);
    expect(commands(run.stdout, 'warning').length).toBeGreaterThanOrEqual(2);
    expect(run.summary).toContain('timed out');
  });

  it('a hanging API against the deadline: timeout 1s, the step ends within timeout + 1s, result=timeout with the last error', async () => {
    const emulator = await startEmulator(scenario({ 'udts-hang': [LOADING, fault({ kind: 'hang' })] }));
    try {
      // The deadline runs from when the action starts waiting (its first log line), not from the
      // spawn: Node's own start-up on a busy machine is no part of the budget.
      let waitingAt = Number.POSITIVE_INFINITY;
      const { done } = startAgainst(emulator, 'udts-hang', {
        inputs: { timeout: '1s', interval: '200ms' },
        onStdout: (chunk) => {
          if (chunk.includes('Waiting for UDTS task')) waitingAt = Math.min(waitingAt, performance.now());
        },
      });
      const run = await done;
      const endedAt = performance.now();
      expect(endedAt - waitingAt).toBeLessThan(2_000);
      expect(run.code).toBe(1);
      expect(emulator.stats().requests).toBe(2);
      expect(run.outputs).toMatchObject({ result: 'timeout', status: 'Loading', percentage: '42.5', polls: '2' });
      expectEveryOutput(run);
      const errors = commands(run.stdout, 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/Timed out after .* waiting for udts-hang; last status Loading 42.5%.*; last error: no answer within \d+(ms|s)/);
    } finally {
      await emulator.close();
    }
  });
});

interface FatalCase {
  name: string;
  /** The scenario's step for the task, when the fault is scripted; else a normal task. */
  step?: ReturnType<typeof fault>;
  inputs?: Record<string, string>;
  /** What the error must say: the code, the API's Message and what to check. */
  says: RegExp[];
}

const FATAL: FatalCase[] = [
  {
    name: 'RetCode 171 (a wrong private key)',
    inputs: { 'private-key': 'not-the-demo-private-key' },
    says: [/RetCode 171/, /"Signature VerifyAC Error"/, /check that private-key/],
  },
  {
    name: 'RetCode 172 (an unknown public key)',
    inputs: { 'public-key': 'nobody-public-key' },
    says: [/RetCode 172/, /"User not exist"/, /check public-key/],
  },
  {
    name: 'RetCode 230 (an unknown task id)',
    inputs: { 'task-id': 'udts-nope' },
    says: [/RetCode 230/, /"Params \[TaskId\] not available"/, /check task-id and project-id/],
  },
  {
    name: 'RetCode "171" sent as a string',
    step: fault({ kind: 'retcode', retCode: '171', message: 'Signature VerifyAC Error' }),
    says: [/RetCode 171 "Signature VerifyAC Error"/, /check that private-key/],
  },
  ...[
    [160, 'Missing Action', /a bug in udts-wait/],
    [161, 'Action not found', /check that api-url points at/],
    [220, 'Missing params [TaskId]', /check task-id, project-id and type/],
    [292, 'Project not exist', /check project-id/],
    [299, 'Permission denied', /permission for UDTS/],
  ].map(([retCode, message, check]) => ({
    name: `RetCode ${retCode} (scripted)`,
    step: fault({ kind: 'retcode', retCode: retCode as number, message: message as string }),
    says: [new RegExp(`RetCode ${retCode}`), new RegExp(`"${(message as string).replace(/[[\]]/g, '\\$&')}"`), check as RegExp],
  })),
  ...[404, 403].map((status) => ({
    name: `HTTP ${status}`,
    step: fault({ kind: 'http', status }),
    says: [new RegExp(`HTTP ${status} from the API`), new RegExp(`${status} Error`), /check api-url/],
  })),
];

describe.concurrent('issue 3: fatal errors stop at once and say what to fix', () => {
  for (const f of FATAL) {
    it(`${f.name}: exactly one request, result=error, names the code, Message, request UUID and what to check`, async () => {
      const sc = scenario({ 'udts-f': f.step ? [f.step, DONE] : [DONE] });
      const { run, emulator } = await runScenario(sc, 'udts-f', { inputs: { interval: '100ms', ...f.inputs } });
      expect(run.code).toBe(1);
      expect(emulator.stats().requests).toBe(1);
      expect(run.outputs).toMatchObject({ result: 'error', polls: '1' });
      expectEveryOutput(run);
      expect(commands(run.stdout, 'warning')).toEqual([]); // no retry
      const errors = commands(run.stdout, 'error');
      expect(errors).toHaveLength(1);
      for (const pattern of [...f.says, UUID]) expect(errors[0]).toMatch(pattern);
      expect(run.summary).toMatch(f.says[0] as RegExp);
    });
  }

  for (const runtime of RUNTIMES) {
    it.skipIf(!runtime.path)(runtimeTitle(runtime, 'an unknown host fails fast with result=error, no retry'), async () => {
      const sc = scenario({ 'udts-f': [DONE] });
      const { run, emulator } = await runScenario(sc, 'udts-f', {
        node: runtime.path,
        inputs: { 'api-url': 'https://nonexistent.invalid', timeout: '20s' },
      });
      expect(run.code).toBe(1);
      expect(run.durationMs).toBeLessThan(5_000);
      expect(emulator.stats().requests).toBe(0);
      expect(run.outputs).toMatchObject({ result: 'error', polls: '1' });
      expect(commands(run.stdout, 'warning')).toEqual([]);
      const errors = commands(run.stdout, 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/unknown host in api-url 'https:\/\/nonexistent\.invalid\/'.*ENOTFOUND.*check api-url/);
    });
  }
});

/** A self-signed certificate for 127.0.0.1, made with openssl; undefined when openssl is not here. */
function selfSignedCertificate(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'udts-wait-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TLS = selfSignedCertificate();

describe('issue 3: a TLS certificate error is fatal', () => {
  it.skipIf(!TLS)(`an https API with a self-signed certificate: one connection, result=error, no retry${TLS ? '' : ' [SKIPPED: no openssl]'}`, async () => {
    const server = createServer({ ...TLS }, (_req, res) => res.end('{}'));
    let connections = 0;
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const run = await runAction({
        inputs: { ...baseInputs({ url: `https://127.0.0.1:${port}` }, 'udts-tls'), timeout: '20s' },
        node: DEFAULT_NODE,
        script: BUNDLE,
      });
      expect(run.code).toBe(1);
      expect(connections).toBe(1);
      expect(run.outputs).toMatchObject({ result: 'error', polls: '1' });
      expect(commands(run.stdout, 'warning')).toEqual([]);
      const errors = commands(run.stdout, 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/TLS error talking to 'https:\/\/127\.0\.0\.1:\d+\/' \(DEPTH_ZERO_SELF_SIGNED_CERT.*check api-url and the runner's CA certificates/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
