/**
 * The one core both front doors call: turn the raw inputs into settings, connect to the API, wait,
 * and hand the record to the front door's sink. The action and the CLI differ only in how they read
 * their inputs and in the sink they pass (outputs, summary and annotations; or a terminal).
 */
import { formatDuration } from '../duration.js';
import type { RawInputs } from './inputs.js';
import { historyBudgetMs } from './run-end.js';
import { historyWarning } from '../report/message.js';
import { lineObserver } from '../report/lines.js';
import type { Env, RecordSink } from './sink.js';
import { ENV_FALLBACKS, InputError, parseSettings, type Settings } from './settings.js';
import { createUdtsClient, type ClientConfig, type UdtsClient } from '../udts/client.js';
import { userAgent } from '../version.js';
import type { Clock, WaitResult } from '../wait/types.js';
import { NO_HISTORY, fetchServiceHistory, type ServiceHistory } from '../wait/service-history.js';
import { waitForTasks } from '../wait/waiter.js';

/** What the core needs from the world; tests replace any of it. */
export interface GateWorld {
  clock: Clock;
  /** Aborted on cancel: the wait stops at once and the record is published. */
  signal: AbortSignal;
  env: Env;
  /** The API: the real client signs and sends, tests pass a fake. */
  connect(config: ClientConfig): UdtsClient;
}

/** How the core's run ended, for the front door's exit code. */
export type GateOutcome = { kind: 'input-error'; error: InputError } | { kind: 'waited'; result: WaitResult; settings: Settings };

/**
 * Reads the settings, waits and publishes. Bad input is published as such and nothing is sent; any
 * other error is a bug and propagates to the front door.
 */
export async function runGate(raw: RawInputs, world: GateWorld, sink: RecordSink): Promise<GateOutcome> {
  // Mask the secrets before anything can print them, wherever they came from.
  for (const key of [raw['private-key'], world.env[ENV_FALLBACKS['private-key'] ?? ''], raw['github-token']]) {
    if (key?.trim()) sink.secret(key.trim());
  }
  let settings: Settings;
  try {
    settings = parseSettings(raw, world.env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    await sink.publishSetupError(error);
    return { kind: 'input-error', error };
  }

  const api = world.connect({ ...settings, userAgent: userAgent(sink.frontDoor), debug: sink.debug });
  const what = settings.taskIds.length === 1 ? `task ${settings.taskIds[0]}` : `${settings.taskIds.length} tasks`;
  sink.lines.info(settings.wait
    ? `Waiting for UDTS ${what} (timeout ${formatDuration(settings.timeoutMs)}, polling at most every ${formatDuration(settings.intervalMs)}).`
    : `Checking UDTS ${what} once (wait: false).`);
  const overLimit = jobLimitWarning(settings, world.env);
  if (overLimit) sink.lines.warning(overLimit);
  const startedAt = world.clock.now();
  const observers = [lineObserver(sink.lines, world.clock.now, startedAt), await sink.watch?.(settings)];
  const result = await waitForTasks(settings, { fetchStatus: api.status, clock: world.clock, signal: world.signal, observers });
  const history = await serviceHistory(result, settings, api, world, sink, historyBudgetMs(settings.timeoutMs, world.clock.now() - startedAt));
  await sink.publish({ result, history }, settings);
  return { kind: 'waited', result, settings };
}

/** A GitHub-hosted runner stops a job after 6 hours, its other steps included; a self-hosted one allows far more. */
const HOSTED_JOB_LIMIT_MS = 6 * 3_600_000;

/**
 * The warning for a wait that cannot fit in its job: on a GitHub-hosted runner, a wait whose timeout
 * reaches the job limit would be killed before it ends (the job's other steps and the end of the run
 * need time too), losing the record. Elsewhere, none.
 */
function jobLimitWarning(settings: Pick<Settings, 'wait' | 'timeoutMs'>, env: Env): string | undefined {
  if (env.RUNNER_ENVIRONMENT !== 'github-hosted' || !settings.wait || settings.timeoutMs < HOSTED_JOB_LIMIT_MS) return undefined;
  return `timeout ${formatDuration(settings.timeoutMs)} does not fit in the 6h a job may run on a GitHub-hosted runner: ` +
    'the job would be stopped before the wait ends, and what the wait found lost. For a longer migration, check on a ' +
    'schedule or chain jobs: https://github.com/udts-wait/udts-wait/blob/main/docs/long-migrations.md';
}

/** The service's history of each task, unless turned off or cancelled; a failing call is a warning. */
async function serviceHistory(result: WaitResult, settings: Settings, api: UdtsClient, world: GateWorld, sink: RecordSink, budgetMs: number): Promise<ServiceHistory> {
  if (!settings.history || result.outcome === 'cancelled') return NO_HISTORY;
  const history = await fetchServiceHistory(result.tasks, api.history, { budgetMs, clock: world.clock, signal: world.signal });
  if (history.unsupported) sink.debug?.('GetUDTSTaskHistory is not offered by this endpoint (RetCode 161): history turned off.');
  for (const { taskId, error } of history.failures) sink.lines.warning(historyWarning(taskId, error));
  return history;
}

/** The real API: signed requests over HTTP. */
export const connectToApi: GateWorld['connect'] = createUdtsClient;
