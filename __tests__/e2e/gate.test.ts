/**
 * Issue 4 end to end: several tasks, fail-fast, live sync with max-lag and stable-polls, the
 * service's own retries, a single check (wait: false), unknown states, state names in any case.
 */
import { describe, expect, it } from 'vitest';
import { RUNTIMES, commands, expectEveryOutput, reading, runScenario, runtimeTitle, scenario } from './helpers.js';

const redisLag = (seconds: number) => ({ Progress: { RedisDelayTime: seconds, RedisOffsetSize: seconds * 100 } });
const mongoLag = (seconds: number) => ({ Progress: { MongoDelayTime: seconds } });
const binlog = (pos: number) => ({ Sync: { BinlogName: 'mysql-bin.000007', BinlogPos: pos } });

interface TaskOutput {
  taskId: string;
  verdict: string;
  polls: number;
  status?: string;
  failedMessage?: string;
}

function tasksOutput(outputs: Record<string, string>): TaskOutput[] {
  return JSON.parse(outputs.tasks ?? '[]') as TaskOutput[];
}

describe.concurrent('issue 4: several tasks', () => {
  for (const runtime of RUNTIMES) {
    it.skipIf(!runtime.path)(runtimeTitle(runtime, 'ids by commas, spaces and newlines, duplicates once; all Done: success'), async () => {
      const sc = scenario({
        'udts-a': [reading('Done', { Progress: { CurCount: 1000 } })],
        'udts-b': [reading('Loading', {}, 3), reading('Done', { Progress: { CurCount: 4000 } })],
        'udts-c': [reading('Dumping'), reading('Done', { Progress: { CurCount: 2000 } })],
      });
      const { run, emulator } = await runScenario(sc, '', {
        node: runtime.path,
        inputs: { 'task-id': 'udts-a, udts-b\nudts-c  udts-a,udts-b\n' },
      });
      expect(run.code, run.stdout).toBe(0);
      // Each task polled until it finished, never again after.
      expect(emulator.stats().byTask).toEqual({ 'udts-a': 1, 'udts-b': 4, 'udts-c': 2 });
      expect(run.outputs).toMatchObject({ result: 'success', status: 'Done', polls: '7' });
      // The scalar outputs describe the last task to finish.
      expect(run.outputs['cur-count']).toBe('4000');
      expect(tasksOutput(run.outputs).map((t) => [t.taskId, t.verdict, t.polls])).toEqual([
        ['udts-a', 'success', 1],
        ['udts-b', 'success', 4],
        ['udts-c', 'success', 2],
      ]);
      for (const id of ['udts-a', 'udts-b', 'udts-c']) expect(run.summary).toContain(id);
      expect(commands(run.stdout, 'notice')).toHaveLength(1);
      expect(run.stdout).toMatch(/::notice title=3 UDTS tasks finished in [^:]+::All 3 tasks are finished/);
    });
  }

  it('fail-fast true: the first failure ends the run at once', async () => {
    const sc = scenario({
      'udts-a': [reading('Loading'), reading('Failed', { FailedMessage: 'disk full on target' })],
      'udts-b': [reading('Loading')],
      'udts-c': [reading('Syncing')],
    });
    const { run, emulator } = await runScenario(sc, '', { inputs: { 'task-id': 'udts-a,udts-b,udts-c', timeout: '20s' } });
    expect(run.code).toBe(1);
    expect(run.durationMs).toBeLessThan(5_000);
    expect(run.outputs).toMatchObject({ result: 'failure', status: 'Failed', 'failed-message': 'disk full on target' });
    const errors = commands(run.stdout, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('udts-a is Failed: disk full on target');
    const byTask = emulator.stats().byTask;
    expect(byTask['udts-a']).toBe(2);
    expect(byTask['udts-b']).toBeLessThanOrEqual(3);
    expect(tasksOutput(run.outputs).map((t) => t.verdict)).toEqual(['failure', 'pending', 'pending']);
  });

  it('fail-fast false: waits for all, then fails naming each failed task', async () => {
    const sc = scenario({
      'udts-a': [reading('Loading'), reading('Failed', { FailedMessage: 'disk full on target' })],
      'udts-b': [reading('Loading', {}, 4), reading('Done')],
      'udts-c': [reading('Loading', {}, 2), reading('FailedUnrecoverable', { FailedMessage: 'schema mismatch' })],
    });
    const { run, emulator } = await runScenario(sc, '', { inputs: { 'task-id': 'udts-a udts-b udts-c', 'fail-fast': 'false' } });
    expect(run.code).toBe(1);
    expect(emulator.stats().byTask).toEqual({ 'udts-a': 2, 'udts-b': 5, 'udts-c': 3 });
    const errors = commands(run.stdout, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('2 tasks failed');
    expect(errors[0]).toContain('udts-a is Failed: disk full on target');
    expect(errors[0]).toContain('udts-c is FailedUnrecoverable: schema mismatch');
    // The scalar outputs describe the first task to fail.
    expect(run.outputs).toMatchObject({ result: 'failure', status: 'Failed', 'failed-message': 'disk full on target', polls: '10' });
    expect(tasksOutput(run.outputs).map((t) => t.verdict)).toEqual(['failure', 'success', 'failure']);
  });

  it('polls tasks side by side with bounded concurrency', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `udts-p${i}`);
    const sc = scenario(Object.fromEntries(ids.map((id) => [id, [reading('Done')]])), { latencyMs: 150 });
    const { run, emulator } = await runScenario(sc, '', { inputs: { 'task-id': ids.join(',') } });
    expect(run.code).toBe(0);
    expect(emulator.stats().requests).toBe(12);
    expect(emulator.stats().maxInFlight).toBeGreaterThan(1);
    expect(emulator.stats().maxInFlight).toBeLessThanOrEqual(8);
  });
});

