/**
 * The check run: the wait shown where the team looks, on the commit under test (and so on its pull
 * request), under a name people recognise. Opt-in (`check-name`), action only. @actions/github is
 * loaded with a dynamic import only then, so a run without it keeps its start-up and memory.
 *
 * Nothing here changes the verdict. GITHUB_TOKEN has 1,000 requests an hour per repository, so the
 * run is updated only on a state change or a progress step of 5 points, at most every 30 s, and not
 * while GitHub's rate limit holds. Every call of a gate goes through one queue, so no two ever cross.
 * A refusal (401, 403, 404 without a rate limit; 422) is said once and ends the GitHub calls; a
 * transient fault skips that update; the completion is tried twice and waits a rate limit out.
 *
 * A write GitHub left unanswered (cut, timed out, a gateway's 502 or 504) may still be carried out, up
 * to 10 s after it arrived (GitHub ends a request it has worked on that long). Carried out after the
 * completion, a create would be a second run, left in progress, and a progress update would put a
 * progress summary over the result. So the completion first waits until such a write would have
 * been carried out, then lists and writes. A progress update comes 30 s after the last at the
 * earliest: by then the one before has been carried out or never will be.
 */
import { createHash } from 'node:crypto';
import { systemClock } from '../wait/clock.js';
import type { TaskRecord } from '../wait/task-machine.js';
import type { WaitObserver, WaitResult } from '../wait/types.js';
import { finalOutput, progressOutput, runUrl, type CheckOutput } from './check-output.js';
import { callFault, createOctokit, type CallFault, type Octokit } from './check-run-api.js';
import { formatDuration } from '../duration.js';
import type { CompletionBudget } from '../core/run-end.js';
import type { Env, GateRecord } from '../core/sink.js';

const UPDATE_EVERY_MS = 30_000;
const PROGRESS_STEP = 5;
/** Each GitHub call may take this long; the completion's calls get less when its budget runs out. */
const CALL_TIMEOUT_MS = 10_000;
const PER_PAGE = 100;
/** A write sent this long ago is carried out or never will be: GitHub's 10 s for a request, and 2 s for the way there. */
const CARRIED_OUT_WITHIN_MS = 12_000;

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

/** The check run's time: monotonic, so a wall clock set back or forward moves no deadline. */
interface CheckRunClock {
  now(): number;
  /** Ends early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

// The one real clock's monotonic reading and timers (wait/clock.ts).
const realClock: CheckRunClock = { now: systemClock.now, sleep: systemClock.sleep };

export interface CheckRunOptions {
  name: string;
  token: string;
  /** The tasks this gate waits for: with the workflow file and job, what makes a check run this gate's own. */
  taskIds: readonly string[];
  env: Env;
  userAgent: string;
  /** Where a refusal or a fault is said (a warning annotation); the sink sanitises. */
  warn: (line: string) => void;
  /** Where a wait of the completion is said (the log), so that a step that waits does not look stuck. */
  info: (line: string) => void;
  /** Where Octokit's debug lines go, when the step is debugged. */
  debug?: (line: string) => void;
  /** Default: the monotonic clock and real timers. */
  clock?: CheckRunClock;
}

/** The check run of one wait: an observer for the updates, and the completion. */
export interface CheckRunHandle {
  observer: WaitObserver;
  /**
   * Within `budget`; once `cancel.signal` aborts (before or during it), within `cancel.budget`, what
   * a cancelled run gets: the process exits soon after a cancel.
   */
  complete(record: GateRecord, budget: CompletionBudget, cancel?: { signal: AbortSignal; budget: CompletionBudget }): Promise<void>;
}

/** This gate's newest check run on the commit, as the list call or the last write left it. */
type OwnRun = { id: number; status: string; conclusion?: string | null };

/** The commit under test: a pull request's head (GITHUB_SHA is the merge commit there), else GITHUB_SHA. */
export function commitUnderTest(env: Env, payload: { pull_request?: { head?: { sha?: unknown } } }): string | undefined {
  const event = env.GITHUB_EVENT_NAME;
  const head = payload.pull_request?.head?.sha;
  if ((event === 'pull_request' || event === 'pull_request_target') && typeof head === 'string') return head;
  return env.GITHUB_SHA || undefined;
}

