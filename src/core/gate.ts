/**
 * The one core both front doors call: turn the raw inputs into settings, connect to the API, wait,
 * and hand the record to the front door's sink. The action and the CLI differ only in how they read
 * their inputs and in the sink they pass (outputs, summary and annotations; or a terminal).
 */
import { formatDuration } from '../duration.js';
import type { RawInputs } from './inputs.js';
import { historyWarning } from '../report/message.js';
import { progressObserver } from '../report/progress.js';
import type { Env, RecordSink } from './sink.js';
import { ENV_FALLBACKS, InputError, parseSettings, type Settings } from './settings.js';
import { createUdtsClient, type ClientConfig, type UdtsClient } from '../udts/client.js';
import { userAgent } from '../version.js';
import type { Clock, WaitObserver, WaitResult } from '../wait/types.js';
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

  const api = world.connect(clientConfig(settings, sink));
  const what = settings.taskIds.length === 1 ? `task ${settings.taskIds[0]}` : `${settings.taskIds.length} tasks`;
  sink.lines.info(settings.wait
    ? `Waiting for UDTS ${what} (timeout ${formatDuration(settings.timeoutMs)}, polling at most every ${formatDuration(settings.intervalMs)}).`
    : `Checking UDTS ${what} once (wait: false).`);
  const overLimit = jobLimitWarning(settings, world.env);
  if (overLimit) sink.lines.warning(overLimit);
  const observer = allOf(progressObserver(sink.lines, world.clock.now, world.clock.now()), await sink.watch?.(settings));
  const result = await waitForTasks(settings, { fetchStatus: api.status, clock: world.clock, signal: world.signal, observer });
  const history = await serviceHistory(result, settings, api, world, sink);
  await sink.publish({ result, history }, settings);
  return { kind: 'waited', result, settings };
}

/** A GitHub-hosted runner stops a job after 6 hours; a self-hosted one allows far more. */
const HOSTED_JOB_LIMIT_MS = 6 * 3_600_000;

/**
 * The warning for a wait that cannot fit in its job: on a GitHub-hosted runner, a wait whose timeout
 * is over the job limit would be killed before it ends, losing the record. Elsewhere, none.
 */
export function jobLimitWarning(settings: Pick<Settings, 'wait' | 'timeoutMs'>, env: Env): string | undefined {
  if (env.RUNNER_ENVIRONMENT !== 'github-hosted' || !settings.wait || settings.timeoutMs <= HOSTED_JOB_LIMIT_MS) return undefined;
  return `timeout ${formatDuration(settings.timeoutMs)} is longer than the 6h a job may run on a GitHub-hosted runner: ` +
    'the job would be stopped before the wait ends, and its outputs and summary lost. For a longer migration, check on a ' +
    'schedule or chain jobs: https://github.com/udts-wait/udts-wait/blob/main/docs/long-migrations.md';
}

/** The most the history phase may take after a wait that ended in time. */
const HISTORY_BUDGET_MS = 5_000;
/** After a timeout the step ends within this of the timeout: history gets what is left of it. */
const AFTER_TIMEOUT_MS = 2_000;
// Kept back from that for publishing the record.
const PUBLISH_MARGIN_MS = 500;

/** The service's history of each task, unless turned off or cancelled; a failing call is a warning. */
async function serviceHistory(result: WaitResult, settings: Settings, api: UdtsClient, world: GateWorld, sink: RecordSink): Promise<ServiceHistory> {
  if (!settings.history || result.outcome === 'cancelled') return NO_HISTORY;
  const now = world.clock.now;
  const deadline = result.startedAt + settings.timeoutMs;
  const budgetMs = Math.min(HISTORY_BUDGET_MS, deadline + AFTER_TIMEOUT_MS - PUBLISH_MARGIN_MS - now());
  const history = await fetchServiceHistory(result.tasks, api.history, { budgetMs, clock: world.clock, signal: world.signal });
  if (history.unsupported) sink.debug?.('GetUDTSTaskHistory is not offered by this endpoint (RetCode 161): history turned off.');
  for (const { taskId, error } of history.failures) sink.lines.warning(historyWarning(taskId, error));
  return history;
}

/** The five settings the client uses, and who we are. */
function clientConfig(settings: Settings, sink: RecordSink): ClientConfig {
  const { apiUrl, publicKey, privateKey, projectId, type } = settings;
  return { apiUrl, publicKey, privateKey, projectId, type, userAgent: userAgent(sink.frontDoor), debug: sink.debug };
}

/** The real API: signed requests over HTTP. */
export const connectToApi: GateWorld['connect'] = createUdtsClient;

/** One observer that tells each of several. */
function allOf(...observers: Array<WaitObserver | undefined>): WaitObserver {
  const present = observers.filter((o): o is WaitObserver => o !== undefined);
  return {
    reading: (task, changed) => present.forEach((o) => o.reading?.(task, changed)),
    note: (task, note) => present.forEach((o) => o.note?.(task, note)),
    retry: (task, error, attempt, delayMs) => present.forEach((o) => o.retry?.(task, error, attempt, delayMs)),
  };
}
