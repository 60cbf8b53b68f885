import { describe, expect, it } from 'vitest';
import { OUTPUT_NAMES, toOutputs } from '../../../src/report/outputs.js';
import { UdtsError } from '../../../src/udts/errors.js';
import { LOADING, resultWith, taskWith } from './fixtures.js';

describe('toOutputs', () => {
  it('sets every output, from the deciding task', () => {
    const reading = { ...LOADING, status: 'Done', percentage: 100, redisOffsetSize: 12, redisDelayTime: 3, mongoDelayTime: 4, failedMessage: 'none' };
    const outputs = toOutputs(resultWith('success', [taskWith('udts-a', reading)], { elapsedMs: 45_400, polls: 3 }));
    expect(Object.keys(outputs)).toEqual([...OUTPUT_NAMES]);
    expect(outputs).toEqual({
      result: 'success',
      status: 'Done',
      percentage: '100',
      'cur-count': '4750',
      'total-count': '10000',
      'cur-duration': '285',
      'total-duration': '600',
      'failed-message': 'none',
      'cur-retry-count': '0',
      'max-retry-count': '3',
      'binlog-name': 'mysql-bin.000042',
      'binlog-pos': '154',
      'binlog-gtid': 'uuid:1-42',
      'redis-offset-size': '12',
      'redis-delay-time': '3',
      'mongo-delay-time': '4',
      elapsed: '45',
      polls: '3',
      tasks: outputs.tasks,
      'failed-tasks': '',
      'pending-tasks': '',
    });
  });

  it("sets '' where the API gave nothing, and 0 as '0'", () => {
    const outputs = toOutputs(resultWith('success', [taskWith('udts-a', { status: 'Done', percentage: 0 })]));
    expect(outputs).toMatchObject({ status: 'Done', percentage: '0' });
    for (const name of OUTPUT_NAMES.filter((n) => !['result', 'status', 'percentage', 'elapsed', 'polls', 'tasks', 'failed-tasks', 'pending-tasks'].includes(n))) {
      expect(outputs[name], name).toBe('');
    }
  });

  it('sets every output even when no reading was ever taken (an error on the first request)', () => {
    const error = new UdtsError('API error RetCode 171', { kind: 'fatal', retCode: 171 });
    const outputs = toOutputs(resultWith('error', [taskWith('udts-a', undefined, { polls: 1, lastError: error })], { elapsedMs: 200 }));
    expect(Object.keys(outputs)).toEqual([...OUTPUT_NAMES]);
    expect(outputs).toMatchObject({ result: 'error', status: '', elapsed: '0', polls: '1' });
    expect(JSON.parse(outputs.tasks)).toEqual([{ taskId: 'udts-a', verdict: 'error', polls: 1, error: 'API error RetCode 171' }]);
  });

  it('the scalar outputs describe the deciding task, not the first one', () => {
    const tasks = [taskWith('udts-a', { status: 'Done' }), taskWith('udts-b', { status: 'Failed', failedMessage: 'disk full' })];
    const outputs = toOutputs(resultWith('failure', tasks, { decidingTaskId: 'udts-b' }));
    expect(outputs).toMatchObject({ status: 'Failed', 'failed-message': 'disk full' });
  });

  it('tasks is a JSON array with every task: id, verdict, polls, last reading and last error', () => {
    const fault = new UdtsError('HTTP 502 from the API', { kind: 'transient' });
    const tasks = [
      taskWith('udts-a', { status: 'Done', percentage: 100 }, { polls: 1 }),
      taskWith('udts-b', { status: 'Loading', percentage: 30 }, { polls: 4, lastError: fault }),
    ];
    const parsed = JSON.parse(toOutputs(resultWith('timeout', tasks)).tasks);
    expect(parsed).toEqual([
      { taskId: 'udts-a', verdict: 'success', polls: 1, status: 'Done', percentage: 100 },
      { taskId: 'udts-b', verdict: 'pending', polls: 4, status: 'Loading', percentage: 30, error: 'HTTP 502 from the API' },
    ]);
  });

  const fatal = { lastError: new UdtsError('API error RetCode 230', { kind: 'fatal', retCode: 230 }) };
  it.each([
    ['none failed, none pending', 'success', [['udts-a', 'Done'], ['udts-b', 'Done']], '', ''],
    ['a failure and an error, in input order; the rest still running', 'failure',
      [['udts-a', 'Loading'], ['udts-b', 'Failed'], ['udts-c', 'Done'], ['udts-d', 'Loading', fatal]], 'udts-b,udts-d', 'udts-a'],
    ['a timeout: every unfinished task', 'timeout', [['udts-a', 'Loading'], ['udts-b', 'Done'], ['udts-c', 'Syncing']], '', 'udts-a,udts-c'],
    ['no reading yet (cancelled at once)', 'cancelled', [['udts-a', undefined]], '', 'udts-a'],
  ] as const)('failed-tasks and pending-tasks: %s', (_what, outcome, specs, failed, pending) => {
    const tasks = specs.map(([id, status, extra]) => taskWith(id, status ? { status } : undefined, extra));
    const outputs = toOutputs(resultWith(outcome, tasks));
    expect([outputs['failed-tasks'], outputs['pending-tasks']]).toEqual([failed, pending]);
  });

  it.each(['success', 'failure', 'timeout', 'cancelled', 'error', 'pending'] as const)('result is %s for that outcome', (outcome) => {
    expect(toOutputs(resultWith(outcome, [taskWith('udts-a', LOADING)])).result).toBe(outcome);
  });
});
