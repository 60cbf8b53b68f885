/** The emulator's tests' shared pieces: an emulator per test, closed afterwards; signed UDTS calls over loopback HTTP. */
import { afterEach } from 'vitest';
import { DEMO_KEYS, type Scenario } from '../../../src/emulator/scenario.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/emulator/server.js';
import { sign } from '../../../src/udts/signature.js';

export type Params = Record<string, string>;

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** Starts an emulator that is closed after the test. */
export async function emulatorFor(scenario: Scenario, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator(scenario, options);
  running.push(emulator);
  return emulator;
}

/** The parameters with their signature (demo private key unless another is given). */
export function signed(params: Params, privateKey: string = DEMO_KEYS.privateKey): Params {
  return { ...params, Signature: sign(params, privateKey) };
}

/** The base parameters of a call of `action` for `taskId` with the demo public key. */
export function call(action: string, taskId: string): Params {
  return { Action: action, PublicKey: DEMO_KEYS.publicKey, TaskId: taskId };
}

/** POSTs a form (or JSON) body to the emulator, `Action` in the query too, as the SDKs do. */
export async function post(emulator: RunningEmulator, body: Params, as: 'form' | 'json' = 'form', path = `/?Action=${body.Action ?? ''}`) {
  const init = as === 'json' ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : { body: new URLSearchParams(body) };
  const response = await fetch(`${emulator.url}${path}`, { method: 'POST', ...init });
  return (await response.json()) as Record<string, unknown>;
}

/** A signed status call's `Data.Status`, or `RetCode n` when the call was refused. */
export async function statusOf(emulator: RunningEmulator, taskId: string): Promise<string> {
  const answer = await post(emulator, signed(call('GetUDTSTaskStatus', taskId)));
  return answer.RetCode === 0 ? String((answer.Data as { Status?: unknown }).Status) : `RetCode ${String(answer.RetCode)}`;
}
