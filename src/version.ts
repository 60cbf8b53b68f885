import { basename, isAbsolute, relative } from 'node:path';

/** The release, as package.json states it (a test keeps the two equal); sent in the User-Agent. */
export const VERSION = '1.0.0';

/** "udts-wait/1.0.0 (action; node v24.1.0)": names us to the API and its operators. */
export function userAgent(frontDoor: 'action' | 'cli'): string {
  return `udts-wait/${VERSION} (${frontDoor}; node ${process.version})`;
}

/**
 * How the user started this program, for its --help: the name it was run as from the PATH
 * (`udts-wait`, `udts-wait-emulator`: npm's link keeps the bin name in argv[1]), else `node FILE` when
 * a script was run by path (`node dist/cli.js`), the file relative to `cwd` when it lies below it.
 */
export function commandName(script: string | undefined, bin: string, cwd: string = process.cwd()): string {
  if (!script) return bin;
  if (!/\.[cm]?js$/.test(basename(script))) return basename(script);
  const below = relative(cwd, script);
  return `node ${below && !below.startsWith('..') && !isAbsolute(below) ? below : script}`;
}
