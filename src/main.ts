import * as core from '@actions/core';
import { formatDuration } from './duration.js';
import { INPUTS, type RawInputs } from './inputs.js';
import { actionSink, publishResult, publishSetupError } from './report/action.js';
import { progressObserver } from './report/progress.js';
import { ENV_FALLBACKS, parseSettings } from './settings.js';
import { createUdtsClient } from './udts/client.js';
import { userAgent } from './version.js';
import type { Clock } from './wait/types.js';
import { waitForTasks } from './wait/waiter.js';

/** What `run` needs from the world; tests may replace any of it. */
export interface RunDeps {
  clock: Clock;
  signal: AbortSignal;
  env: Readonly<Record<string, string | undefined>>;
  /** Builds the API client; the default signs and sends real requests. */
  makeClient: typeof createUdtsClient;
}

/** The action: read inputs, wait, publish. The one place that turns any error into a failed step. */
export async function run(deps: RunDeps): Promise<void> {
  try {
    const raw: RawInputs = {};
    for (const input of INPUTS) raw[input.name] = core.getInput(input.name);
    // Mask the private key before anything can print it, wherever it came from.
    for (const key of [raw['private-key'], deps.env[ENV_FALLBACKS['private-key'] ?? '']]) {
      if (key?.trim()) core.setSecret(key.trim());
    }
    const settings = parseSettings(raw, deps.env);

    const client = deps.makeClient({
      ...settings,
      userAgent: userAgent('action'),
      debug: core.isDebug() ? (line) => core.debug(line) : undefined,
    });
    const what = settings.taskIds.length === 1 ? `task ${settings.taskIds[0]}` : `${settings.taskIds.length} tasks`;
    core.info(settings.wait
      ? `Waiting for UDTS ${what} (timeout ${formatDuration(settings.timeoutMs)}, polling at most every ${formatDuration(settings.intervalMs)}).`
      : `Checking UDTS ${what} once (wait: false).`);

    const startedAt = deps.clock.now();
    const result = await waitForTasks(settings, {
      fetchStatus: client.status,
      clock: deps.clock,
      signal: deps.signal,
      observer: progressObserver(actionSink, deps.clock.now, startedAt),
    });
    await publishResult(result, settings);
  } catch (error) {
    await publishSetupError(error instanceof Error ? error.message : String(error));
  }
}
