/** The per-task loop's rules, as pure transitions: a reading or a fault in, the next step out (the waiter only carries them out). */
import { describe, expect, it } from 'vitest';
import { UdtsError } from '../../../src/udts/errors.js';
import type { Reading } from '../../../src/udts/status.js';
import {
  NOTES_LIMIT, TIMELINE_FIRST, TIMELINE_LIMIT, initialRecord, nextStep, type MachineContext, type TaskEvent, type TaskRecord, type Transition,
} from '../../../src/wait/task-machine.js';
import { RECENT_LIMIT } from '../../../src/wait/schedule.js';
import { fatal171, timedOut, transient, waitSettings } from '../fakes.js';

const T0 = 1_000_000;
const BASE_TIMEOUT_MS = 15_000;
const MAX_TIMEOUT_MS = 30_000;

function context(overrides: Partial<MachineContext['options']> = {}, random = 0.5): MachineContext {
  return {
    options: waitSettings(overrides),
    startedAt: T0,
    startedWallAt: T0,
    baseRequestTimeoutMs: BASE_TIMEOUT_MS,
    maxRequestTimeoutMs: MAX_TIMEOUT_MS,
    random: () => random,
  };
}

const reading = (r: Reading, at = T0): TaskEvent => ({ kind: 'reading', reading: r, at });
const fault = (error: unknown, at = T0): TaskEvent => ({ kind: 'fault', error, at });

/** Feeds events in order from the initial state; returns every transition. */
function run(events: TaskEvent[], ctx = context()): Transition[] {
  let record: TaskRecord = initialRecord('udts-a', ctx.baseRequestTimeoutMs);
  return events.map((event) => {
    const transition = nextStep(record, event, ctx);
    record = transition.record;
    return transition;
  });
}

const steps = (transitions: Transition[]) => transitions.map((t) => t.step);
const LOADING: Reading = { status: 'Loading', percentage: 40 };

describe('after a reading', () => {
  it.each<[string, Reading, Partial<MachineContext['options']>, Transition['step']]>([
    ['a success state finishes with success', { status: 'Done' }, {}, { kind: 'finished', verdict: 'success' }],
    ['a failure state finishes with failure', { status: 'Failed' }, {}, { kind: 'finished', verdict: 'failure' }],
    ['a running task with no estimate polls at the interval', LOADING, {}, { kind: 'poll', delayMs: 15_000 }],
    ['with wait: false, a running task is checked, not polled again', LOADING, { wait: false }, { kind: 'checked' }],
    ['with wait: false, a done task still finishes', { status: 'Done' }, { wait: false }, { kind: 'finished', verdict: 'success' }],
    ['an unknown state is waited through at the interval', { status: 'Paused' }, {}, { kind: 'poll', delayMs: 15_000 }],
    ['a service estimate inside the interval is aimed at (the window\'s top less a step, a spare poll left)', { status: 'Loading', totalDuration: 100, curDuration: 94 }, {}, { kind: 'poll', delayMs: 5_100 }],
  ])('%s', (_name, r, options, step) => {
    const [t] = run([reading(r)], context(options));
    expect([t?.step, t?.record.finishedAt]).toEqual([step, step.kind === 'finished' ? T0 : undefined]);
  });

  it('a success state still counting stable readings polls at the interval, not at an estimate', () => {
    const aimed = { status: 'Done', totalDuration: 100, curDuration: 99 };
    const [first, second] = run([reading(aimed), reading(aimed, T0 + 15_000)], context({ stablePolls: 2 }));
    expect(first?.step).toEqual({ kind: 'poll', delayMs: 15_000 });
    expect(first?.record.judgement?.streak).toBe(1);
    expect(second?.step).toEqual({ kind: 'finished', verdict: 'success' });
  });

  it('a good reading resets the fault count and the request timeout: the next fault is retry 1 again', () => {
    const [, , after, again] = run([fault(timedOut()), fault(transient()), reading(LOADING), fault(transient())]);
    expect(after?.record).toMatchObject({ faultsInRow: 0, requestTimeoutMs: BASE_TIMEOUT_MS });
    expect(again?.retry).toEqual({ attempt: 1, delayMs: 250 });
  });

  it(`keeps the last ${RECENT_LIMIT} readings, oldest first, for the schedule`, () => {
    const events = Array.from({ length: RECENT_LIMIT + 3 }, (_, i) => reading({ status: 'Loading', percentage: i }, T0 + i * 1_000));
    const last = run(events).at(-1);
    expect(last?.record.recent?.recent.map((h) => h.reading.percentage)).toEqual(Array.from({ length: RECENT_LIMIT }, (_, i) => i + 3));
  });

  it(`keeps a timeline of each new status (none: no entry), on the wall clock, the first ${TIMELINE_FIRST} and the latest, ${TIMELINE_LIMIT} in all`, () => {
    const statuses = ['Loading', undefined, 'Loading', 'Failed', ...Array.from({ length: TIMELINE_LIMIT + 5 }, (_, i) => `Odd${i}`)];
    const ctx = { ...context(), startedWallAt: 5_000 };
    const { timeline, timelineCut } = run(statuses.map((status, i) => reading({ status }, T0 + i)), ctx).at(-1)?.record ?? initialRecord('', 0);
    expect(timeline.slice(0, 2)).toEqual([{ status: 'Loading', at: 5_000 }, { status: 'Failed', at: 5_003 }]);
    expect([timeline.length, timelineCut, timeline.at(-1)?.status]).toEqual([TIMELINE_LIMIT, 7, `Odd${TIMELINE_LIMIT + 4}`]);
    expect(timeline[TIMELINE_FIRST]?.status).toBe('Odd15');
  });
});

