import * as core from '@actions/core';
import type { Settings } from '../settings.js';
import type { WaitResult } from '../wait/types.js';
import { OUTPUT_NAMES, setupErrorOutputs, toOutputs } from './outputs.js';
import type { ProgressSink } from './progress.js';
import { renderSetupErrorSummary, renderSummary } from './summary.js';
import { formatDuration } from '../duration.js';

/** Progress lines go to the log; warnings become annotations. */
export const actionSink: ProgressSink = {
  info: (line) => core.info(line),
  warning: (line) => core.warning(line),
};

/**
 * Tells GitHub how the run ended: every output, the job summary, an annotation, and the step's
 * failure where the outcome calls for one.
 */
export async function publishResult(result: WaitResult, settings: Pick<Settings, 'failOnTimeout'>): Promise<void> {
  const outputs = toOutputs(result);
  for (const name of OUTPUT_NAMES) core.setOutput(name, outputs[name]);
  await writeSummary(renderSummary(result));

  switch (result.outcome) {
    case 'success': {
      const which = result.tasks.length === 1 ? result.decidingTaskId : `${result.tasks.length} UDTS tasks`;
      core.notice(result.message, { title: `${which} finished in ${formatDuration(result.elapsedMs)}` });
      break;
    }
    case 'pending':
      core.info(result.message);
      break;
    case 'timeout':
      if (settings.failOnTimeout) core.setFailed(result.message);
      else core.warning(result.message, { title: 'UDTS wait timed out (fail-on-timeout: false)' });
      break;
    default:
      core.setFailed(result.message);
  }
}

/** For a run that never started waiting (bad input): outputs say `error`, the step fails. */
export async function publishSetupError(message: string): Promise<void> {
  const outputs = setupErrorOutputs();
  for (const name of OUTPUT_NAMES) core.setOutput(name, outputs[name]);
  await writeSummary(renderSetupErrorSummary(message));
  core.setFailed(message);
}

async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (a local run, the CLI's world) there is no summary file: nothing to write.
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(markdown).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
  }
}
