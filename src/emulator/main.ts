/**
 * dist/emulator.js: `node dist/emulator.js --scenario NAME|FILE [--port N]`. Prints the URL it
 * listens on (loopback only) as its first line of stdout, then serves until stopped.
 */
import { parseArgs } from 'node:util';
import { resolveScenario } from './builtin.js';
import { helpText, usage } from './help.js';
import { commandName } from '../version.js';
import { startEmulator } from './server.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scenario: { type: 'string' }, port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
  });
  const command = commandName(process.argv[1], 'udts-wait-emulator');
  if (values.help) {
    process.stdout.write(helpText(command));
    return;
  }
  if (!values.scenario) throw new Error(`--scenario is required (a built-in name or a file; --help lists them)\n${usage(command)}`);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) throw new Error(`--port '${values.port}' is not a port (0-65535)`);

  const scenario = resolveScenario(values.scenario);
  const emulator = await startEmulator(scenario, { port });
  console.log(emulator.url);
  console.error(`UDTS emulator: ${scenario.description ?? values.scenario}; tasks: ${Object.keys(scenario.tasks).join(', ')}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`udts emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