/** Starts the check run's bookkeeping; the first call finds this gate's own run on the commit, if any. */
export async function startCheckRun(options: CheckRunOptions): Promise<CheckRunHandle> {
  const { context } = await import('@actions/github');
  const clock = options.clock ?? realClock;
  const [owner = '', repo = ''] = (options.env.GITHUB_REPOSITORY ?? '').split('/');
  const sha = commitUnderTest(options.env, context.payload as Parameters<typeof commitUnderTest>[1]) ?? '';
  const octokit: Octokit = await createOctokit(options.token, {
    baseUrl: options.env.GITHUB_API_URL || 'https://api.github.com',
    userAgent: options.userAgent,
    log: { warn: options.warn, debug: options.debug },
  });
  const jobLink = runUrl(options.env);
  const where = { owner, repo, sha, name: options.name, externalId: gateIdentity(options.env, options.taskIds) };
  const prefix = `check-name '${options.name}'`;
  // Unknown until listed; after a create whose answer was lost, listed again before creating.
  let own: OwnRun | undefined;
  let refused = !owner || !repo || !sha;
  let finishing = false;
  let lastFault = '';
  let limitedUntil = -Infinity;
  let limitText = '';
  // The write on its way (when it was sent, what it was), and the latest one GitHub left unfinished.
  let writing: { at: number; create: boolean; progress: boolean } | undefined;
  let unfinished: typeof writing;
  // The completion's wait under way: a cancel ends it when it would end past the time then left.
  let waiting: { endsAt: number; stop: AbortController } | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  // Cuts a progress update still on its way once the completion has waited its share for it.
  const cutProgress = new AbortController();
  let sentAt: number | undefined;
  const sent = new Map<string, { status?: string; percent: number }>();
  const tasks = new Map<string, TaskRecord>();
  if (refused) options.warn(`${prefix}: no check run, GITHUB_REPOSITORY or the commit (GITHUB_SHA) is not set.`);

  /** One call, bounded; a refusal ends all further calls, a rate limit pauses them; the fault is returned. */
  const call = async (work: (signal: AbortSignal) => Promise<void>, timeoutMs: number, cut?: AbortSignal): Promise<CallFault | undefined> => {
    if (refused) return { kind: 'refused', status: 0, text: '' };
    try {
      const timeout = AbortSignal.timeout(Math.max(1, Math.floor(timeoutMs)));
      await work(cut ? AbortSignal.any([timeout, cut]) : timeout);
      return undefined;
    } catch (error) {
      const fault = callFault(error);
      // The completion's own update left unfinished is harmless: the next try sends the same.
      if (writing && fault.kind === 'fault' && fault.unfinished && (writing.create || writing.progress)) unfinished = writing;
      writing = undefined;
      if (fault.kind === 'refused') {
        refused = true;
        const what = fault.status === 422
          ? "GitHub refused the check run's content, a bug in udts-wait: please report it"
          : 'GitHub refused the check run. Give the job permissions: checks: write (a pull request from a fork gets a read-only token)';
        options.warn(`${prefix}: ${what} (${fault.text}); the gate goes on without it.`);
      } else if (fault.kind === 'limited') {
        limitedUntil = clock.now() + fault.waitMs;
        limitText = fault.text;
      } else {
        // An answer past the cap is no passing fault: said at once, as the call is skipped.
        if (fault.kind === 'too-large') options.warn(`${prefix}: ${fault.text}, that call skipped.`);
        lastFault = fault.text;
      }
      return fault;
    }
  };

  const write = async (output: CheckOutput, conclusion: Conclusion | undefined, progress: boolean, signal: AbortSignal): Promise<OwnRun> => {
    const fields = { output, details_url: jobLink, request: { signal }, ...(conclusion ? { status: 'completed' as const, conclusion } : { status: 'in_progress' as const }) };
    const written = { status: fields.status, conclusion: conclusion ?? null };
    // GitHub never reopens a completed run: a later run of the gate that is not decided makes a new one.
    const update = own !== undefined && own.status !== 'completed';
    writing = { at: clock.now(), create: !update, progress };
    let id: number;
    if (own && update) {
      await octokit.rest.checks.update({ owner, repo, check_run_id: own.id, ...fields });
      id = own.id;
    } else {
      own = undefined; // until the create is answered: with its answer lost, the run may exist
      const { data } = await octokit.rest.checks.create({ owner, repo, name: options.name, head_sha: sha, external_id: where.externalId, ...fields });
      if (typeof data?.id !== 'number') throw new TypeError('no id');
      id = data.id;
    }
    writing = undefined;
    return { id, ...written };
  };

  /** Carries the run on, creates one, or (the same conclusion already shown) leaves it as it is. */
  const send = (output: CheckOutput, conclusion: Conclusion | undefined, timeoutMs: number, progress: boolean, cut?: AbortSignal) =>
    call(async (signal) => {
      own ??= await findOwn(octokit, where, signal);
      if (conclusion !== undefined && own?.status === 'completed' && own.conclusion === conclusion) return;
      own = await write(output, conclusion, progress, signal);
    }, timeoutMs, cut);

  const observer: WaitObserver = {
    reading(task) {
      tasks.set(task.taskId, task);
      const now = clock.now();
      // Decided already (a `wait: false` run after the end): the completion alone says it.
      if (refused || finishing || now < limitedUntil || [...tasks.values()].every(decided)) return;
      const due = sentAt === undefined || (moved(task, sent.get(task.taskId)) && now - sentAt >= UPDATE_EVERY_MS);
      if (!due) return;
      sentAt = now;
      for (const each of tasks.values()) sent.set(each.taskId, { status: each.reading?.status, percent: each.reading?.percentage ?? 0 });
      const output = progressOutput([...tasks.values()], jobLink);
      queue = queue.then(() => send(output, undefined, CALL_TIMEOUT_MS, true, cutProgress.signal));
    },
  };

  const complete: CheckRunHandle['complete'] = async (record, budget, cancel) => {
    finishing = true;
    // A cancel already in (during the service's history, say): what a cancelled run gets.
    const given = cancel?.signal.aborted ? cancel.budget : budget;
    let lastAt = clock.now() + Math.max(given.callsMs, given.rateLimitMs);
    // A progress update still on its way goes first (never two calls at once), for half the calls'
    // budget at most; then it is cut, and the completion, its own calls never cut so, has the rest.
    const cut = setTimeout(() => cutProgress.abort(), given.callsMs / 2);
    // A cancel during the completion ends a wait that would outlast the time it leaves, and cuts a
    // call still on its way when that is up, so that what the completion says is said before the
    // process exits.
    const deadline = new AbortController();
    let deadlineTimer: NodeJS.Timeout | undefined;
    const onCancel = () => {
      lastAt = Math.min(lastAt, clock.now() + (cancel?.budget.callsMs ?? 0));
      cutProgress.abort();
      if (waiting && waiting.endsAt > lastAt) waiting.stop.abort();
      deadlineTimer = setTimeout(() => deadline.abort(), lastAt - clock.now());
    };
    if (!cancel?.signal.aborted) cancel?.signal.addEventListener('abort', onCancel, { once: true });
    try {
      await queue;
      await conclude(finalOutput(record, jobLink), CONCLUSION[record.result.outcome], given, () => lastAt, deadline.signal);
    } finally {
      clearTimeout(cut);
      clearTimeout(deadlineTimer);
      cancel?.signal.removeEventListener('abort', onCancel);
    }
  };

  /** The completion's calls, tried twice, within their budget, after the waits that GitHub calls for. */
  const conclude = async (
    output: CheckOutput,
    conclusion: Conclusion | undefined,
    budget: CompletionBudget,
    lastAt: () => number,
    deadline: AbortSignal,
  ) => {
    // The completion's own calls get the whole calls' budget from here; a wait pushes that end on.
    let callsEndAt = Math.min(lastAt(), clock.now() + budget.callsMs);
    const wait = async (ms: number, why: string) => {
      options.info(`${prefix}: ${why}; waiting ${formatDuration(ms)} before the check run is completed.`);
      const from = clock.now();
      waiting = { endsAt: from + ms, stop: new AbortController() };
      await clock.sleep(Math.ceil(ms), waiting.stop.signal);
      waiting = undefined;
      return clock.now() - from;
    };
    for (let faults = 0; !refused && faults < 2; ) {
      const limitMs = limitedUntil - clock.now();
      if (limitMs > 0) {
        if (clock.now() + limitMs > lastAt()) {
          const until = new Date(Date.now() + limitMs).toISOString().slice(11, 19);
          options.warn(`${prefix}: GitHub's rate limit (${limitText}) lasts until ${until} UTC, past the time the check run may take; it may show an earlier state on the commit.`);
          return;
        }
        await wait(limitMs, `GitHub's rate limit (${limitText})`);
        callsEndAt = Math.max(callsEndAt, clock.now() + budget.callsMs);
        continue; // the limit is over, or a cancel cut the wait short: seen above
      }
      if (unfinished) {
        const carriedOutAt = unfinished.at + CARRIED_OUT_WITHIN_MS;
        if (clock.now() < carriedOutAt && carriedOutAt < lastAt()) {
          callsEndAt += await wait(carriedOutAt - clock.now(), 'GitHub left a call unanswered that it may still carry out');
        }
        // A cancel, or the end of a long rate limit, left no time to wait: said, as the run may show it.
        if (clock.now() < carriedOutAt) {
          const { what, shows } = lateWrite(unfinished);
          options.warn(`${prefix}: GitHub left ${what} unanswered and there is no time to wait for it; if it is carried out late, ${shows}.`);
        }
        unfinished = undefined;
      }
      const leftMs = Math.min(callsEndAt, lastAt()) - clock.now();
      if (leftMs < 1) break;
      const fault = await send(output, conclusion, Math.min(CALL_TIMEOUT_MS, leftMs / (2 - faults)), false, deadline);
      if (!fault) return;
      if (fault.kind !== 'limited') faults += 1;
    }
    // Said once, at the end: a check run left in progress could hold a pull request that requires it.
    if (!refused) {
      options.warn(`${prefix}: the check run could not be ${conclusion ? 'completed' : 'updated'} (${lastFault || 'no time left'}); it may show an earlier state on the commit.`);
    }
  };

  return { observer, complete };
}

