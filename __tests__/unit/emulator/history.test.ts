/** GetUDTSTaskHistory: checked like the status call, answered from the scenario's history and the states served, on an injected clock. */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { FakeClock, START_MS } from '../fakes.js';
import { call, emulatorFor, post, signed, statusOf, type Params } from './helpers.js';

/** Where the clock starts in the tests that check absolute times. */
const NOON = Date.UTC(2026, 0, 1, 12);

const HISTORY = 'GetUDTSTaskHistory';
const SCENARIO: Scenario = {
  tasks: {
    timed: {
      advance: 'time',
      history: [{ state: 'Created', at: -300 }, { state: 'Checking', at: -240 }],
      steps: [[0, 'Loading'], [10, 'Failed'], [12, 'RetryPending'], [14, 'Loading'], [30, 'Done']].map(([at, Status]) => ({ at: at as number, data: { Status } })),
    },
    polled: {
      history: [{ state: 'Created', at: -60 }],
      steps: [{ data: { Status: 'Created' } }, { data: { Status: 'Loading' }, repeat: 2 }, { data: { Status: 'Done' } }],
    },
    late: {
      advance: 'time',
      steps: [{ at: 0, fault: { kind: 'retcode', retCode: 230, message: 'Params [TaskId] not available' } }, { at: 5, data: { Status: 'Created' } }],
    },
    latePolled: { steps: [{ fault: { kind: 'retcode', retCode: '230' } }, { data: { Status: 'Created' } }] },
    broken: { steps: [{ data: { Status: 'Loading' } }], historyFault: { kind: 'http', status: 500 } },
  },
};

/** A status call, a history call, or the clock moved by so many ms. */
type Move = 'status' | 'history' | number;
type Item = { AntID: string; AntState: string; CreateTime: number; CreateTimeH: string };

const history = (emulator: Awaited<ReturnType<typeof emulatorFor>>, taskId: string) => post(emulator, signed(call(HISTORY, taskId)));

/** The states of a history answer with their seconds from the clock's start, oldest first (the API promises no order). */
const timeline = (answer: Record<string, unknown>): string[] =>
  [...(answer.Data as Item[])].sort((a, b) => a.CreateTime - b.CreateTime).map((item) => `${item.AntState}@${item.CreateTime - START_MS / 1_000}`);

describe('GetUDTSTaskHistory: checked like the status call', () => {
  const BASE: Params = call(HISTORY, 'timed');
  // The checks themselves are the status call's table (server.test.ts); these show history goes through them.
  it.each<[string, Params, number]>([
    ['a tampered parameter', { ...signed(BASE), TaskId: 'polled' }, 171],
    ['an unknown TaskId', signed({ ...BASE, TaskId: 'udts-none' }), 230],
  ])('%s: RetCode %s', async (_name, body, retCode) => {
    expect(await post(await emulatorFor(SCENARIO), body)).toMatchObject({ RetCode: retCode, Action: 'GetUDTSTaskHistoryResponse' });
  });

  it('an endpoint without the action (historyAction: false) answers 161, before any other check', async () => {
    const emulator = await emulatorFor({ ...SCENARIO, historyAction: false });
    expect(await post(emulator, BASE)).toMatchObject({ RetCode: 161, Message: 'Action not found' });
    expect(await statusOf(emulator, 'timed')).toBe('Loading');
  });

  it('a task with a historyFault answers its history with that fault, its status as usual', async () => {
    const emulator = await emulatorFor(SCENARIO);
    const response = await fetch(`${emulator.url}/?Action=${HISTORY}`, { method: 'POST', body: new URLSearchParams(signed(call(HISTORY, 'broken'))) });
    expect(response.status).toBe(500);
    expect(await statusOf(emulator, 'broken')).toBe('Loading');
  });
});

