/**
 * dist/emulator.js: `node dist/emulator.js --scenario FILE [--port N]`. Prints the URL it listens on
 * (loopback only) as its first line of stdout, then serves until stopped.
 */
import { parseArgs } from 'node:util';
import { loadScenario } from './scenario.js';
import { startEmulator } from './server.js';

const USAGE = 'usage: node dist/emulator.js --scenario FILE [--port N]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scenario: { type: 'string' }, port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.scenario) throw new Error(`--scenario is required\n${USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port '${values.port}' is not a port (0-65535)`);

  const scenario = loadScenario(values.scenario);
  const emulator = await startEmulator(scenario, port);
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
