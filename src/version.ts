/** The release, as package.json states it (a test keeps the two equal); sent in the User-Agent. */
export const VERSION = '1.0.0';

/** "udts-wait/1.0.0 (action; node v24.1.0)": names us to the API and its operators. */
export function userAgent(frontDoor: 'action' | 'cli'): string {
  return `udts-wait/${VERSION} (${frontDoor}; node ${process.version})`;
}