/** This gate's newest run on the commit (its name and identity), paging through every run of the name. */
async function findOwn(
  octokit: Octokit,
  where: { owner: string; repo: string; sha: string; name: string; externalId: string },
  signal: AbortSignal,
): Promise<OwnRun | undefined> {
  let newest: OwnRun | undefined;
  for (let page = 1; ; page += 1) {
    const { data } = await octokit.rest.checks.listForRef({
      owner: where.owner, repo: where.repo, ref: where.sha, check_name: where.name, filter: 'all', per_page: PER_PAGE, page, request: { signal },
    });
    if (!Array.isArray(data?.check_runs)) throw new TypeError('not a list');
    for (const run of data.check_runs) {
      const mine = run?.name === where.name && run.external_id === where.externalId && typeof run.id === 'number';
      if (mine && (newest === undefined || run.id > newest.id)) newest = { id: run.id, status: run.status, conclusion: run.conclusion };
    }
    if (data.check_runs.length < PER_PAGE || page * PER_PAGE >= data.total_count) return newest;
  }
}

/**
 * "udts-wait:<hash>": the workflow file (GITHUB_WORKFLOW_REF's path, before "@refs/"; a branch name
 * may hold an "@"), the job and the tasks, which together make a gate. Without the ref, the
 * workflow's display name.
 */
