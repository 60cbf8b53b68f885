import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, lineObserver } from '../../../src/report/lines.js';
import { UdtsError } from '../../../src/udts/errors.js';
import { judge } from '../../../src/wait/verdict.js';
import type { TaskRecord } from '../../../src/wait/task-machine.js';
import type { TaskNote, WaitOptions } from '../../../src/wait/types.js';
import type { Reading } from '../../../src/udts/status.js';
import { START_MS, waitSettings } from '../fakes.js';
import { LOADING, taskWith } from './fixtures.js';

function setup(withLive = false) {
  const lines = { info: [] as string[], warning: [] as string[], notice: [] as string[], live: [] as string[] };
  let nowMs = START_MS;
  const sink = {
    info: (line: string) => lines.info.push(line),
    warning: (line: string) => lines.warning.push(line),
    notice: (line: string) => lines.notice.push(line),
    ...(withLive ? { live: (line: string) => lines.live.push(line) } : {}),
  };
  const observer = lineObserver(sink, () => nowMs, START_MS);
  const at = (offsetMs: number) => {
    nowMs = START_MS + offsetMs;
  };
  return { lines, observer, at };
}

const MINUTE = 60_000;
const LOADING_47 = { status: 'Loading', percentage: 47 };

describe('lineObserver: lines', () => {
  it('prints a line when the reading changes, with percentage, counts and the remaining time', () => {
    const { lines, observer } = setup();
    observer.reading?.(taskWith('udts-a', LOADING), true);
    expect(lines.info).toEqual(['udts-a: Loading 47.5%, 4,750/10,000, about 5m 15s left, binlog mysql-bin.000042:154']);
  });

  it('a failed task shows no time left: the estimate died with it', () => {
    const { lines, observer } = setup();
    observer.reading?.(taskWith('udts-a', { ...LOADING, status: 'Failed' }), true);
    expect(lines.info).toEqual(['udts-a: Failed 47.5%, 4,750/10,000, binlog mysql-bin.000042:154']);
  });

  // Each event: minutes since the start, the task and its reading, and whether the reading changed.
  it.each<[string, Array<[number, string, Reading, boolean]>, string[]]>([
    ['nothing when the reading did not change and no heartbeat is due',
      [[0, 'udts-a', LOADING_47, true], [(HEARTBEAT_MS - 1) / MINUTE, 'udts-a', LOADING_47, false]], ['udts-a: Loading 47%']],
    ['a heartbeat after 5 minutes of no change, then 5 minutes after it',
      [[0, 'udts-a', LOADING_47, true], [4, 'udts-a', LOADING_47, false], [5, 'udts-a', LOADING_47, false], [7, 'udts-a', LOADING_47, false], [10, 'udts-a', LOADING_47, false]],
      ['udts-a: Loading 47%', 'udts-a: still Loading 47%, 5m waited', 'udts-a: still Loading 47%, 10m waited']],
    ['a change restarts the heartbeat clock',
      [[0, 'udts-a', { status: 'Loading', percentage: 10 }, true], [4, 'udts-a', LOADING_47, true], [6, 'udts-a', LOADING_47, false], [9, 'udts-a', LOADING_47, false]],
      ['udts-a: Loading 10%', 'udts-a: Loading 47%', 'udts-a: still Loading 47%, 9m waited']],
    ['the first heartbeat counts from the start when no line was printed yet', [[5, 'udts-a', { status: 'Created' }, false]], ['udts-a: still Created, 5m waited']],
    ['heartbeats are kept per task',
      [[0, 'udts-a', { status: 'Loading' }, true], [3, 'udts-b', { status: 'Dumping' }, true],
        [5, 'udts-a', { status: 'Loading' }, false], [5, 'udts-b', { status: 'Dumping' }, false]],
      ['udts-a: Loading', 'udts-b: Dumping', 'udts-a: still Loading, 5m waited']],
  ])('prints %s', (_what, events, info) => {
    const { lines, observer, at } = setup();
    for (const [minutes, taskId, reading, changed] of events) {
      at(minutes * MINUTE);
      observer.reading?.(taskWith(taskId, reading), changed);
    }
    expect(lines).toMatchObject({ info, warning: [] });
  });

  it('shows the stable-polls count while a success state is being confirmed', () => {
    const { lines, observer } = setup();
    const reading = { status: 'Done' };
    const task: TaskRecord = { ...taskWith('udts-a', reading), judgement: judge(reading, waitSettings({ stablePolls: 3 }), 0) };
    observer.reading?.(task, true);
    expect(lines.info).toEqual(['udts-a: Done (1 of 3 stable readings)']);
  });
});

describe('lineObserver: faults and notes', () => {
  it('a transient fault is a warning naming the cause, the attempt and the delay', () => {
    const { lines, observer } = setup();
    observer.retry?.(taskWith('udts-a', LOADING), new UdtsError('HTTP 502 from the API', { kind: 'transient' }), 2, 1_500);
    expect(lines).toMatchObject({ warning: ['udts-a: HTTP 502 from the API; retry 2 in 2s'], info: [] });
  });

  const judged = (reading: Reading, settings: Partial<WaitOptions>): TaskRecord => ({ ...taskWith('udts-a', reading), judgement: judge(reading, waitSettings(settings), 0) });
  it.each<[string, TaskRecord, TaskNote, 'info' | 'warning' | 'notice', string | RegExp]>([
    ['an unknown state: a warning naming it', taskWith('udts-a', { status: 'Paused' }), 'unknown-state', 'warning', /^udts-a: .*unknown state 'Paused'.*timeout/],
    ['an answer without a Status: a warning that says so', taskWith('udts-a', { percentage: 5 }), 'unknown-state', 'warning',
      'udts-a: the answer carried no Status: treated as still running (the timeout bounds the wait)'],
    ["the service's retry: a warning with retry N of M", judged({ status: 'Failed', curRetryCount: 1, maxRetryCount: 3 }, { tolerateRetries: true }), 'retrying', 'warning',
      /^udts-a: .*retry 2 of 3/],
    ['a live sync that can never pass: a notice saying what to set', taskWith('udts-a', { status: 'Synced', redisDelayTime: 3 }), 'live-sync', 'notice',
      /^udts-a: Synced\. This task keeps syncing .* will not reach Done: .*success-states: Synced.*max-lag.*stable-polls/],
    ['a task the API does not know yet: a warning naming appear-timeout', taskWith('udts-a', undefined), 'not-there-yet', 'warning',
      'udts-a: the API does not know this task yet (RetCode 230): asking again at the interval until appear-timeout'],
    ['no lag figure: information', taskWith('udts-a', { status: 'Synced', binlogName: 'mysql-bin.1', binlogPos: 4 }), 'no-lag-figure', 'info',
      'udts-a: Synced reports no lag figure (MySQL gives only its binlog position): max-lag cannot apply, the state counts by itself'],
    ['a lag too high: information', judged({ status: 'Synced', redisDelayTime: 42 }, { successStates: new Set(['Synced']), maxLagSeconds: 10 }), 'lag-too-high', 'info',
      'udts-a: Synced, lag 42s > max-lag 10s: waiting for the lag to drop'],
  ])('%s', (_what, task, note, sink, line) => {
    const { lines, observer } = setup();
    observer.note?.(task, note);
    expect(lines).toEqual({ info: [], warning: [], notice: [], live: [], [sink]: [typeof line === 'string' ? line : expect.stringMatching(line)] });
  });
});
