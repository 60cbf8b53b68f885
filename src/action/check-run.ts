/**
 * The check run: the wait shown where the team looks, on the commit under test (and so on its pull
 * request), under a name people recognise. Opt-in (`check-name`), action only. @actions/github is
 * loaded with a dynamic import only then, so a run without it keeps its start-up and memory.
 *
 * Nothing here changes the verdict. GITHUB_TOKEN has 1,000 requests an hour per repository, so the
 * run is updated only on a state change or a progress step of 5 points, at most every 30 s. A refusal
 * (401, 403, 404, 422: no `checks: write`, a fork's read-only token) is said once and ends the
 * GitHub calls; a transient fault skips that update; the completion is tried twice.
 */
import { createHash } from 'node:crypto';
import type { TaskRecord } from '../wait/task-machine.js';
import type { WaitObserver, WaitResult } from '../wait/types.js';
import { finalOutput, progressOutput, runUrl, type CheckOutput } from './check-output.js';
import { errorText } from '../report/message.js';
import type { Env, GateRecord } from '../core/sink.js';

const UPDATE_EVERY_MS = 30_000;
const PROGRESS_STEP = 5;
/** Each GitHub call may take this long; after a cancel, the completion gets less (see complete()). */
const CALL_TIMEOUT_MS = 10_000;

type Octokit = ReturnType<(typeof import('@actions/github'))['getOctokit']>;
type Conclusion = 'success' | 'failure' | 'timed_out' | 'cancelled';

const CONCLUSION: Readonly<Record<WaitResult['outcome'], Conclusion | undefined>> = {
  success: 'success',
  failure: 'failure',
  error: 'failure',
  // Also when fail-on-timeout: false lets the step pass: the migration is not done.
  timeout: 'timed_out',
  cancelled: 'cancelled',
  // wait: false and still running: the run stays in progress, for a later run to pick up.
  pending: undefined,
};

export interface CheckRunOptions {
  name: string;
  token: string;
  /** The tasks this gate waits for: with the workflow and job, what makes a check run this gate's own. */
  taskIds: readonly string[];
  env: Env;
  now: () => number;
  userAgent: string;
  /** Where a refusal or a fault is said (a warning annotation). */
  warn: (line: string) => void;
}

/** The check run of one wait: an observer for the updates, and the completion. */
export interface CheckRunHandle {
  observer: WaitObserver;
  complete(record: GateRecord, budgetMs: number): Promise<void>;
}

/** The commit under test: a pull request's head (GITHUB_SHA is the merge commit there), else GITHUB_SHA. */
export function commitUnderTest(env: Env, payload: { pull_request?: { head?: { sha?: unknown } } }): string | undefined {
  const event = env.GITHUB_EVENT_NAME;
  const head = payload.pull_request?.head?.sha;
  if ((event === 'pull_request' || event === 'pull_request_target') && typeof head === 'string') return head;
  return env.GITHUB_SHA || undefined;
}