describe('GetUDTSTaskHistory: the timeline', () => {
  it('answers the documented shape, newest first, with unix seconds and a UTC+8 text time', async () => {
    const clock = new FakeClock(undefined, undefined, NOON);
    const emulator = await emulatorFor(SCENARIO, { now: clock.now });
    expect(await statusOf(emulator, 'timed')).toBe('Loading');
    const Data = [
      { AntID: 'timed', AntState: 'Loading', CreateTime: 1_767_268_800, CreateTimeH: '2026-01-01 20:00:00' },
      { AntID: 'timed', AntState: 'Checking', CreateTime: 1_767_268_560, CreateTimeH: '2026-01-01 19:56:00' },
      { AntID: 'timed', AntState: 'Created', CreateTime: 1_767_268_500, CreateTimeH: '2026-01-01 19:55:00' },
    ];
    expect(await history(emulator, 'timed')).toEqual({ RetCode: 0, Action: 'GetUDTSTaskHistoryResponse', Message: '', Data });
  });

  /** Plays status calls, history calls and clock moves (ms) against one task; each call's outcome. */
  async function play(taskId: string, moves: Move[]): Promise<Array<string | string[]>> {
    const clock = new FakeClock();
    const emulator = await emulatorFor(SCENARIO, { now: clock.now });
    const outcomes: Array<string | string[]> = [];
    for (const move of moves) {
      if (typeof move === 'number') clock.advance(move);
      else if (move === 'status') outcomes.push(await statusOf(emulator, taskId));
      else {
        const answer = await history(emulator, taskId);
        outcomes.push(answer.RetCode === 0 ? timeline(answer) : `RetCode ${String(answer.RetCode)} ${String(answer.Message)}`);
      }
    }
    return outcomes;
  }

  const TIMED = ['Created@-300', 'Checking@-240', 'Loading@0'];
  const NOT_THERE = 'RetCode 230 Params [TaskId] not available';
  it.each<[string, string, Move[], Array<string | string[]>]>([
    // The poll at 20 s sees Loading again: Failed and RetryPending came between.
    ['a time-advanced task shows every state whose time has come, polled or not, and none to come', 'timed', ['status', 20_000, 'status', 'history'],
      ['Loading', 'Loading', [...TIMED, 'Failed@10', 'RetryPending@12', 'Loading@14']]],
    // Created in the scenario's history and Created served at 0 are one stay in one state.
    ['a request-advanced task shows the states it served, when it served them, repeats once', 'polled',
      ['status', 5_000, 'status', 5_000, 'status', 5_000, 'status', 5_000, 'history'], ['Created', 'Loading', 'Loading', 'Done', ['Created@-60', 'Loading@5', 'Done@15']]],
    ['a task that is not there yet answers 230 to history too, then its history once it appears', 'late', ['status', 'history', 5_000, 'history'],
      ['RetCode 230', NOT_THERE, ['Created@5']]],
    ['a request-advanced task is there for history once a status request was answered with data', 'latePolled', ['status', 'history', 'status', 'history'],
      ['RetCode 230', NOT_THERE, 'Created', ['Created@0']]],
    ["a history call before any status call starts the task's clock", 'timed', ['history', 30_000, 'status'], [TIMED, 'Done']],
  ])('%s', async (_what, taskId, moves, outcomes) => {
    expect(await play(taskId, moves)).toEqual(outcomes);
  });

  it('answers states of the same second oldest first, so a stable sort by CreateTime keeps their order', async () => {
    const emulator = await emulatorFor(SCENARIO, { now: new FakeClock().now });
    for (let poll = 0; poll < 4; poll += 1) await statusOf(emulator, 'polled');
    const items = (await history(emulator, 'polled')).Data as Item[];
    // Loading and Done came in this second, Created (from the scenario's history) a minute before.
    expect(items.map((item) => item.AntState)).toEqual(['Loading', 'Done', 'Created']);
  });

  it('history calls do not advance a task, and are counted apart', async () => {
    const emulator = await emulatorFor(SCENARIO);
    await history(emulator, 'polled');
    await history(emulator, 'polled');
    expect(await statusOf(emulator, 'polled')).toBe('Created');
    expect(emulator.stats()).toMatchObject({ byTask: { polled: 1 }, historyByTask: { polled: 2 }, requests: 3 });
  });
});
