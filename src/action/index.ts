/**
 * The action's entry point (dist/index.js). Its first statement listens for the runner's cancel, before
 * any other module is loaded: the rest (start.ts) comes by a dynamic import, so a SIGINT or SIGTERM
 * while it loads is handled and the run starts cancelled and still publishes its record.
 */
import { cancelOnSignals, tolerateClosedStreams } from '../core/process.js';

const signal = cancelOnSignals('ignore');
tolerateClosedStreams();
const { start } = await import('./start.js');
await start(signal);
