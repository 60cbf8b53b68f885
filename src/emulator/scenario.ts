/**
 * The scenario format: which keys the emulator accepts and, per task, the readings (or faults) it
 * answers with, advanced per request or by seconds since the task's first request; the service's
 * history before the wait; and how the fake GitHub API behaves. `--help` explains it to users.
 */
import { readFileSync } from 'node:fs';
import { checkGithub, checkKeys, checkTask } from './scenario-check.js';

/** What the emulator can do instead of a good answer; fault steps make the action's error paths testable. */
export type Fault =
  | { kind: 'http'; status: number; body?: string } // that HTTP status, an HTML error page by default
  | { kind: 'reset' } // the connection is cut before any answer
  | { kind: 'hang' } // no answer at all, until the client gives up
  | { kind: 'truncated' } // HTTP 200, JSON cut off half way
  | { kind: 'html' } // HTTP 200 with an HTML page (a captive portal, a proxy's error page)
  | { kind: 'retcode'; retCode: number | string; message?: string } // an API error; a string RetCode as some gateways send
  | { kind: 'endless' } // GitHub only: HTTP 200 JSON that never ends, until the client stops reading
  // GitHub only: carried out storeMs after it arrived (a run created then), answered answerMs after that (never by default)
  | { kind: 'late'; storeMs: number; answerMs?: number };

export interface Step {
  /** With `advance: "time"`: seconds since the task's first request from which this step answers. */
  at?: number;
  /** With `advance: "request"`: how many requests this step answers (default 1; the last step answers all later ones). */
  repeat?: number;
  /** The StatusData to answer with (RetCode 0); `RetCode` in a retcode fault may be a string. */
  data?: Record<string, unknown>;
  fault?: Fault;
}

/** A state the service went through, `at` seconds from the task's first request (negative: before it). */
export interface PastState {
  state: string;
  at: number;
}

export interface TaskScript {
  advance?: 'request' | 'time';
  /** The project the task lives in; a request naming another project gets RetCode 230. */
  projectId?: string;
  steps: Step[];
  /** States before (or between) the steps, for GetUDTSTaskHistory; each shows once its time has come. */
  history?: PastState[];
  /** Every GetUDTSTaskHistory call for this task answers with this fault instead. */
  historyFault?: Fault;
}

/** A refusal GitHub gives a token that may not write check runs (401 bad token, 403 no `checks: write`, 404 no access). */
type GithubRefusal = 401 | 403 | 404;

/** How the fake GitHub check-runs API behaves. */
export interface GithubScript {
  /** The token it accepts (`Authorization: token X` or `Bearer X`); default `demo-github-token`. */
  token?: string;
  /** Every GitHub request is refused with this status (after the token check). */
  refuse?: GithubRefusal;
  /** Faults on chosen requests, counted from 1 over all GitHub requests (e.g. a 502 on the 2nd). */
  faults?: Array<{ request: number; fault: Fault }>;
  /**
   * GitHub's rate limit on chosen requests, counted as `faults`: `primary` answers 403 with
   * `x-ratelimit-remaining: 0` and a reset `seconds` later (default 60); `secondary` answers 403 "You
   * have exceeded a secondary rate limit", with `retry-after: seconds` only when `seconds` is given.
   */
  rateLimits?: Array<{ request: number; limit: 'primary' | 'secondary'; seconds?: number }>;
  /** Headers added to every GitHub answer (a `deprecation` and `sunset` notice, say). */
  headers?: Record<string, string>;
  /** Milliseconds every list call is held back: a slow GitHub. */
  slowListMs?: number;
}

export interface Scenario {
  description?: string;
  /** Accepted key pairs; default: the documented demo keys. */
  keys?: Array<{ publicKey: string; privateKey: string }>;
  /** Milliseconds every answer is held back, to stand for a real API's latency. */
  latencyMs?: number;
  /** `false`: the endpoint has no GetUDTSTaskHistory (RetCode 161, as an older endpoint would). */
  historyAction?: boolean;
  tasks: Record<string, TaskScript>;
  github?: GithubScript;
}

/** The key pair the demo, the tests and users' dry runs use; never a real credential. */
export const DEMO_KEYS = { publicKey: 'demo-public-key', privateKey: 'demo-private-key' } as const;

/** The token the fake GitHub API accepts when a scenario names none; never a real credential. */
export const DEMO_GITHUB_TOKEN = 'demo-github-token';

/** Reads and checks a scenario file; errors name the file and the offending task or step. */
export function loadScenario(path: string): Scenario {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // A JSON error may quote the text around it, a key perhaps: only where it is is told.
    const why = error instanceof SyntaxError
      ? `not valid JSON${/ at position \d+.*$/.exec(error.message)?.[0] ?? ''}`
      : error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot read scenario '${path}': ${why}`, { cause: error });
  }
  return checkScenario(parsed, path);
}

/** Checks a scenario object (from a file, built in, or built by a test); `origin` starts every error. */
export function checkScenario(value: unknown, origin = 'scenario'): Scenario {
  const scenario = value as Scenario;
  if (typeof scenario !== 'object' || scenario === null || typeof scenario.tasks !== 'object' || scenario.tasks === null) {
    throw new Error(`${origin}: expected an object with "tasks": { "<task id>": { "steps": [...] } }`);
  }
  if (scenario.latencyMs !== undefined && !(Number.isFinite(scenario.latencyMs) && scenario.latencyMs >= 0)) {
    throw new Error(`${origin}: "latencyMs" is a number of milliseconds (0 or more), not ${JSON.stringify(scenario.latencyMs)}`);
  }
  if (scenario.historyAction !== undefined && typeof scenario.historyAction !== 'boolean') {
    throw new Error(`${origin}: "historyAction" is true or false, not ${JSON.stringify(scenario.historyAction)}`);
  }
  if (scenario.keys !== undefined) checkKeys(scenario.keys, `${origin}: keys`);
  for (const [taskId, script] of Object.entries(scenario.tasks)) checkTask(script, `${origin}: task ${taskId}`);
  if (scenario.github !== undefined) checkGithub(scenario.github, `${origin}: github`);
  return scenario;
}

/** The step that answers a task's request number `requestIndex` (0-based), `elapsedMs` after its first. */
export function currentStep(script: TaskScript, requestIndex: number, elapsedMs: number): Step {
  const steps = script.steps;
  if (script.advance === 'time') {
    let current = steps[0] as Step;
    for (const step of steps) if ((step.at ?? 0) * 1_000 <= elapsedMs) current = step;
    return current;
  }
  let remaining = requestIndex;
  for (const step of steps) {
    remaining -= step.repeat ?? 1;
    if (remaining < 0) return step;
  }
  return steps[steps.length - 1] as Step;
}