/** Starts the check run's bookkeeping; the first reading creates it (or finds an in-progress one). */
export async function startCheckRun(options: CheckRunOptions): Promise<CheckRunHandle> {
  const { getOctokit, context } = await import('@actions/github');
  const [owner = '', repo = ''] = (options.env.GITHUB_REPOSITORY ?? '').split('/');
  const sha = commitUnderTest(options.env, context.payload as Parameters<typeof commitUnderTest>[1]) ?? '';
  const octokit: Octokit = getOctokit(options.token, { baseUrl: options.env.GITHUB_API_URL || 'https://api.github.com', userAgent: options.userAgent });
  const jobLink = runUrl(options.env);
  let id: number | undefined;
  // Only this gate's own check run is carried on (a wait: false run before it): another gate with the
  // same name on the same commit (another job, other tasks) must not conclude it for this one.
  const externalId = gateIdentity(options.env, options.taskIds);
  let refused = !owner || !repo || !sha;
  let lastFault = '';
  let chain: Promise<unknown> = Promise.resolve();
  let sentAt: number | undefined;
  // Each task as this run last sent it, and every task seen (live objects: the output shows them all).
  const sent = new Map<string, { status?: string; percent: number }>();
  const tasks = new Map<string, TaskRecord>();
  if (refused) options.warn(`check-name '${options.name}': no check run, GITHUB_REPOSITORY or the commit (GITHUB_SHA) is not set.`);

  /** One call, bounded; a refusal ends all further calls, anything else is left for the next try. */
  const call = async (send: (signal: AbortSignal) => Promise<unknown>, timeoutMs: number): Promise<boolean> => {
    if (refused) return false;
    try {
      await send(AbortSignal.timeout(timeoutMs));
      return true;
    } catch (error) {
      // Octokit gives a network fault (a hang, a reset, a proxy's refusal) status 500 and no response.
      const answered = (error as { response?: unknown }).response !== undefined;
      const status = answered ? (error as { status?: unknown }).status : undefined;
      if (status === 401 || status === 403 || status === 404 || status === 422) {
        refused = true;
        const what = status === 422
          ? "GitHub refused the check run's content, a bug in udts-wait: please report it"
          : 'GitHub refused the check run. Give the job permissions: checks: write (a pull request from a fork gets a read-only token)';
        options.warn(`check-name '${options.name}': ${what} (HTTP ${status}: ${errorText(error)}); the gate goes on without it.`);
      } else {
        lastFault = status === undefined ? `no answer from GitHub: ${errorText(error)}` : `HTTP ${String(status)}: ${errorText(error)}`;
      }
      return false;
    }
  };

  const send = (output: CheckOutput, conclusion: Conclusion | undefined, timeoutMs: number) =>
    call(async (signal) => {
      const fields = { output, details_url: jobLink, ...(conclusion ? { status: 'completed' as const, conclusion } : { status: 'in_progress' as const }) };
      id ??= await findInProgress(octokit, { owner, repo, sha, name: options.name, externalId }, signal);
      if (id === undefined) {
        id = (await octokit.rest.checks.create({ owner, repo, name: options.name, head_sha: sha, external_id: externalId, ...fields, request: { signal } })).data.id;
      } else {
        await octokit.rest.checks.update({ owner, repo, check_run_id: id, ...fields, request: { signal } });
      }
    }, timeoutMs);

  const observer: WaitObserver = {
    reading(task) {
      tasks.set(task.taskId, task);
      if (refused) return;
      const now = options.now();
      const due = sentAt === undefined || (moved(task, sent.get(task.taskId)) && now - sentAt >= UPDATE_EVERY_MS);
      if (!due) return;
      sentAt = now;
      for (const each of tasks.values()) sent.set(each.taskId, { status: each.reading?.status, percent: each.reading?.percentage ?? 0 });
      const output = progressOutput([...tasks.values()], jobLink);
      chain = chain.then(() => send(output, undefined, CALL_TIMEOUT_MS));
    },
  };

  return {
    observer,
    async complete(record, budgetMs) {
      const endAt = options.now() + budgetMs;
      // An update still on its way goes first, within the budget; then the completion, tried twice.
      await Promise.race([chain, new Promise((resolve) => setTimeout(resolve, Math.max(0, budgetMs / 2)).unref())]);
      const output = finalOutput(record, jobLink);
      const conclusion = CONCLUSION[record.result.outcome];
      for (let attempt = 0; attempt < 2 && !refused; attempt += 1) {
        const leftMs = endAt - options.now();
        if (leftMs <= 0) break;
        if (await send(output, conclusion, Math.min(CALL_TIMEOUT_MS, leftMs / (2 - attempt)))) return;
      }
      // Said once, at the end: a check run left in progress could hold a pull request that requires it.
      if (!refused) {
        options.warn(`check-name '${options.name}': the check run could not be ${conclusion ? 'completed' : 'updated'} (${lastFault || 'no time left'}); it may show an earlier state on the commit.`);
      }
    },
  };
}

/** A check run this gate left in progress on this commit (a `wait: false` run before), to carry on. */
async function findInProgress(
  octokit: Octokit,
  where: { owner: string; repo: string; sha: string; name: string; externalId: string },
  signal: AbortSignal,
): Promise<number | undefined> {
  const { data } = await octokit.rest.checks.listForRef({ owner: where.owner, repo: where.repo, ref: where.sha, check_name: where.name, filter: 'all', request: { signal } });
  return data.check_runs.find((run) => run.name === where.name && run.external_id === where.externalId && run.status !== 'completed')?.id;
}

/** "udts-wait:<hash>": the workflow, the job and the tasks, which together make a gate. */
export function gateIdentity(env: Env, taskIds: readonly string[]): string {
  const gate = [env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '', [...taskIds].sort().join(',')].join('\n');
  return `udts-wait:${createHash('sha256').update(gate).digest('hex').slice(0, 24)}`;
}

/** A state change, or progress of PROGRESS_STEP points or more, since the task was last sent. */
function moved(task: TaskRecord, before: { status?: string; percent: number } | undefined): boolean {
  if (before === undefined || before.status !== task.reading?.status) return true;
  return Math.abs((task.reading?.percentage ?? 0) - before.percent) >= PROGRESS_STEP;
}
