/**
 * Emulator scenarios: which keys the emulator accepts and, per task, the readings (or faults) it
 * answers with, advanced per request or by seconds since the task's first request.
 */
import { readFileSync } from 'node:fs';

/** What the emulator can do instead of a good answer; fault steps make the action's error paths testable. */
export type Fault =
  | { kind: 'http'; status: number; body?: string } // that HTTP status, an HTML error page by default
  | { kind: 'reset' } // the connection is cut before any answer
  | { kind: 'hang' } // no answer at all, until the client gives up
  | { kind: 'truncated' } // HTTP 200, JSON cut off half way
  | { kind: 'html' } // HTTP 200 with an HTML page (a captive portal, a proxy's error page)
  | { kind: 'retcode'; retCode: number | string; message?: string }; // an API error; a string RetCode as some gateways send

export interface Step {
  /** With `advance: "time"`: seconds since the task's first request from which this step answers. */
  at?: number;
  /** With `advance: "request"`: how many requests this step answers (default 1; the last step answers all later ones). */
  repeat?: number;
  /** The StatusData to answer with (RetCode 0); `RetCode` in a retcode fault may be a string. */
  data?: Record<string, unknown>;
  fault?: Fault;
}

export interface TaskScript {
  advance?: 'request' | 'time';
  /** The project the task lives in; a request naming another project gets RetCode 230. */
  projectId?: string;
  steps: Step[];
}

export interface Scenario {
  description?: string;
  /** Accepted key pairs; default: the documented demo keys. */
  keys?: Array<{ publicKey: string; privateKey: string }>;
  /** Milliseconds every answer is held back, to stand for a real API's latency. */
  latencyMs?: number;
  tasks: Record<string, TaskScript>;
}

/** The key pair the demo, the tests and users' dry runs use; never a real credential. */
export const DEMO_KEYS = { publicKey: 'demo-public-key', privateKey: 'demo-private-key' } as const;

const FAULT_KINDS = new Set(['http', 'reset', 'hang', 'truncated', 'html', 'retcode']);

/** Reads and checks a scenario file; errors name the file and the offending task or step. */
export function loadScenario(path: string): Scenario {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read scenario '${path}': ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return checkScenario(parsed, path);
}

/** Checks a scenario object (from a file or built by a test). */
export function checkScenario(value: unknown, origin = 'scenario'): Scenario {
  const scenario = value as Scenario;
  if (typeof scenario !== 'object' || scenario === null || typeof scenario.tasks !== 'object' || scenario.tasks === null) {
    throw new Error(`${origin}: expected an object with "tasks": { "<task id>": { "steps": [...] } }`);
  }
  for (const [taskId, script] of Object.entries(scenario.tasks)) {
    if (!Array.isArray(script?.steps) || script.steps.length === 0) {
      throw new Error(`${origin}: task ${taskId} needs a non-empty "steps" list`);
    }
    if (script.advance !== undefined && script.advance !== 'request' && script.advance !== 'time') {
      throw new Error(`${origin}: task ${taskId}: "advance" is "request" or "time", not ${JSON.stringify(script.advance)}`);
    }
    script.steps.forEach((step, index) => {
      const where = `${origin}: task ${taskId}, step ${index + 1}`;
      if ((step.data === undefined) === (step.fault === undefined)) throw new Error(`${where}: give either "data" or "fault"`);
      if (step.fault && !FAULT_KINDS.has(step.fault.kind)) {
        throw new Error(`${where}: unknown fault kind ${JSON.stringify(step.fault.kind)} (known: ${[...FAULT_KINDS].join(', ')})`);
      }
      if (script.advance === 'time' && typeof step.at !== 'number') throw new Error(`${where}: time steps need "at" (seconds)`);
      if (step.fault?.kind === 'http' && !Number.isInteger(step.fault.status)) {
        throw new Error(`${where}: an http fault needs "status" (an HTTP status code)`);
      }
      if (step.fault?.kind === 'retcode' && step.fault.retCode === undefined) {
        throw new Error(`${where}: a retcode fault needs "retCode"`);
      }
    });
  }
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
