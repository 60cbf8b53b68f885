/**
 * What a check run shows: its title and summary while the wait goes on and when it ends, within
 * GitHub's limits on each field (characters and UTF-8 bytes), with the link to the job's run.
 */
import type { TaskRecord } from '../wait/task-machine.js';
import { describeReading } from '../report/describe.js';
import { escapeText } from '../report/markdown.js';
import { resultMessage } from '../report/message.js';
import { LIMITS, sanitizeText } from '../report/sanitize.js';
import { capText } from '../text.js';
import type { Env, GateRecord } from '../core/sink.js';
import { HEADLINE, capSummary, renderSummary } from '../report/summary.js';

/** GitHub's limit on each output field, in characters and in UTF-8 bytes. */
const OUTPUT_LIMIT = 65_535;

export interface CheckOutput {
  title: string;
  summary: string;
}

/** While the wait goes on: each task's latest reading. */
export function progressOutput(tasks: readonly TaskRecord[], jobLink: string | undefined): CheckOutput {
  const lines = tasks.map((task) => `- \`${task.taskId}\`: ${escapeText(describeReading(task), LIMITS.longFieldChars)}`);
  const title = tasks.length === 1 ? `Waiting: ${describeReading(tasks[0] as TaskRecord)}` : `Waiting for ${tasks.length} UDTS tasks`;
  return fitOutput(title, `UDTS migration gate still waiting:\n\n${lines.join('\n')}\n`, jobLink);
}

/** When it ends: the job summary's headline and the summary itself. */
export function finalOutput(record: GateRecord, jobLink: string | undefined): CheckOutput {
  const title = record.result.outcome === 'pending' ? resultMessage(record.result, record.history) : HEADLINE[record.result.outcome];
  return fitOutput(title, renderSummary(record.result, record.history), jobLink);
}

/**
 * Title and summary within GitHub's limits (characters and UTF-8 bytes), the job's link kept; the
 * summary cut at a line, its details block closed, so the HTML stays balanced.
 */
function fitOutput(title: string, summary: string, jobLink: string | undefined): CheckOutput {
  const link = jobLink ? `[The job's log and summary](${jobLink})\n\n` : '';
  return { title: fitBytes(sanitizeText(title), 1_000), summary: link + capSummary(summary, OUTPUT_LIMIT - Buffer.byteLength(link, 'utf8')) };
}

/** Text cut (with capText's marker) until its UTF-8 form fits `maxBytes`. */
export function fitBytes(text: string, maxBytes: number): string {
  let chars = Math.min(text.length, maxBytes);
  let fitted = capText(text, chars);
  while (Buffer.byteLength(fitted, 'utf8') > maxBytes) {
    chars = Math.floor((chars * maxBytes) / Buffer.byteLength(fitted, 'utf8')) - 8;
    fitted = capText(text, chars);
  }
  return fitted;
}

/** The link to this workflow run, from the runner's variables. */
export function runUrl(env: Env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt } = env;
  if (!server || !repository || !runId) return undefined;
  return `${server}/${repository}/actions/runs/${runId}${attempt ? `/attempts/${attempt}` : ''}`;
}
