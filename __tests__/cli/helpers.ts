/**
 * Helpers for the CLI tests: a CliWorld that records what the CLI printed, on the fake clock (its
 * sleeps end at once, so no test waits for real time between polls).
 */
import type { CliWorld } from '../../src/cli/run.js';
import { connectToApi } from '../../src/core/gate.js';
import { FakeClock } from '../unit/fakes.js';

export interface RecordedWorld extends CliWorld {
  out: { stdout: string; stderr: string };
}

/** A CLI world with no environment, a fake clock, and stdout/stderr recorded. */
export function recordedWorld(argv: string[], overrides: Partial<CliWorld> = {}): RecordedWorld {
  const out = { stdout: '', stderr: '' };
  return {
    argv,
    env: {},
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    isTTY: false,
    clock: new FakeClock(),
    signal: new AbortController().signal,
    connect: connectToApi,
    ...overrides,
    out,
  };
}

/** The demo key pair as flags. */
export const DEMO_KEY_FLAGS = ['--public-key', 'demo-public-key', '--private-key', 'demo-private-key'];
