/**
 * Helpers for the CLI tests: a virtual clock (sleeping advances it at once, so no test waits for
 * real time between polls), a CliWorld that records what the CLI printed, and scenario builders.
 */
import type { CliWorld } from '../../src/cli/run.js';
import { connectToApi } from '../../src/gate.js';
import type { Scenario, Step } from '../../src/emulator/scenario.js';
import type { Clock } from '../../src/wait/types.js';

/** A clock whose sleeps return at once and move `now` forward by the time slept. */
export function virtualClock(startMs = Date.UTC(2026, 0, 1)): Clock & { sleptMs: number } {
  let nowMs = startMs;
  const clock = {
    sleptMs: 0,
    now: () => nowMs,
    sleep: async (ms: number, signal: AbortSignal) => {
      if (signal.aborted) return;
      nowMs += ms;
      clock.sleptMs += ms;
      // Let other tasks and I/O run, as a real sleep would.
      await new Promise((resolve) => setImmediate(resolve));
    },
    random: () => 0.5,
  };
  return clock;
}

export interface RecordedWorld extends CliWorld {
  out: { stdout: string; stderr: string };
}

/** A CLI world with no environment, a virtual clock, and stdout/stderr recorded. */
export function recordedWorld(argv: string[], overrides: Partial<CliWorld> = {}): RecordedWorld {
  const out = { stdout: '', stderr: '' };
  return {
    argv,
    env: {},
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    isTTY: false,
    clock: virtualClock(),
    signal: new AbortController().signal,
    connect: connectToApi,
    ...overrides,
    out,
  };
}

/** A reading (the API's Data object) as a scenario step. */
export function reading(status: string, extra: Record<string, unknown> = {}, repeat?: number): Step {
  return { data: { Status: status, ...extra }, ...(repeat === undefined ? {} : { repeat }) };
}

/** A request-advanced scenario with the demo keys. */
export function scenario(tasks: Record<string, Step[]>, projectIds: Record<string, string> = {}): Scenario {
  return {
    tasks: Object.fromEntries(
      Object.entries(tasks).map(([taskId, steps]) => [taskId, { steps, ...(projectIds[taskId] ? { projectId: projectIds[taskId] } : {}) }]),
    ),
  };
}

/** The demo key pair as flags. */
export const DEMO_KEY_FLAGS = ['--public-key', 'demo-public-key', '--private-key', 'demo-private-key'];