describe.concurrent('issue 4: live sync, max-lag and stable-polls', () => {
  it('Redis: Synced counts only with lag <= max-lag, for stable-polls readings in a row; a lag spike restarts the count', async () => {
    const sc = scenario({
      'udts-r': [
        reading('Syncing', redisLag(60)),
        reading('Synced', redisLag(20)),
        reading('Synced', redisLag(4)),
        reading('Synced', redisLag(3)),
        reading('Synced', redisLag(8)), // breaks the streak of two
        reading('Synced', redisLag(2)),
        reading('Synced', redisLag(1)),
        reading('Synced', redisLag(0)),
      ],
    });
    const { run, emulator } = await runScenario(sc, 'udts-r', {
      inputs: { 'success-states': 'Synced', 'max-lag': '5', 'stable-polls': '3' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(emulator.stats().requests).toBe(8);
    expect(run.outputs).toMatchObject({ result: 'success', status: 'Synced', 'redis-delay-time': '0', 'redis-offset-size': '0', polls: '8' });
    // Said once, as information (the lag is a live figure, not a fault).
    expect(run.stdout.split('\n').filter((line) => line.includes('waiting for the lag to drop'))).toEqual([
      'udts-r: Synced, lag 20s > max-lag 5s: waiting for the lag to drop',
    ]);
    expect(commands(run.stdout, 'warning')).toEqual([]);
    expect(commands(run.stdout, 'notice')[0]).toContain('Synced, lag 0s');
  });

  it('Mongo: MongoDelayTime is the lag figure', async () => {
    const sc = scenario({
      'udts-m': [
        reading('Synced', mongoLag(30)),
        reading('Synced', mongoLag(5)),
        reading('Synced', mongoLag(12)),
        reading('Synced', mongoLag(7)),
        reading('Synced', mongoLag(6)),
      ],
    });
    const { run, emulator } = await runScenario(sc, 'udts-m', {
      inputs: { 'success-states': 'Synced', 'max-lag': '10', 'stable-polls': '2' },
    });
    expect(run.code).toBe(0);
    expect(emulator.stats().requests).toBe(5);
    expect(run.outputs).toMatchObject({ result: 'success', 'mongo-delay-time': '6', 'redis-delay-time': '' });
  });

  it('a lag that never drops ends in timeout, not success', async () => {
    const sc = scenario({ 'udts-r': [reading('Synced', redisLag(30))] });
    const { run } = await runScenario(sc, 'udts-r', {
      inputs: { 'success-states': 'Synced', 'max-lag': '5', timeout: '600ms', interval: '100ms' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'timeout', status: 'Synced', 'redis-delay-time': '30' });
  });

  it('MySQL (no lag figure): one log line says max-lag cannot apply, the state counts by itself', async () => {
    const sc = scenario({ 'udts-my': [reading('Syncing', binlog(100)), reading('Synced', binlog(200)), reading('Synced', binlog(300))] });
    const { run, emulator } = await runScenario(sc, 'udts-my', {
      inputs: { 'success-states': 'Synced', 'max-lag': '5', 'stable-polls': '2' },
    });
    expect(run.code).toBe(0);
    expect(emulator.stats().requests).toBe(3);
    expect(run.outputs).toMatchObject({ result: 'success', status: 'Synced', 'binlog-pos': '300', 'redis-delay-time': '', 'mongo-delay-time': '' });
    expect(run.stdout.split('\n').filter((line) => /no lag figure/.test(line))).toHaveLength(1);
    expect(commands(run.stdout, 'warning')).toEqual([]);
  });
});

describe.concurrent("issue 4: the service's own retries", () => {
  const failedWithRetries = reading('Failed', { CurRetryCount: 0, MaxRetryCount: 2, FailedMessage: 'lost connection to source' });

  it('tolerate-retries true: Failed with retries left is waited through ("retry 1 of 2"), then Done', async () => {
    const sc = scenario({
      'udts-t': [
        failedWithRetries,
        reading('RetryPending', { CurRetryCount: 0, MaxRetryCount: 2 }),
        reading('Loading', { CurRetryCount: 1, MaxRetryCount: 2 }),
        reading('Done', { CurRetryCount: 1, MaxRetryCount: 2 }),
      ],
    });
    const { run, emulator } = await runScenario(sc, 'udts-t', { inputs: { 'tolerate-retries': 'true' } });
    expect(run.code, run.stdout).toBe(0);
    expect(emulator.stats().requests).toBe(4);
    expect(run.outputs).toMatchObject({ result: 'success', status: 'Done', 'cur-retry-count': '1', 'max-retry-count': '2' });
    const warnings = commands(run.stdout, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/udts-t: .*retry 1 of 2/);
  });

  it('tolerate-retries true with retries used up: failure as before', async () => {
    const sc = scenario({ 'udts-t': [reading('Failed', { CurRetryCount: 2, MaxRetryCount: 2, FailedMessage: 'gave up' })] });
    const { run, emulator } = await runScenario(sc, 'udts-t', { inputs: { 'tolerate-retries': 'true' } });
    expect(run.code).toBe(1);
    expect(emulator.stats().requests).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failure', status: 'Failed', 'failed-message': 'gave up' });
  });

  it('tolerate-retries false (default): Failed fails even with retries left', async () => {
    const sc = scenario({ 'udts-t': [failedWithRetries, reading('Done')] });
    const { run, emulator } = await runScenario(sc, 'udts-t');
    expect(run.code).toBe(1);
    expect(emulator.stats().requests).toBe(1);
    expect(run.outputs.result).toBe('failure');
  });

  it('RetryPending is always waited through', async () => {
    const sc = scenario({
      'udts-rp': [
        reading('Loading', { CurRetryCount: 0, MaxRetryCount: 3 }),
        reading('RetryPending', { CurRetryCount: 0, MaxRetryCount: 3 }, 2),
        reading('Loading', { CurRetryCount: 1, MaxRetryCount: 3 }),
        reading('Done', { CurRetryCount: 1, MaxRetryCount: 3 }),
      ],
    });
    const { run, emulator } = await runScenario(sc, 'udts-rp');
    expect(run.code).toBe(0);
    expect(emulator.stats().requests).toBe(5);
    expect(run.outputs).toMatchObject({ result: 'success', status: 'Done' });
    const warnings = commands(run.stdout, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/RetryPending \(retry 1 of 3\)/);
  });
});

describe.concurrent('issue 4: a single check (wait: false)', () => {
  for (const [status, result, code] of [
    ['Loading', 'pending', 0],
    ['Done', 'success', 0],
    ['Failed', 'failure', 1],
    ['StoppedUnrecoverable', 'failure', 1],
  ] as const) {
    it(`${status}: exactly one request, result=${result}, exit ${code}`, async () => {
      const sc = scenario({ 'udts-w': [reading(status, { Progress: { Percentage: 55 } }), reading('Done')] });
      const { run, emulator } = await runScenario(sc, 'udts-w', { inputs: { wait: 'false' } });
      expect(run.code).toBe(code);
      expect(emulator.stats().requests).toBe(1);
      expect(run.outputs).toMatchObject({ result, status, percentage: '55', polls: '1' });
      expectEveryOutput(run);
      expect(commands(run.stdout, 'error')).toHaveLength(code);
    });
  }

  it('several tasks: one request each; pending while any still runs', async () => {
    const sc = scenario({
      'udts-a': [reading('Done'), reading('Done')],
      'udts-b': [reading('Loading'), reading('Done')],
      'udts-c': [reading('Synced'), reading('Done')],
    });
    const { run, emulator } = await runScenario(sc, '', { inputs: { 'task-id': 'udts-a,udts-b,udts-c', wait: 'false' } });
    expect(run.code).toBe(0);
    expect(emulator.stats().byTask).toEqual({ 'udts-a': 1, 'udts-b': 1, 'udts-c': 1 });
    expect(run.outputs).toMatchObject({ result: 'pending', polls: '3' });
    expect(tasksOutput(run.outputs).map((t) => t.verdict)).toEqual(['success', 'pending', 'pending']);
  });
});

describe.concurrent('issue 4: state names', () => {
  it('an unknown status: one ::warning:: naming it, then waiting until Done', async () => {
    const sc = scenario({ 'udts-u': [reading('Loading'), reading('Rebalancing', {}, 3), reading('Done')] });
    const { run, emulator } = await runScenario(sc, 'udts-u');
    expect(run.code).toBe(0);
    expect(emulator.stats().requests).toBe(5);
    const warnings = commands(run.stdout, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("unknown state 'Rebalancing'");
    expect(run.outputs).toMatchObject({ result: 'success', status: 'Done' });
  });

  it('an unknown status is still bounded by the deadline', async () => {
    const sc = scenario({ 'udts-u': [reading('Rebalancing')] });
    const { run } = await runScenario(sc, 'udts-u', { inputs: { timeout: '500ms' } });
    expect(run.code).toBe(1);
    expect(commands(run.stdout, 'warning')).toHaveLength(1);
    expect(run.outputs).toMatchObject({ result: 'timeout', status: 'Rebalancing' });
  });

  it('state names in any case: success-states "SYNCED", failure-states "failed, STOPPED"', async () => {
    const sc = scenario({ 'udts-k': [reading('Syncing'), reading('Synced')] });
    const { run } = await runScenario(sc, 'udts-k', { inputs: { 'success-states': 'SYNCED', 'failure-states': 'failed, STOPPED' } });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', status: 'Synced', polls: '2' });

    const stopped = scenario({ 'udts-k': [reading('Syncing'), reading('Stopped')] });
    const second = await runScenario(stopped, 'udts-k', { inputs: { 'success-states': 'synced', 'failure-states': 'failed, STOPPED' } });
    expect(second.run.code).toBe(1);
    expect(second.run.outputs).toMatchObject({ result: 'failure', status: 'Stopped' });
  });
});
