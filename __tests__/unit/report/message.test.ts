/** How a wait ended, in one line: every outcome's wording, and the tasks it names. */
import { describe, expect, it } from 'vitest';
import { resultMessage } from '../../../src/report/message.js';
import { UdtsError } from '../../../src/udts/errors.js';
import { LOADING, resultWith, taskWith } from './fixtures.js';

const failed = (taskId: string, failedMessage: string, finishedAt: number) => taskWith(taskId, { status: 'Failed', failedMessage }, { finishedAt });
const running = (taskId: string, extra = {}) => taskWith(taskId, { status: 'Loading', percentage: 40 }, extra);
const fault = new UdtsError('HTTP 503 from the API', { kind: 'transient' });

describe('resultMessage: how the wait ended, in one line', () => {
  it.each<[string, ReturnType<typeof resultWith>, string]>([
    ['one failure: the status and its message', resultWith('failure', [failed('udts-a', 'Access denied', 1)]), 'Task udts-a is Failed: Access denied.'],
    ['several failures: each, the first to fail first',
      resultWith('failure', [failed('udts-a', 'boom A', 2), taskWith('udts-c', { status: 'Done' }), failed('udts-b', 'boom B', 1)]),
      '2 tasks failed: udts-b is Failed: boom B; udts-a is Failed: boom A.'],
    ['a timeout: the first still waiting, how many more, the last status and error',
      resultWith('timeout', [running('udts-a', { lastError: fault }), running('udts-b')], { elapsedMs: 40_000 }),
      'Timed out after 40s waiting for udts-a and 1 more; last status Loading 40%; last error: HTTP 503 from the API.'],
    ['pending: the tasks still running, not the done ones', resultWith('pending', [taskWith('udts-a', { status: 'Done' }), taskWith('udts-b', LOADING)]),
      'Still running: udts-b (Loading 47.5%, 4,750/10,000, about 5m 15s left, binlog mysql-bin.000042:154).'],
    ['cancelled: the task waited for and its last status', resultWith('cancelled', [running('udts-a')], { elapsedMs: 15_000 }),
      'Cancelled after 15s waiting for udts-a; last status Loading 40%.'],
    ['cancelled with several running: how many more', resultWith('cancelled', [running('udts-a'), running('udts-b'), running('udts-c')], { elapsedMs: 15_000 }),
      'Cancelled after 15s waiting for udts-a and 2 more; last status Loading 40%.'],
    ['a task that never appeared: for how long', resultWith('error', [taskWith('udts-a', undefined)], { error: new Error('API error RetCode 230'), appearWaitedMs: 30_000 }),
      'Task udts-a: API error RetCode 230. The task did not appear in 30s of waiting (appear-timeout).'],
  ])('%s', (_what, result, message) => {
    expect(resultMessage(result)).toBe(message);
  });
});
