/**
 * The checks behind checkScenario, one per part of the format. Each error starts with `where` (the
 * file and the task or step), says what is wrong, and shows the value seen.
 */
import type { Fault, GithubScript, PastState, Step, TaskScript } from './scenario.js';

const FAULT_KINDS = new Set(['http', 'reset', 'hang', 'truncated', 'html', 'retcode']);
/** The faults that make sense for GitHub's REST API (no UDTS RetCode, no half a UDTS answer). */
const GITHUB_FAULT_KINDS = new Set(['http', 'reset', 'hang', 'html', 'endless', 'late']);
const GITHUB_REFUSALS = new Set([401, 403, 404]);

const shown = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Checks one task's script: its steps, its history and its history fault. */
export function checkTask(script: TaskScript, where: string): void {
  if (!Array.isArray(script?.steps) || script.steps.length === 0) throw new Error(`${where} needs a non-empty "steps" list`);
  if (script.advance !== undefined && script.advance !== 'request' && script.advance !== 'time') {
    throw new Error(`${where}: "advance" is "request" or "time", not ${shown(script.advance)}`);
  }
  script.steps.forEach((step, index) => {
    const timed = script.advance === 'time';
    checkStep(step, timed, `${where}, step ${index + 1}`);
    // currentStep takes the last step whose time has come, so steps out of order would never answer.
    if (timed && index > 0 && (step.at as number) < (script.steps[index - 1]?.at as number)) {
      throw new Error(`${where}, step ${index + 1}: "at" ${step.at} comes before the step above it (${script.steps[index - 1]?.at}); keep time steps in order`);
    }
  });
  if (script.history !== undefined) checkHistory(script.history, `${where}, history`);
  if (script.historyFault !== undefined) checkFault(script.historyFault, FAULT_KINDS, `${where}, historyFault`);
}

function checkStep(step: Step, timed: boolean, where: string): void {
  if (typeof step !== 'object' || step === null) throw new Error(`${where}: a step is an object, not ${shown(step)}`);
  if ((step.data === undefined) === (step.fault === undefined)) throw new Error(`${where}: give either "data" or "fault"`);
  if (step.data !== undefined && (typeof step.data !== 'object' || step.data === null || Array.isArray(step.data))) {
    throw new Error(`${where}: "data" is an object (the API's StatusData), not ${shown(step.data)}`);
  }
  if (step.fault !== undefined) checkFault(step.fault, FAULT_KINDS, where);
  if (timed && !Number.isFinite(step.at)) throw new Error(`${where}: time steps need "at" (seconds)`);
  if (step.repeat !== undefined && !(Number.isInteger(step.repeat) && step.repeat >= 1)) {
    throw new Error(`${where}: "repeat" is a whole number of requests (1 or more), not ${shown(step.repeat)}`);
  }
}

function checkFault(fault: Fault, kinds: ReadonlySet<string>, where: string): void {
  if (!kinds.has(fault?.kind)) {
    throw new Error(`${where}: unknown fault kind ${shown(fault?.kind)} (known: ${[...kinds].join(', ')})`);
  }
  if (fault.kind === 'http' && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
    throw new Error(`${where}: an http fault needs "status" (an HTTP status code)`);
  }
  if (fault.kind === 'retcode' && fault.retCode === undefined) throw new Error(`${where}: a retcode fault needs "retCode"`);
  const ms = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  if (fault.kind === 'late' && !(ms(fault.storeMs) && (fault.answerMs === undefined || ms(fault.answerMs)))) {
    throw new Error(`${where}: a late fault needs "storeMs" and may have "answerMs", each milliseconds (0 or more), got ${shown(fault)}`);
  }
}

function checkHistory(history: PastState[], where: string): void {
  if (!Array.isArray(history)) throw new Error(`${where}: a list of { "state": "Created", "at": -300 }, not ${shown(history)}`);
  history.forEach((entry, index) => {
    if (typeof entry?.state !== 'string' || entry.state === '' || !Number.isFinite(entry.at)) {
      throw new Error(`${where} ${index + 1}: needs "state" (a state name) and "at" (seconds, negative for before the first request), got ${shown(entry)}`);
    }
  });
}

/** Checks the accepted key pairs; an error names the bad pair, never a key. */
export function checkKeys(keys: unknown, where: string): void {
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${where}: a non-empty list of { "publicKey": "...", "privateKey": "..." }`);
  const good = (text: unknown) => typeof text === 'string' && text !== '';
  keys.forEach((pair, index) => {
    if (!good(pair?.publicKey) || !good(pair?.privateKey)) {
      throw new Error(`${where} ${index + 1}: needs "publicKey" and "privateKey", each a non-empty string (keys are not shown)`);
    }
  });
}

/** Checks the `github` section: the token, a forced refusal and the faults on chosen requests. */
export function checkGithub(github: GithubScript, where: string): void {
  if (typeof github !== 'object' || github === null) throw new Error(`${where}: an object, not ${shown(github)}`);
  if (github.token !== undefined && (typeof github.token !== 'string' || github.token === '')) {
    throw new Error(`${where}: "token" is the token to accept, a non-empty string (tokens are not shown)`);
  }
  if (github.refuse !== undefined && !GITHUB_REFUSALS.has(github.refuse)) {
    throw new Error(`${where}: "refuse" is 401, 403 or 404, not ${shown(github.refuse)}`);
  }
  if (github.headers !== undefined && !(typeof github.headers === 'object' && github.headers !== null && Object.values(github.headers).every((v) => typeof v === 'string'))) {
    throw new Error(`${where}: "headers" is an object of header names and string values, not ${shown(github.headers)}`);
  }
  if (github.slowListMs !== undefined && !(Number.isFinite(github.slowListMs) && github.slowListMs >= 0)) {
    throw new Error(`${where}: "slowListMs" is a number of milliseconds (0 or more), not ${shown(github.slowListMs)}`);
  }
  if (github.faults !== undefined && !Array.isArray(github.faults)) throw new Error(`${where}: "faults" is a list of { "request": 2, "fault": {...} }`);
  if (github.rateLimits !== undefined && !Array.isArray(github.rateLimits)) {
    throw new Error(`${where}: "rateLimits" is a list of { "request": 2, "limit": "primary" or "secondary", "seconds": 60 }`);
  }
  const requestOf = (request: unknown, at: string) => {
    if (!(Number.isInteger(request) && (request as number) >= 1)) throw new Error(`${at}: "request" is which GitHub request (1 for the first), not ${shown(request)}`);
  };
  github.faults?.forEach((entry, index) => {
    requestOf(entry?.request, `${where}, fault ${index + 1}`);
    checkFault(entry.fault, GITHUB_FAULT_KINDS, `${where}, fault ${index + 1}`);
  });
  github.rateLimits?.forEach((entry, index) => {
    const at = `${where}, rate limit ${index + 1}`;
    requestOf(entry?.request, at);
    if (entry.limit !== 'primary' && entry.limit !== 'secondary') throw new Error(`${at}: "limit" is "primary" or "secondary", not ${shown(entry.limit)}`);
    if (entry.seconds !== undefined && !(Number.isInteger(entry.seconds) && entry.seconds >= 0)) {
      throw new Error(`${at}: "seconds" is a whole number of seconds (0 or more), not ${shown(entry.seconds)}`);
    }
  });
}
