import { formatDuration } from '../duration.js';
import { resultJson, setupErrorJson } from '../report/json.js';
import { resultMessage } from '../report/message.js';
import { safeJson, sanitizeText } from '../report/sanitize.js';
import type { RecordSink } from '../core/sink.js';

/** Where the CLI writes: stderr for people (a live line on a terminal), stdout for --json. */
export interface TerminalStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

/** A line for the terminal: outside text in it can neither move the cursor, paint, nor end the line. */
export function terminalLine(text: string): string {
  return sanitizeText(text);
}

/**
 * The CLI's sink, and the only place it sanitises: lines on stderr, each through the sanitiser (an ESC
 * from the API must not paint a terminal), a live line on a terminal that the next output replaces,
 * and the record as one closing line plus, with --json, one JSON object on stdout (safeJson: JSON's
 * own escapes, so the values read back unchanged).
 */
export function terminalSink(streams: TerminalStreams, json: boolean): RecordSink & { internalError(message: string): void } {
  let liveShown = false;
  const clearLive = () => {
    if (liveShown) streams.stderr('\r\x1b[K');
    liveShown = false;
  };
  const say = (line: string) => {
    clearLive();
    streams.stderr(`${terminalLine(line)}\n`);
  };
  return {
    frontDoor: 'cli',
    // A terminal has no mask: the CLI simply never prints a secret.
    secret: () => {},
    lines: {
      info: say,
      warning: (line) => say(`warning: ${line}`),
      notice: (line) => say(`notice: ${line}`),
      live: streams.isTTY
        ? (line) => {
            streams.stderr(`\r\x1b[K${terminalLine(line)}`);
            liveShown = true;
          }
        : undefined,
    },
    publish: async ({ result, history }) => {
      const requests = `${result.polls} status poll${result.polls === 1 ? '' : 's'}`;
      say(`${resultMessage(result, history)} (${requests}, ${formatDuration(result.elapsedMs)})`);
      if (json) streams.stdout(`${safeJson(resultJson(result))}\n`);
    },
    publishSetupError: async (error) => {
      // The action's input names as the CLI's flags: "Invalid --timeout 'x'".
      say(`udts-wait: ${error.message.replace(/^(Invalid|Missing) (\S+)/, '$1 --$2')}`);
      // A pipeline that reads --json gets an answer it can parse, as the action sets its outputs.
      if (json) streams.stdout(`${safeJson(setupErrorJson())}\n`);
    },
    internalError: (message) => {
      say(`udts-wait: unexpected error: ${message}. This is a bug; please report it.`);
      if (json) streams.stdout(`${safeJson(setupErrorJson())}\n`);
    },
  };
}