describe('notes, each said once', () => {
  it.each<[string, Reading[], Partial<MachineContext['options']>, string[][]]>([
    ['an unknown state, once per state name', [{ status: 'Paused' }, { status: 'Paused' }, { status: 'Frozen' }], {}, [['unknown-state'], [], ['unknown-state']]],
    ["the service's retry, once per retry", [
      { status: 'RetryPending', curRetryCount: 0, maxRetryCount: 3 },
      { status: 'RetryPending', curRetryCount: 0, maxRetryCount: 3 },
      { status: 'RetryPending', curRetryCount: 1, maxRetryCount: 3 },
    ], {}, [['retrying'], [], ['retrying']]],
    ['no lag figure, once', [{ status: 'Synced' }, { status: 'Synced' }], { successStates: new Set(['Synced']), maxLagSeconds: 5, stablePolls: 3 }, [['no-lag-figure'], []]],
    ['a lag too high, once while it stays', [
      { status: 'Synced', redisDelayTime: 60 },
      { status: 'Synced', redisDelayTime: 60 },
      { status: 'Synced', redisDelayTime: 4 },
    ], { successStates: new Set(['Synced']), maxLagSeconds: 5 }, [['lag-too-high'], [], []]],
    ['a lag too high, once, whatever the retry count', [
      { status: 'Synced', redisDelayTime: 60, curRetryCount: 0 },
      { status: 'Synced', redisDelayTime: 60, curRetryCount: 1 },
    ], { successStates: new Set(['Synced']), maxLagSeconds: 5 }, [['lag-too-high'], []]],
  ])('%s', (_name, readings, options, notes) => {
    expect(run(readings.map((r, i) => reading(r, T0 + i)), context(options)).map((t) => t.notes)).toEqual(notes);
  });

  it(`says at most ${NOTES_LIMIT} notes: an API inventing a state per poll cannot flood the log`, () => {
    const transitions = run(Array.from({ length: NOTES_LIMIT + 10 }, (_, i) => reading({ status: `Odd${i}` }, T0 + i)));
    expect(transitions.flatMap((t) => t.notes)).toHaveLength(NOTES_LIMIT);
  });
});

