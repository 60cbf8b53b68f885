import * as core from '@actions/core';
import { formatDuration } from '../duration.js';
import type { WaitResult } from '../wait/types.js';
import { errorText, resultMessage } from '../report/message.js';
import { OUTPUT_NAMES, setupErrorOutputs, toOutputs, type OutputName } from '../report/outputs.js';
import { LIMITS, sanitizeText } from '../report/sanitize.js';
import { checkRunBudget } from '../core/run-end.js';
import type { Env, PublishOptions, RecordSink } from '../core/sink.js';
import { renderSetupErrorSummary, renderSummary } from '../report/summary.js';
import { userAgent } from '../version.js';
import type { CheckRunHandle } from './check-run.js';

/**
 * The action's sink, and the one place the action sanitises what it writes (the check run aside):
 * each log line, annotation and output as it is written; the summary is Markdown whose outside text
 * was escaped cell by cell as it was rendered. Progress goes to the log, warnings become annotations;
 * the record is every output, the job summary, an annotation and the step's failure where the
 * outcome calls for one.
 * Each part is written on its own: an unwritable GITHUB_OUTPUT still leaves the summary and the
 * annotations, and fails the step with one error that names the file and the reason.
 */
export function actionSink(world: { env: Env; signal: AbortSignal }): RecordSink {
  let checkRun: CheckRunHandle | undefined;
  const info = (line: string) => core.info(sanitizeText(line));
  const warn = (line: string) => core.warning(annotationText(line));
  const debug = core.isDebug() ? (line: string) => core.debug(sanitizeText(line)) : undefined;
  return {
    frontDoor: 'action',
    secret: (value) => core.setSecret(value),
    lines: {
      info,
      warning: warn,
      notice: (line) => core.notice(annotationText(line)),
    },
    debug,
    watch: async (options) => {
      if (!options.checkRun) return undefined;
      const { name, token } = options.checkRun;
      if (token === '') {
        warn(`check-name '${name}': no github-token (a secret not given to this run?), so no check run; the gate goes on without it.`);
        return undefined;
      }
      try {
        // Loaded only now, with @actions/github: a run without a check run never pays for either.
        const { startCheckRun } = await import('./check-run.js');
        checkRun = await startCheckRun({ name, token, taskIds: options.taskIds, env: world.env, userAgent: userAgent('action'), warn, info, debug });
        return checkRun.observer;
      } catch (error) {
        // The check run only shows the wait; it never stops it.
        warn(`check-name '${name}': no check run (${errorText(error)}); the gate goes on without it.`);
        return undefined;
      }
    },
    publish: async (record, options) => {
      const { result, history } = record;
      await publishRecord(toOutputs(result), renderSummary(result, history), () => announce(resultMessage(result, history), result, options));
      // Last, and bounded: the network may fail or hang; the record above is already written. A
      // cancel that comes meanwhile shortens it.
      await checkRun?.complete(record, checkRunBudget(result.outcome), { signal: world.signal, budget: checkRunBudget('cancelled') });
    },
    publishSetupError: (error) => {
      const message = annotationText(error.message);
      return publishRecord(setupErrorOutputs(), renderSetupErrorSummary(message), () => core.setFailed(message));
    },
  };
}

async function publishRecord(outputs: Record<OutputName, string>, summary: string, verdict: () => void): Promise<void> {
  const outputProblem = writeOutputs(outputs);
  await writeSummary(summary);
  verdict();
  if (outputProblem) core.setFailed(outputProblem);
}

/** Writes every output; the first failure stops (the file is broken) and is returned as a message. */
function writeOutputs(outputs: Record<OutputName, string>): string | undefined {
  try {
    for (const name of OUTPUT_NAMES) core.setOutput(name, sanitizeText(outputs[name], LIMITS.outputChars));
    return undefined;
  } catch (error) {
    const file = process.env.GITHUB_OUTPUT ?? '(unset)';
    return annotationText(`Could not write the step's outputs to GITHUB_OUTPUT (${file}): ${errorText(error)}`);
  }
}

async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (a local run) there is no summary file: nothing to write.
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(markdown).write();
  } catch (error) {
    core.summary.emptyBuffer();
    core.warning(annotationText(`Could not write the job summary to GITHUB_STEP_SUMMARY (${process.env.GITHUB_STEP_SUMMARY}): ${errorText(error)}`));
  }
}

/** The annotation and the step's end that the outcome calls for. */
function announce(text: string, result: WaitResult, options: PublishOptions): void {
  const message = annotationText(text);
  switch (result.outcome) {
    case 'success': {
      const which = result.tasks.length === 1 ? result.decidingTaskId : `${result.tasks.length} UDTS tasks`;
      // The time is the gate's, not the task's: a task found finished at the first poll passes after a few ms.
      core.notice(message, { title: `${which} passed the gate after ${formatDuration(result.elapsedMs)}` });
      break;
    }
    case 'pending':
      core.info(message);
      break;
    case 'timeout':
      if (options.failOnTimeout) core.setFailed(message);
      else core.warning(message, { title: 'UDTS wait timed out (fail-on-timeout: false)' });
      break;
    default:
      core.setFailed(message);
  }
}

/** Text for an annotation (or a line beside one), bounded so that core's escaping keeps it under a log line's limit. */
function annotationText(text: string): string {
  return sanitizeText(text, LIMITS.annotationChars);
}
