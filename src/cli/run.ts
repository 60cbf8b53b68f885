import { parseArgs } from 'node:util';
import { runGate, type GateOutcome, type GateWorld } from '../core/gate.js';
import { CLI_INPUTS, type InputName, type RawInputs } from '../core/inputs.js';
import { ENV_FALLBACKS } from '../core/settings.js';
import { VERSION } from '../version.js';
import { terminalLine, terminalSink } from './terminal.js';

/** Exit codes: scripts and other CI systems branch on these. */
export const EXIT = { success: 0, failure: 1, timeout: 2, usage: 3, internal: 4, cancelled: 130 } as const;

/** The CLI's world: the core's (clock, signal, env, API) plus its arguments and streams. */
export interface CliWorld extends GateWorld {
  argv: string[];
  stdout: (text: string) => void;
  /** Human progress; `isTTY` turns on the live progress line. */
  stderr: (text: string) => void;
  isTTY: boolean;
  /** How the user started the CLI (commandName), for --help; `udts-wait` when not given. */
  command?: string;
}

// Every input flag may be repeated, so that a repeat is seen: parseArgs would otherwise keep the last
// value and silently drop the others (`--task-id a --task-id b` waiting for b alone).
const FLAG_OPTIONS = Object.fromEntries(CLI_INPUTS.map((input) => [input.name, { type: 'string' as const, multiple: true as const }]));

/**
 * The help text, built from the same input table as action.yml (less the action-only inputs); its
 * usage line names the command the user started.
 */
function helpText(command = 'udts-wait'): string {
  const rows = CLI_INPUTS.map((input) => {
    const env = ENV_FALLBACKS[input.name] ? ` [env ${ENV_FALLBACKS[input.name]}]` : '';
    const def = input.default ? ` (default: ${input.default})` : '';
    return `  --${input.name} VALUE\n      ${input.description}${def}${env}`;
  });
  return [
    `udts-wait ${VERSION}: wait for UDTS (SurferCloud / UCloud data transmission) tasks to finish.`,
    '',
    `usage: ${command} --task-id ID [options]`,
    '',
    ...rows,
    '  --json',
    '      Print the result (the action\'s outputs, typed: numbers, an array of tasks, null when unknown) as one JSON object on stdout.',
    '  --help, --version',
    '',
    'Exit codes: 0 success (or still running with --wait false), 1 a task failed, 2 timeout,',
    '3 usage, configuration or API error, 4 unexpected error (a bug: please report it), 130 cancelled.',
    '',
  ].join('\n');
}

/** Runs the CLI and returns its exit code; all output goes through `world`. */
export async function runCli(world: CliWorld): Promise<number> {
  const args = readArgs(world);
  if (typeof args === 'number') return args;
  const sink = terminalSink(world, args.json);
  try {
    return exitCode(await runGate(args.raw, world, sink));
  } catch (error) {
    sink.internalError(error instanceof Error ? error.message : String(error));
    return EXIT.internal;
  }
}

/** The flags as raw inputs, or the exit code when there is nothing to run (help, version, usage). */
function readArgs(world: CliWorld): { raw: RawInputs; json: boolean } | number {
  let flags: Record<string, string[] | boolean | undefined>;
  try {
    flags = parseArgs({
      args: world.argv,
      options: { ...FLAG_OPTIONS, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // parseArgs quotes the argument it refused: a terminal must not obey what it holds.
    const lines = (error instanceof Error ? error.message : String(error)).split('\n');
    world.stderr(`udts-wait: ${lines.map(terminalLine).join('\n')}\nTry --help.\n`);
    return EXIT.usage;
  }
  if (flags.help) {
    world.stdout(helpText(world.command));
    return EXIT.success;
  }
  if (flags.version) {
    world.stdout(`${VERSION}\n`);
    return EXIT.success;
  }
  const raw: RawInputs = {};
  for (const input of CLI_INPUTS) {
    const given = (flags[input.name] ?? []) as string[];
    // Several --task-id flags add up, as commas do; any other flag twice is a mistake to point out.
    // The values are not quoted: one of them may be a key.
    if (given.length > 1 && input.name !== 'task-id') {
      world.stderr(`udts-wait: --${input.name} is given ${given.length} times: give it once.\nTry --help.\n`);
      return EXIT.usage;
    }
    raw[input.name as InputName] = given.length === 0 ? undefined : given.join(',');
  }
  return { raw, json: flags.json === true };
}

function exitCode(outcome: GateOutcome): number {
  if (outcome.kind === 'input-error') return EXIT.usage;
  switch (outcome.result.outcome) {
    case 'success':
    case 'pending':
      return EXIT.success;
    case 'failure':
      return EXIT.failure;
    case 'timeout':
      return outcome.settings.failOnTimeout ? EXIT.timeout : EXIT.success;
    case 'cancelled':
      return EXIT.cancelled;
    case 'error':
      return EXIT.usage;
  }
}
