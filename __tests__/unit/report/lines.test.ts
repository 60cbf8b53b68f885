import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, lineObserver } from '../../../src/report/lines.js';
import { UdtsError } from '../../../src/udts/errors.js';
import { judge } from '../../../src/wait/verdict.js';
import type { TaskRecord } from '../../../src/wait/task-machine.js';
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

  it('prints nothing when the reading did not change and no heartbeat is due', () => {
    const { lines, observer, at } = setup();
    const task = taskWith('udts-a', LOADING);
    observer.reading?.(task, true);
    at(HEARTBEAT_MS - 1);
    observer.reading?.(task, false);
    expect(lines.info).toHaveLength(1);
    expect(lines.warning).toEqual([]);
  });

  it('a heartbeat after 5 minutes of no change, then again 5 minutes after it', () => {
    const { lines, observer, at } = setup();
    const task = taskWith('udts-a', { status: 'Loading', percentage: 47 });
    observer.reading?.(task, true);
    at(4 * MINUTE);
    observer.reading?.(task, false);
    at(5 * MINUTE);
    observer.reading?.(task, false);
    at(7 * MINUTE);
    observer.reading?.(task, false);
    at(10 * MINUTE);
    observer.reading?.(task, false);
    expect(lines.info).toEqual([
      'udts-a: Loading 47%',
      'udts-a: still Loading 47%, 5m waited',
      'udts-a: still Loading 47%, 10m waited',
    ]);
  });

  it('a change restarts the heartbeat clock', () => {
    const { lines, observer, at } = setup();
    observer.reading?.(taskWith('udts-a', { status: 'Loading', percentage: 10 }), true);
    at(4 * MINUTE);
    observer.reading?.(taskWith('udts-a', { status: 'Loading', percentage: 20 }), true);
    at(6 * MINUTE);
    observer.reading?.(taskWith('udts-a', { status: 'Loading', percentage: 20 }), false);
    expect(lines.info).toEqual(['udts-a: Loading 10%', 'udts-a: Loading 20%']);
    at(9 * MINUTE);
    observer.reading?.(taskWith('udts-a', { status: 'Loading', percentage: 20 }), false);
    expect(lines.info.at(-1)).toBe('udts-a: still Loading 20%, 9m waited');
  });

  it('the first heartbeat counts from the start when no line was printed yet', () => {
    const { lines, observer, at } = setup();
    at(HEARTBEAT_MS);
    observer.reading?.(taskWith('udts-a', { status: 'Created' }), false);
    expect(lines.info).toEqual(['udts-a: still Created, 5m waited']);
  });

  it('heartbeats are kept per task', () => {
    const { lines, observer, at } = setup();
    observer.reading?.(taskWith('udts-a', { status: 'Loading' }), true);
    at(3 * MINUTE);
    observer.reading?.(taskWith('udts-b', { status: 'Dumping' }), true);
    at(5 * MINUTE);
    observer.reading?.(taskWith('udts-a', { status: 'Loading' }), false);
    observer.reading?.(taskWith('udts-b', { status: 'Dumping' }), false);
    expect(lines.info).toEqual(['udts-a: Loading', 'udts-b: Dumping', 'udts-a: still Loading, 5m waited']);
  });

  it('a terminal gets a live line on readings that print nothing else', () => {
    const { lines, observer, at } = setup(true);
    const task = taskWith('udts-a', { status: 'Loading', percentage: 47 });
    observer.reading?.(task, true);
    at(MINUTE);
    observer.reading?.(task, false);
    expect(lines.info).toEqual(['udts-a: Loading 47%']);
    expect(lines.live).toEqual(['udts-a: Loading 47%, 1m waited']);
  });

  it('shows the stable-polls count while a success state is being confirmed', () => {
    const { lines, observer } = setup();
    const reading = { status: 'Done' };
    const task: TaskRecord = { ...taskWith('udts-a', reading), judgement: judge(reading, waitSettings({ stablePolls: 3 }), 0) };
    observer.reading?.(task, true);
    expect(lines.info).toHaveLength(1);
    expect(lines.info[0]).toMatch(/^udts-a: Done\b/);
    expect(lines.info[0]).toBe('udts-a: Done (1 of 3 stable readings)');
  });
});

describe('lineObserver: warnings', () => {
  it('a transient fault is a warning naming the cause, the attempt and the delay', () => {
    const { lines, observer } = setup();
    observer.retry?.(taskWith('udts-a', LOADING), new UdtsError('HTTP 502 from the API', { kind: 'transient' }), 2, 1_500);
    expect(lines.warning).toEqual(['udts-a: HTTP 502 from the API; retry 2 in 2s']);
    expect(lines.info).toEqual([]);
  });

  it('an unknown state is a warning naming it', () => {
    const { lines, observer } = setup();
    observer.note?.(taskWith('udts-a', { status: 'Paused' }), 'unknown-state');
    expect(lines.warning).toHaveLength(1);
    expect(lines.warning[0]).toContain("unknown state 'Paused'");
    expect(lines.warning[0]).toContain('timeout');
  });

  it('an answer without a Status is a warning that says so', () => {
    const { lines, observer } = setup();
    observer.note?.(taskWith('udts-a', { percentage: 5 }), 'unknown-state');
    expect(lines.warning).toEqual(['udts-a: the answer carried no Status: treated as still running (the timeout bounds the wait)']);
  });

  it("the service's retry is a warning with retry N of M", () => {
    const { lines, observer } = setup();
    const reading = { status: 'Failed', curRetryCount: 1, maxRetryCount: 3 };
    const task: TaskRecord = { ...taskWith('udts-a', reading), judgement: judge(reading, waitSettings({ tolerateRetries: true }), 0) };
    observer.note?.(task, 'retrying');
    expect(lines.warning).toHaveLength(1);
    expect(lines.warning[0]).toMatch(/^udts-a: .*retry 2 of 3/);
  });

  it('a live sync that can never pass is a notice saying what to set', () => {
    const { lines, observer } = setup();
    observer.note?.(taskWith('udts-a', { status: 'Synced', redisDelayTime: 3 }), 'live-sync');
    expect(lines.warning).toEqual([]);
    expect(lines.notice).toHaveLength(1);
    expect(lines.notice[0]).toMatch(/^udts-a: Synced\. This task keeps syncing .* will not reach Done: .*success-states: Synced.*max-lag.*stable-polls/);
  });

  it("a task the API does not know yet is a warning naming appear-timeout", () => {
    const { lines, observer } = setup();
    observer.note?.(taskWith('udts-a', undefined), 'not-there-yet');
    expect(lines.warning).toEqual(['udts-a: the API does not know this task yet (RetCode 230): asking again at the interval until appear-timeout']);
  });

  it('the lag notes are information, not warnings', () => {
    const { lines, observer } = setup();
    const noLag = { status: 'Synced', binlogName: 'mysql-bin.1', binlogPos: 4 };
    observer.note?.(taskWith('udts-a', noLag), 'no-lag-figure');
    const highLag = { status: 'Synced', redisDelayTime: 42 };
    const settings = waitSettings({ successStates: new Set(['Synced']), maxLagSeconds: 10 });
    observer.note?.({ ...taskWith('udts-b', highLag), judgement: judge(highLag, settings, 0) }, 'lag-too-high');
    expect(lines.warning).toEqual([]);
    expect(lines.info).toEqual([
      'udts-a: Synced reports no lag figure (MySQL gives only its binlog position): max-lag cannot apply, the state counts by itself',
      'udts-b: Synced, lag 42s > max-lag 10s: waiting for the lag to drop',
    ]);
  });
});
