/** The closing line names every task a wait left unfinished: the deciding one, and how many more. */
import { describe, expect, it } from 'vitest';
import { resultMessage } from '../../../src/report/message.js';
import type { Outcome } from '../../../src/wait/types.js';
import { resultWith, taskWith } from './fixtures.js';

describe('resultMessage', () => {
  it.each<[Outcome, number, RegExp]>([
    ['cancelled', 1, /^Cancelled after 45s waiting for udts-1; last status Loading 40%\.$/],
    ['cancelled', 3, /^Cancelled after 45s waiting for udts-1 and 2 more; last status Loading 40%\.$/],
    ['timeout', 3, /^Timed out after 45s waiting for udts-1 and 2 more; last status Loading 40%\.$/],
  ])('%s with %i task(s) running', (outcome, count, line) => {
    const tasks = Array.from({ length: count }, (_, i) => taskWith(`udts-${i + 1}`, { status: 'Loading', percentage: 40 }));
    expect(resultMessage(resultWith(outcome, tasks))).toMatch(line);
  });
});
