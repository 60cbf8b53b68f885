/** Every shipped scenario, on a clock the test moves: it loads by name and from its file and reaches the end its description promises. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, resolveScenario } from '../../../src/emulator/builtin.js';
import { loadScenario } from '../../../src/emulator/scenario.js';
import { FakeClock } from '../fakes.js';
import { call, emulatorFor, post, signed } from './helpers.js';

type Data = { Status?: string; FailedMessage?: string; CurRetryCount?: number; MaxRetryCount?: number; Progress?: { RedisDelayTime?: number } };
type Item = { AntID: string; AntState: string; CreateTime: number };

/** Each scenario's documented end: the second it is reached and each task's final status. */
const ENDS: Record<string, { atSeconds: number; tasks: Record<string, string> }> = {
  'mysql-migration': { atSeconds: 15, tasks: { 'udts-demo-mysql': 'Done' } },
  'live-sync': { atSeconds: 20, tasks: { 'udts-demo-redis': 'Synced' } },
  'several-tasks': { atSeconds: 24, tasks: { 'udts-demo-users': 'Done', 'udts-demo-events': 'Failed', 'udts-demo-orders': 'Done' } },
  'service-retry': { atSeconds: 23, tasks: { 'udts-demo-retry': 'Done' } },
  'late-task': { atSeconds: 19, tasks: { 'udts-demo-late': 'Done' } },
};
const SCENARIO_DIR = 'src/emulator/scenarios';

it('ships one file per built-in scenario, each with a documented end', () => {
  const files = readdirSync(SCENARIO_DIR).map((file) => file.replace(/\.json$/, ''));
  expect(files.sort()).toEqual(Object.keys(BUILTIN_SCENARIOS).sort());
  expect(Object.keys(ENDS).sort()).toEqual(files);
});

/** Polls every task once a second for 40 s; each task's readings (`RetCode n` as the status when refused). */
async function pollAll(name: string) {
  const clock = new FakeClock();
  const scenario = resolveScenario(name);
  const emulator = await emulatorFor(scenario, { now: clock.now });
  const readings: Record<string, Data[]> = {};
  for (let second = 0; second <= 40; second += 1) {
    for (const taskId of Object.keys(scenario.tasks)) {
      const answer = await post(emulator, signed(call('GetUDTSTaskStatus', taskId)));
      const data = answer.RetCode === 0 ? (answer.Data as Data) : { Status: `RetCode ${String(answer.RetCode)}` };
      (readings[taskId] ??= []).push(data);
    }
    clock.advance(1_000);
  }
  return { emulator, scenario, readings };
}

/** pollAll once per scenario: the emulator serves the test that first asks; later ones read the readings. */
const polled = new Map<string, ReturnType<typeof pollAll>>();
const pollOnce = (name: string) => polled.get(name) ?? polled.set(name, pollAll(name)).get(name) as ReturnType<typeof pollAll>;

describe.each(Object.keys(ENDS))('shipped scenario %s', (name) => {
  const end = ENDS[name] as (typeof ENDS)[string];

  it('is the same by name and from its file, and lasts 15 to 30 s', () => {
    expect(resolveScenario(name)).toEqual(loadScenario(`${SCENARIO_DIR}/${name}.json`));
    expect(end.atSeconds).toBeGreaterThanOrEqual(15);
    expect(end.atSeconds).toBeLessThanOrEqual(30);
  });

  it('reaches its documented end and stays there; its history ends there too', async () => {
    const { emulator, scenario, readings } = await pollOnce(name);
    const endedAt: number[] = [];
    for (const [taskId, finalStatus] of Object.entries(end.tasks)) {
      const statuses = (readings[taskId] ?? []).map((data) => data.Status);
      const first = statuses.indexOf(finalStatus);
      expect(first, `${taskId} reaches ${finalStatus}`).toBeGreaterThan(0);
      expect(statuses.slice(first).every((status) => status === finalStatus)).toBe(true);
      endedAt.push(first);
      const history = await post(emulator, signed(call('GetUDTSTaskHistory', taskId)));
      expect(history.RetCode).toBe(0);
      const items = [...(history.Data as Item[])].sort((a, b) => a.CreateTime - b.CreateTime);
      expect(items.every((item) => item.AntID === taskId)).toBe(true);
      expect(items.at(-1)?.AntState).toBe(finalStatus);
      const before = (scenario.tasks[taskId]?.history ?? []).map((entry) => entry.state);
      expect(before.length, 'each task has a history section').toBeGreaterThan(0);
      expect(items.map((item) => item.AntState)).toEqual(expect.arrayContaining(before));
    }
    expect(Math.max(...endedAt)).toBe(end.atSeconds);
  });
});

describe('what each shipped scenario is for', () => {
  it('live-sync: full load, then Syncing with RedisDelayTime falling to 0, never Done', async () => {
    const readings = (await pollOnce('live-sync')).readings['udts-demo-redis'] ?? [];
    const lags = readings.map((data) => data.Progress?.RedisDelayTime).filter((lag) => lag !== undefined);
    expect(readings.map((data) => data.Status)).toEqual(expect.arrayContaining(['Loading', 'Syncing', 'Synced']));
    expect(lags[0]).toBeGreaterThanOrEqual(30);
    expect(lags.every((lag, index) => index === 0 || lag <= (lags[index - 1] ?? Infinity))).toBe(true);
    expect(lags.at(-1)).toBe(0);
    expect(readings.some((data) => data.Status === 'Done')).toBe(false);
  });

  it('service-retry: Failed with retries left, then RetryPending, before Done', async () => {
    const statuses = (await pollOnce('service-retry')).readings['udts-demo-retry'] ?? [];
    const failed = statuses.find((data) => data.Status === 'Failed');
    expect(failed?.CurRetryCount).toBeLessThan(failed?.MaxRetryCount ?? 0);
    const order = [...new Set(statuses.map((data) => data.Status))];
    expect(order.indexOf('Failed')).toBeLessThan(order.indexOf('RetryPending'));
    expect(order.indexOf('RetryPending')).toBeLessThan(order.indexOf('Done'));
  });

  it('late-task: RetCode 230 for the first seconds, then the task', async () => {
    const statuses = ((await pollOnce('late-task')).readings['udts-demo-late'] ?? []).map((data) => data.Status);
    expect(statuses.slice(0, 6)).toEqual(Array(6).fill('RetCode 230'));
    expect(statuses[6]).toBe('Created');
  });
});
