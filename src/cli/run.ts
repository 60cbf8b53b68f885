import { parseArgs } from 'node:util';
import { formatDuration } from '../duration.js';
import { INPUTS, type InputName, type RawInputs } from '../inputs.js';
import { setupErrorOutputs, toOutputs } from '../report/outputs.js';
import { progressObserver, type ProgressSink } from '../report/progress.js';
import { ENV_FALLBACKS, InputError, parseSettings } from '../settings.js';
import { createUdtsClient } from '../udts/client.js';
import { VERSION, userAgent } from '../version.js';
import type { Clock, Outcome } from '../wait/types.js';
import { waitForTasks } from '../wait/waiter.js';

/** Exit codes: scripts and other CI systems branch on these. */
export const EXIT = { success: 0, failure: 1, timeout: 2, usage: 3, cancelled: 130 } as const;

export interface CliWorld {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  /** Human progress; `isTTY` turns on the live progress line. */
  stderr: (text: string) => void;
  isTTY: boolean;
  clock: Clock;
  signal: AbortSignal;
}

// Every input flag may be repeated, so that a repeat is seen: parseArgs would otherwise keep the last
// value and silently drop the others (`--task-id a --task-id b` waiting for b alone).
const FLAG_OPTIONS = Object.fromEntries(INPUTS.map((input) => [input.name, { type: 'string' as const, multiple: true as const }]));

/** The help text, built from the same input table as action.yml. */
export function helpText(): string {
  const rows = INPUTS.map((input) => {
    const env = ENV_FALLBACKS[input.name] ? ` [env ${ENV_FALLBACKS[input.name]}]` : '';
    const def = input.default ? ` (default: ${input.default})` : '';
    return `  --${input.name} VALUE\n      ${input.description}${def}${env}`;
  });
  return [
    `udts-wait ${VERSION}: wait for UDTS (SurferCloud / UCloud data transmission) tasks to finish.`,
    '',
    'usage: udts-wait --task-id ID [options]',
    '',
    ...rows,
    '  --json',
    '      Print the result (the action\'s outputs) as one JSON object on stdout.',
    '  --help, --version',
    '',
    'Exit codes: 0 success (or still running with --wait false), 1 a task failed, 2 timeout,',
    '3 usage, configuration or API error, 130 cancelled.',
    '',
  ].join('\n');
}

/** Runs the CLI and returns its exit code; all output goes through `world`. */
export async function runCli(world: CliWorld): Promise<number> {
  let flags: Record<string, string[] | boolean | undefined>;
  try {
    flags = parseArgs({
      args: world.argv,
      options: { ...FLAG_OPTIONS, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    world.stderr(`udts-wait: ${error instanceof Error ? error.message : String(error)}\nTry --help.\n`);
    return EXIT.usage;
  }
  if (flags.help) {
    world.stdout(helpText());
    return EXIT.success;
  }
  if (flags.version) {
    world.stdout(`${VERSION}\n`);
    return EXIT.success;
  }

  const raw: RawInputs = {};
  for (const input of INPUTS) {
    const given = (flags[input.name] ?? []) as string[];
    // Several --task-id flags add up, as commas do; any other flag twice is a mistake to point out.
    // The values are not quoted: one of them may be a key.
    if (given.length > 1 && input.name !== 'task-id') {
      world.stderr(`udts-wait: --${input.name} is given ${given.length} times: give it once.\nTry --help.\n`);
      return EXIT.usage;
    }
    raw[input.name as InputName] = given.length === 0 ? undefined : given.join(',');
  }
  let settings;
  try {
    settings = parseSettings(raw, world.env);
  } catch (error) {
    const message = error instanceof InputError ? error.message.replace(/^(Invalid|Missing) (\S+)/, '$1 --$2') : String(error);
    world.stderr(`udts-wait: ${message}\n`);
    // A pipeline that reads --json gets an answer it can parse, as the action sets its outputs.
    if (flags.json) world.stdout(`${JSON.stringify(setupErrorOutputs())}\n`);
    return EXIT.usage;
  }

  const sink = terminalSink(world);
  const startedAt = world.clock.now();
  const result = await waitForTasks(settings, {
    fetchStatus: createUdtsClient({ ...settings, userAgent: userAgent('cli') }).status,
    clock: world.clock,
    signal: world.signal,
    observer: progressObserver(sink, world.clock.now, startedAt),
  });
  sink.clearLive();
  const requests = `${result.polls} request${result.polls === 1 ? '' : 's'}`;
  world.stderr(`${result.message} (${requests}, ${formatDuration(result.elapsedMs)})\n`);
  if (flags.json) world.stdout(`${JSON.stringify(toOutputs(result))}\n`);
  return exitCode(result.outcome, settings.failOnTimeout);
}

function exitCode(outcome: Outcome, failOnTimeout: boolean): number {
  switch (outcome) {
    case 'success':
    case 'pending':
      return EXIT.success;
    case 'failure':
      return EXIT.failure;
    case 'timeout':
      return failOnTimeout ? EXIT.timeout : EXIT.success;
    case 'cancelled':
      return EXIT.cancelled;
    case 'error':
      return EXIT.usage;
  }
}

/** Lines on stderr; on a terminal, a live line that the next output replaces. */
function terminalSink(world: CliWorld): ProgressSink & { clearLive(): void } {
  let liveShown = false;
  const clearLive = () => {
    if (liveShown) world.stderr('\r\x1b[K');
    liveShown = false;
  };
  return {
    info: (line) => {
      clearLive();
      world.stderr(`${line}\n`);
    },
    warning: (line) => {
      clearLive();
      world.stderr(`warning: ${line}\n`);
    },
    live: world.isTTY
      ? (line) => {
          world.stderr(`\r\x1b[K${line}`);
          liveShown = true;
        }
      : undefined,
    clearLive,
  };
}
