/**
 * What each task has been through while the emulator runs: when it was first asked about, how many
 * status requests it answered, and the states it served. From that: the step that answers a status
 * request, and the timeline GetUDTSTaskHistory reports.
 */
import { currentStep, type Step, type TaskScript } from './scenario.js';

/** A state the task entered, and when (ms since the epoch, on the emulator's clock). */
export interface StateChange {
  state: string;
  atMs: number;
}

interface TaskRun {
  firstSeenAtMs: number;
  statusRequests: number;
  /** The step the latest status request got; undefined before the first. */
  lastStep?: Step;
  /** State changes served so far (used for request-advanced tasks, whose steps have no time). */
  served: StateChange[];
}

/** The per-task state of one emulator; `nowMs` always comes from the emulator's (injectable) clock. */
export interface TaskBook {
  /** Answers one status request: counts it and returns its step. */
  statusStep(taskId: string, script: TaskScript, nowMs: number): Step;
  /** The step a status request would get now, without counting one (is the task there yet?). */
  stepNow(taskId: string, script: TaskScript, nowMs: number): Step;
  /** The states the service has been through up to now, oldest first. */
  history(taskId: string, script: TaskScript, nowMs: number): StateChange[];
}

/** A task book with nothing seen yet. A task's clock starts at its first request of either kind. */
export function createTaskBook(): TaskBook {
  const runs = new Map<string, TaskRun>();
  const runOf = (taskId: string, nowMs: number): TaskRun => {
    let run = runs.get(taskId);
    if (!run) runs.set(taskId, (run = { firstSeenAtMs: nowMs, statusRequests: 0, served: [] }));
    return run;
  };
  return {
    statusStep(taskId, script, nowMs) {
      const run = runOf(taskId, nowMs);
      const step = currentStep(script, run.statusRequests, nowMs - run.firstSeenAtMs);
      run.statusRequests += 1;
      run.lastStep = step;
      const state = stateOf(step);
      // Only changes are kept: a task polled for hours holds one entry per state, not per poll.
      if (state !== undefined && state !== run.served.at(-1)?.state) run.served.push({ state, atMs: nowMs });
      return step;
    },
    stepNow(taskId, script, nowMs) {
      const run = runOf(taskId, nowMs);
      if (script.advance === 'time') return currentStep(script, 0, nowMs - run.firstSeenAtMs);
      return run.lastStep ?? (script.steps[0] as Step);
    },
    history(taskId, script, nowMs) {
      const run = runOf(taskId, nowMs);
      const at = (seconds: number) => run.firstSeenAtMs + seconds * 1_000;
      const before = (script.history ?? []).map((entry) => ({ state: entry.state, atMs: at(entry.at) }));
      // A time-advanced task went through every step whose time has come, polled or not (a retry
      // between two polls shows here); a request-advanced one only through what it served.
      const lived = script.advance === 'time' ? script.steps.flatMap((step) => timedChange(step, at)) : run.served;
      const due = [...before, ...lived].filter((change) => change.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
      return due.filter((change, index) => index === 0 || change.state !== due[index - 1]?.state);
    },
  };
}

/** True for a step that says the task does not exist (yet): RetCode 230, as for an unknown TaskId. */
export function isAbsent(step: Step): boolean {
  return step.fault?.kind === 'retcode' && Number(step.fault.retCode) === 230;
}

function stateOf(step: Step): string | undefined {
  const status = step.data?.Status;
  return typeof status === 'string' && status !== '' ? status : undefined;
}

function timedChange(step: Step, at: (seconds: number) => number): StateChange[] {
  const state = stateOf(step);
  return state === undefined ? [] : [{ state, atMs: at(step.at ?? 0) }];
}