export function gateIdentity(env: Env, taskIds: readonly string[]): string {
  const workflow = env.GITHUB_WORKFLOW_REF ? (env.GITHUB_WORKFLOW_REF.split('@refs/')[0] as string) : env.GITHUB_WORKFLOW ?? '';
  const gate = [workflow, env.GITHUB_JOB ?? '', [...taskIds].sort().join(',')].join('\n');
  return `udts-wait:${createHash('sha256').update(gate).digest('hex').slice(0, 24)}`;
}

/** What a write GitHub left unanswered is, and what it shows if GitHub carries it out after the completion. */
function lateWrite(write: { create: boolean; progress: boolean }): { what: string; shows: string } {
  if (!write.create) return { what: 'a progress update', shows: 'the check run shows its progress instead of the result' };
  return { what: "a check run's creation", shows: write.progress ? 'it shows in progress until the gate runs again' : 'it is a second run with the same result' };
}

/** The task has its verdict: success or failure. */
function decided(task: TaskRecord): boolean {
  return task.judgement?.verdict === 'success' || task.judgement?.verdict === 'failure';
}

/** A state change, or progress of PROGRESS_STEP points or more, since the task was last sent. */
function moved(task: TaskRecord, before: { status?: string; percent: number } | undefined): boolean {
  if (before === undefined || before.status !== task.reading?.status) return true;
  return Math.abs((task.reading?.percentage ?? 0) - before.percent) >= PROGRESS_STEP;
}
