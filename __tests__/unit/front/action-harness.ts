/**
 * Runs the action's front door (src/action/main.ts) in this process, as the runner would run the bundle:
 * inputs as INPUT_* variables, outputs and the summary through files, the log from stdout. The API
 * and the clock are fakes, so a run takes milliseconds; the end-to-end tests run the real bundle.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { parseOutputFile } from '../../../scripts/runner.mjs';
import type { GateWorld } from '../../../src/core/gate.js';
import type { UdtsClient } from '../../../src/udts/client.js';
import { run } from '../../../src/action/main.js';
import { FakeClock } from '../fakes.js';

export interface InProcessRun {
  /** Everything written to stdout: the log and the workflow commands. */
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  exitCode: number | undefined;
}

// One pair of files for the whole test file: @actions/core keeps the summary path it first found.
const dir = mkdtempSync(join(tmpdir(), 'udts-wait-front-'));
const outputPath = join(dir, 'output');
const summaryPath = join(dir, 'summary');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Runs the action once with `inputs` against `connection`; restores the environment after. */
export async function runActionInProcess(
  inputs: Record<string, string>,
  connection: UdtsClient,
  options: { env?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<InProcessRun> {
  for (const file of [outputPath, summaryPath]) writeFileSync(file, '');
  const env: Record<string, string> = {
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...options.env,
  };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const exitCodeBefore = process.exitCode;
  process.exitCode = undefined;
  try {
    const world: GateWorld = { clock: new FakeClock(), signal: options.signal ?? new AbortController().signal, env: process.env, connect: () => connection };
    await run(world);
    const outputs = parseOutputFile(readFileSync(outputPath, 'utf8'));
    return { stdout, outputs, summary: readFileSync(summaryPath, 'utf8'), exitCode: process.exitCode as number | undefined };
  } finally {
    write.mockRestore();
    process.exitCode = exitCodeBefore;
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
