/** Issue 12: an unexpected error in the CLI has its own exit code (4), not "a task failed" (1). */
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../src/cli/run.js';
import { DEMO_KEY_FLAGS, recordedWorld } from './helpers.js';

describe('an unexpected error', () => {
  it('exits 4 and says it is a bug, with its message and no stack', async () => {
    const world = recordedWorld(['--task-id', 'udts-a', ...DEMO_KEY_FLAGS, '--json'], {
      connect: () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    expect(await runCli(world)).toBe(EXIT.internal);
    expect(EXIT.internal).toBe(4);
    expect(world.out.stderr).toBe('udts-wait: unexpected error: cannot read properties of undefined. This is a bug; please report it.\n');
    // --json still gets one object it can parse.
    expect(JSON.parse(world.out.stdout)).toMatchObject({ result: 'error', tasks: [] });
  });
});
