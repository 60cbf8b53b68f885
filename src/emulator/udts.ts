/**
 * The UDTS API: GetUDTSTaskStatus and GetUDTSTaskHistory, checked in the order the real API checks
 * them (action, signature and key, task) and answered from the scenario. Each check is one small
 * function that passes or names the RetCode to answer with.
 */
import type { ServerResponse } from 'node:http';
import { sign } from '../udts/signature.js';
import { HISTORY_ACTION } from '../udts/history.js';
import { STATUS_ACTION } from '../udts/status.js';
import { sendFault, sendJson } from './reply.js';
import type { Fault, Scenario, TaskScript } from './scenario.js';
import { isAbsent, type StateChange, type TaskBook } from './tasks.js';


const MESSAGES: Readonly<Record<number, string>> = {
  160: 'Missing Action',
  161: 'Action not found',
  170: 'Missing Signature',
  171: 'Signature VerifyAC Error',
  172: 'User not exist',
  220: 'Missing params [TaskId]',
  230: 'Params [TaskId] not available',
};

/** What the UDTS side needs from the server. */
export interface UdtsWorld {
  scenario: Scenario;
  /** Private keys by public key. */
  keys: ReadonlyMap<string, string>;
  tasks: TaskBook;
  now: () => number;
  /** Counts a request of `action` for a task the scenario has. */
  count: (action: string, taskId: string) => void;
}

/** An answer: a RetCode (0 with `data`), or a fault from the scenario. */
type Answer = { retCode: number; data?: unknown } | { fault: Fault };
type Task = { taskId: string; script: TaskScript };

/** Answers one UDTS request; returns the RetCode answered ('fault' for a fault without one). */
export function answerUdts(params: Record<string, string>, res: ServerResponse, world: UdtsWorld): number | string | 'fault' {
  const answer = decide(params, world);
  const action = params.Action ?? '';
  if ('fault' in answer) {
    sendFault(res, answer.fault, action);
    return answer.fault.kind === 'retcode' ? answer.fault.retCode : 'fault';
  }
  const { retCode, data } = answer;
  sendJson(res, 200, { RetCode: retCode, Action: `${action}Response`, Message: MESSAGES[retCode] ?? '', ...(data === undefined ? {} : { Data: data }) });
  return retCode;
}

function decide(params: Record<string, string>, world: UdtsWorld): Answer {
  const refused = actionError(params.Action, world.scenario) ?? callerError(params, world.keys);
  if (refused !== undefined) return { retCode: refused };
  const task = findTask(params, world.scenario);
  if (typeof task === 'number') return { retCode: task };
  return params.Action === STATUS_ACTION ? statusAnswer(task, world) : historyAnswer(task, world);
}

function actionError(action: string | undefined, scenario: Scenario): number | undefined {
  if (!action) return 160;
  if (action === STATUS_ACTION || (action === HISTORY_ACTION && scenario.historyAction !== false)) return undefined;
  return 161;
}

/** The signature over every other parameter sent, with the private key of the given public key. */
function callerError(params: Record<string, string>, keys: ReadonlyMap<string, string>): number | undefined {
  const { Signature: signature, ...signed } = params;
  if (!signature) return 170;
  const privateKey = keys.get(params.PublicKey ?? '');
  if (privateKey === undefined) return 172;
  return sign(signed, privateKey) === signature ? undefined : 171;
}

function findTask(params: Record<string, string>, scenario: Scenario): Task | number {
  const taskId = params.TaskId;
  if (!taskId) return 220;
  const script = Object.hasOwn(scenario.tasks, taskId) ? scenario.tasks[taskId] : undefined;
  if (!script || (script.projectId && params.ProjectId && params.ProjectId !== script.projectId)) return 230;
  return { taskId, script };
}

function statusAnswer({ taskId, script }: Task, world: UdtsWorld): Answer {
  const step = world.tasks.statusStep(taskId, script, world.now());
  world.count(STATUS_ACTION, taskId);
  return step.fault ? { fault: step.fault } : { retCode: 0, data: step.data ?? {} };
}

function historyAnswer({ taskId, script }: Task, world: UdtsWorld): Answer {
  const nowMs = world.now();
  world.count(HISTORY_ACTION, taskId);
  if (isAbsent(world.tasks.stepNow(taskId, script, nowMs))) return { retCode: 230 };
  if (script.historyFault) return { fault: script.historyFault };
  // Newest first: the API promises no order, so a client that does not sort shows it. Entries of
  // the same second stay oldest first, so a client's stable sort by CreateTime gets them right.
  const items = world.tasks.history(taskId, script, nowMs).map((change) => historyItem(taskId, change));
  return { retCode: 0, data: items.sort((a, b) => b.CreateTime - a.CreateTime) };
}

/** One TaskHistoryItem as the SDKs describe it; CreateTimeH in UTC+8 (the emulator's choice: read CreateTime). */
function historyItem(taskId: string, { state, atMs }: StateChange) {
  const createTime = Math.floor(atMs / 1_000);
  const shanghai = new Date((createTime + 8 * 3_600) * 1_000).toISOString();
  return { AntID: taskId, AntState: state, CreateTime: createTime, CreateTimeH: `${shanghai.slice(0, 10)} ${shanghai.slice(11, 19)}` };
}