describe('after a fault', () => {
  it('transient faults retry with full-jitter backoff, doubling up to the interval', () => {
    const transitions = run([fault(transient()), fault(transient()), fault(transient()), fault(transient())], context({ intervalMs: 1_500 }));
    expect(transitions.map((t) => t.retry)).toEqual([
      { attempt: 1, delayMs: 250 },
      { attempt: 2, delayMs: 500 },
      { attempt: 3, delayMs: 750 },
      { attempt: 4, delayMs: 750 },
    ]);
    expect(steps(transitions)).toEqual(transitions.map((t) => ({ kind: 'poll', delayMs: t.retry?.delayMs })));
    expect(transitions.map((t) => t.notes)).toEqual([[], [], [], []]);
    expect(transitions[0]?.record.lastError?.kind).toBe('transient');
  });

  it('only a request that timed out doubles the next allowance, up to the maximum', () => {
    const fromFive = { ...context(), baseRequestTimeoutMs: 5_000 };
    const timeouts = run([fault(timedOut()), fault(timedOut()), fault(timedOut())], fromFive).map((t) => t.record.requestTimeoutMs);
    expect(timeouts).toEqual([10_000, 20_000, MAX_TIMEOUT_MS]);
    const others = run([fault(transient('HTTP 502')), fault(transient('network error (ECONNRESET)'))]).map((t) => t.record.requestTimeoutMs);
    expect(others).toEqual([BASE_TIMEOUT_MS, BASE_TIMEOUT_MS]);
  });

  it.each<[string, unknown]>([
    ["a fatal API error stops the run with that error, the task's last API error", fatal171()],
    ["an error that is not a UdtsError (a bug) stops the run and is not shown as the task's API error", new TypeError('bug')],
  ])('%s', (_what, error) => {
    const [t] = run([fault(error)]);
    expect(t?.step).toEqual({ kind: 'stop', error });
    expect([t?.record.lastError, t?.notes]).toEqual([error instanceof UdtsError ? error : undefined, []]);
  });
});

describe('appear-timeout: a task the API does not know yet', () => {
  const notThere = () => new UdtsError('API error RetCode 230 "Params [TaskId] not available"', { kind: 'fatal', retCode: 230 });

  it('within the window, RetCode 230 is asked again at the interval, said once', () => {
    const transitions = run([fault(notThere(), T0), fault(notThere(), T0 + 15_000), reading(LOADING, T0 + 30_000)], context({ appearTimeoutMs: 60_000 }));
    expect(steps(transitions).map((s) => s.kind)).toEqual(['poll', 'poll', 'poll']);
    expect(transitions[0]?.step).toEqual({ kind: 'poll', delayMs: 15_000 });
    expect(transitions.map((t) => t.notes)).toEqual([['not-there-yet'], [], []]);
    expect(transitions[0]?.record.lastError?.retCode).toBe(230);
  });

  it('after the window, RetCode 230 stops the run, saying how long the task was waited for', () => {
    const error = notThere();
    const [, last] = run([fault(notThere(), T0 + 5_000), fault(error, T0 + 65_000)], context({ appearTimeoutMs: 60_000 }));
    expect(last?.step).toEqual({ kind: 'stop', error, appearWaitedMs: 65_000 });
    expect(last?.notes).toEqual([]);
  });

  it.each<[string, TaskEvent[], Partial<MachineContext['options']>]>([
    ['with the default 0, the first RetCode 230', [fault(notThere())], {}],
    ['once the task was seen, RetCode 230 even within the window', [reading(LOADING, T0), fault(notThere(), T0 + 1_000)], { appearTimeoutMs: 60_000 }],
    ['another fatal error within the window', [fault(fatal171())], { appearTimeoutMs: 60_000 }],
  ])('%s stops the run as any fatal error does', (_what, events, options) => {
    const last = run(events, context(options)).at(-1);
    expect(last?.step).toEqual({ kind: 'stop', error: last?.record.lastError });
  });
});
