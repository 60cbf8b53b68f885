import * as core from '@actions/core';
import { runGate, type GateWorld } from '../core/gate.js';
import { INPUTS, type RawInputs } from '../core/inputs.js';
import { actionSink } from './sink.js';

/**
 * The action: read the inputs, then the one core does the rest through the action's sink. The one
 * place that turns any unexpected error into a failed step (with its message, never a stack).
 */
export async function run(world: GateWorld): Promise<void> {
  const sink = actionSink({ env: world.env, signal: world.signal });
  try {
    const raw: RawInputs = {};
    for (const input of INPUTS) raw[input.name] = core.getInput(input.name);
    await runGate(raw, world, sink);
  } catch (error) {
    await sink.publishSetupError(error instanceof Error ? error : new Error(String(error)));
  }
}
