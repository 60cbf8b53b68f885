/**
 * One task's polling loop as a small state machine: a pure transition takes what the last request
 * brought (a reading or a fault) and says what to do next. The waiter only carries it out (sleeps,
 * sends, stops), so every rule of the loop is tested here without a clock or a network.
 */
import { UdtsError } from '../udts/errors.js';
import type { Reading } from '../udts/status.js';
import { judge, type Judgement, type VerdictNote } from './verdict.js';
import { planNextPoll, remember, retryDelay, type PollHistory } from './schedule.js';
import type { TaskNote, WaitOptions } from './types.js';

/** RetCode 230: "params not available", the API's answer for a task it does not know (yet). */
const RETCODE_NO_SUCH_TASK = 230;
/** Notes a task says at most: an API that invents a new state on every poll cannot flood the log. */
export const NOTES_LIMIT = 32;

/** What one task's loop remembers between requests. */
export interface TaskState {
  /** Transient faults since the last good answer. */
  readonly faultsInRow: number;
  /** The time the next request may take; doubles after a request that got no answer in time. */
  readonly requestTimeoutMs: number;
  /** Success readings in a row (stable-polls). */
  readonly streak: number;
  /** What the schedule knows of the readings so far (bounded); undefined before the first. */
  readonly history?: PollHistory;
  /** The notes already said (see noteKey). */
  readonly notesSaid: readonly string[];
}

/** What a request brought. */
export type TaskEvent =
  | { kind: 'reading'; reading: Reading; at: number }
  | { kind: 'fault'; error: unknown; at: number };

/** What to do next. */
export type TaskStep =
  | { kind: 'poll'; delayMs: number }
  | { kind: 'finished'; verdict: 'success' | 'failure' }
  /** `wait: false`: the one reading is taken; the task is still running. */
  | { kind: 'checked' }
  /**
   * A fault that retrying cannot mend (or not a UdtsError at all): the whole run stops. `appearWaitedMs`:
   * the task was waited for under appear-timeout this long and never appeared.
   */
  | { kind: 'stop'; error: Error; appearWaitedMs?: number };

export interface Transition {
  state: TaskState;
  step: TaskStep;
  /** For a reading: how it was judged. */
  judgement?: Judgement;
  /** For a fault: the error the task shows until the next good reading. */
  lastError?: UdtsError;
  /** For a transient fault: the retry's number in a row and its delay. */
  retry?: { attempt: number; delayMs: number };
  /** Notes to say now (each only once per task). */
  notes: TaskNote[];
}

/** The options the machine reads, and when the wait started (for appear-timeout). */
export interface MachineContext {
  options: Pick<WaitOptions, 'intervalMs' | 'wait' | 'appearTimeoutMs' | 'successStates' | 'failureStates' | 'maxLagSeconds' | 'stablePolls' | 'tolerateRetries'>;
  startedAt: number;
  baseRequestTimeoutMs: number;
  maxRequestTimeoutMs: number;
  random: () => number;
}

export function initialTaskState(baseRequestTimeoutMs: number): TaskState {
  return { faultsInRow: 0, requestTimeoutMs: baseRequestTimeoutMs, streak: 0, notesSaid: [] };
}

/** Pure: the next state and step after `event`. */
export function nextStep(state: TaskState, event: TaskEvent, context: MachineContext): Transition {
  return event.kind === 'reading' ? afterReading(state, event.reading, event.at, context) : afterFault(state, event.error, event.at, context);
}

function afterReading(state: TaskState, reading: Reading, at: number, context: MachineContext): Transition {
  const { options } = context;
  const judgement = judge(reading, options, state.streak);
  const history = remember(state.history, { reading, at });
  const said = sayOnce(state.notesSaid, judgement.note === undefined ? [] : [[judgement.note, noteKey(judgement.note, reading)]]);
  const next: TaskState = {
    ...state,
    faultsInRow: 0,
    requestTimeoutMs: context.baseRequestTimeoutMs,
    streak: judgement.streak,
    history,
    notesSaid: said.notesSaid,
  };
  const done = (step: TaskStep): Transition => ({ state: next, step, judgement, notes: said.notes });
  if (judgement.verdict !== 'pending') return done({ kind: 'finished', verdict: judgement.verdict });
  if (!options.wait) return done({ kind: 'checked' });
  // A success state waiting for more stable readings polls at the interval; the ETA is spent.
  if (judgement.streak > 0) return done({ kind: 'poll', delayMs: options.intervalMs });
  return done({ kind: 'poll', delayMs: planNextPoll(history, options.intervalMs).delayMs });
}

function afterFault(state: TaskState, error: unknown, at: number, context: MachineContext): Transition {
  const { options } = context;
  if (!(error instanceof UdtsError)) {
    return { state, step: { kind: 'stop', error: error instanceof Error ? error : new Error(String(error)) }, notes: [] };
  }
  if (error.kind === 'transient') {
    const attempt = state.faultsInRow + 1;
    const delayMs = retryDelay(attempt, options.intervalMs, context.random);
    // Only a request that got no answer in time earns the next one more time: an API that is slow,
    // not dead, still gets read. Any other fault says nothing about how long an answer takes.
    const requestTimeoutMs = error.timedOut ? Math.min(context.maxRequestTimeoutMs, state.requestTimeoutMs * 2) : state.requestTimeoutMs;
    return {
      state: { ...state, faultsInRow: attempt, requestTimeoutMs },
      step: { kind: 'poll', delayMs },
      lastError: error,
      retry: { attempt, delayMs },
      notes: [],
    };
  }
  // A task created one step earlier may not be visible yet: within appear-timeout, "no such task"
  // means "not there yet", so it is asked again at the interval. Once seen, a 230 is an error as ever.
  const appearing = error.retCode === RETCODE_NO_SUCH_TASK && state.history === undefined && at - context.startedAt < options.appearTimeoutMs;
  if (appearing) {
    // Stryker disable next-line StringLiteral: any fixed key says the note once
    const said = sayOnce(state.notesSaid, [['not-there-yet', 'not-there-yet']]);
    return { state: { ...state, notesSaid: said.notesSaid }, step: { kind: 'poll', delayMs: options.intervalMs }, lastError: error, notes: said.notes };
  }
  const neverAppeared = error.retCode === RETCODE_NO_SUCH_TASK && state.history === undefined && options.appearTimeoutMs > 0;
  const step: TaskStep = neverAppeared ? { kind: 'stop', error, appearWaitedMs: at - context.startedAt } : { kind: 'stop', error };
  return { state, step, lastError: error, notes: [] };
}

/** The notes not said before, and the updated record of what was said. */
function sayOnce(notesSaid: readonly string[], candidates: Array<[TaskNote, string]>): { notes: TaskNote[]; notesSaid: readonly string[] } {
  const fresh = candidates.filter(([, key]) => !notesSaid.includes(key)).slice(0, NOTES_LIMIT - notesSaid.length);
  // Stryker disable next-line ConditionalExpression: with nothing fresh, the copy below holds the same keys
  if (fresh.length === 0) return { notes: [], notesSaid };
  return { notes: fresh.map(([note]) => note), notesSaid: [...notesSaid, ...fresh.map(([, key]) => key)] };
}

/** Notes are said once: per state name for unknown states, per retry for the service's retries, else once. */
function noteKey(note: VerdictNote, reading: Reading): string {
  if (note === 'unknown-state') return `${note}:${reading.status}`;
  if (note === 'retrying') return `${note}:${reading.curRetryCount}`;
  return note;
}
