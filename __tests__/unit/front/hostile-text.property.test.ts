/**
 * Whatever text the API sends, in any field, nothing the action writes can command the runner, break
 * a line, or pass GitHub's size limits. fast-check feeds arbitrary strings (controls,
 * Unicode spaces, `::` and `##[` commands, %0A, Markdown, huge lengths) into every API field on every
 * path that shows them (a retry warning, an unknown state, a failure, an API error), and each run's
 * log, outputs and summary are checked against the invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UdtsError } from '../../../src/udts/errors.js';
import type { Reading } from '../../../src/udts/status.js';
import { scriptedFetcher } from '../fakes.js';
import { runActionInProcess, type InProcessRun } from './action-harness.js';

const ATTACKS = [
  '\n::stop-commands::tok\n::error::pwned', 'b\r::add-mask::Done', 'Loading ##[add-mask]Done', '#\u00ad#[error]x',
  '\u0085::error::nel', '\u00a0\u2003::warning::spaces', '\x1b[32mDone\x1b[0m', 'a\u2028::error::ls', '%0A::error::x',
  '<details><img src=x onerror=alert(1)>', '**bold** [link](http://x) `code` | pipe', '\u202egnp.exe', '\ud800',
  'Signature=0123456789abcdef0123456789abcdef01234567',
];
const text = fc.oneof(
  fc.constantFrom(...ATTACKS),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom(...ATTACKS, 'x', ' ', '\n'), { maxLength: 30 }).map((parts) => parts.join('')),
  // Huge: up to about 1 MiB, as an API (or a proxy) could send within the body cap.
  fc.tuple(fc.constantFrom(...ATTACKS, 'x', '%', '\0'), fc.integer({ min: 10_000, max: 60_000 })).map(([part, times]) => part.repeat(times)),
);

const OUR_COMMANDS = /^::(add-mask|debug|notice|warning|error)( [^:]*)?::/;
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;

function checkRecord(run: InProcessRun): void {
  for (const line of run.stdout.split('\n').slice(0, -1)) {
    const trimmed = line.replace(/^[\s\u0085]+/, '');
    if (trimmed.startsWith('::')) expect(trimmed).toMatch(OUR_COMMANDS);
    expect(line).not.toMatch(/##\[/);
    expect(line).not.toMatch(UNSAFE);
    expect(line.length).toBeLessThanOrEqual(64 * 1024);
  }
  for (const [name, value] of Object.entries(run.outputs)) {
    expect(value.length, name).toBeLessThanOrEqual(64 * 1024);
    if (name === 'tasks') expect(() => JSON.parse(value)).not.toThrow();
    else expect(value, name).not.toMatch(UNSAFE);
  }
  expect(Object.values(run.outputs).reduce((sum, value) => sum + value.length, 0)).toBeLessThanOrEqual(256 * 1024);
  expect(Buffer.byteLength(run.summary, 'utf8')).toBeLessThanOrEqual(512 * 1024);
  // Our own icons carry a variation selector (⚠️, ⏱️); nothing else may.
  expect(run.summary.replace(/\n/g, '').replace(/[\u26a0\u23f1]\ufe0f/g, '')).not.toMatch(UNSAFE);
  // Only the summary's own tags: no HTML from the API.
  expect(run.summary.replace(/<\/?(details|summary)>/g, '')).not.toMatch(/</);
}

const INPUTS = { 'task-id': 'udts-a', 'public-key': 'pub', 'private-key': 'PRIVATE-KEY-123', interval: '1s', timeout: '5s' };

describe('every API field, any text', () => {
  it('a retry warning, an unknown state, then a failure with every field set', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, text, text, text, async (status, failedMessage, binlog, message, serviceState) => {
        const reading: Reading = { status, failedMessage, binlogName: binlog, binlogGtid: binlog, percentage: 40 };
        const history = [{ state: serviceState, at: 1_000 }, { state: 'RetryPending', at: 2_000 }, { state: 'Failed', at: 3_000 }];
        const run = await runActionInProcess(INPUTS, scriptedFetcher({
          'udts-a': [new UdtsError(`HTTP 502 from the API: ${message}`, { kind: 'transient' }), reading, { ...reading, status: 'Failed' }],
        }, undefined, { history }));
        checkRecord(run);
        expect(run.outputs.result).toBe('failure');
        expect(run.stdout.split('PRIVATE-KEY-123')).toHaveLength(2); // once: in the ::add-mask:: line
      }),
      { numRuns: 40 },
    );
  });

  it('an API error that ends the run', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (message) => {
        const run = await runActionInProcess(INPUTS, scriptedFetcher({ 'udts-a': [new UdtsError(`API error RetCode 171 "${message}"`, { kind: 'fatal', retCode: 171 })] }));
        checkRecord(run);
        expect(run.outputs.result).toBe('error');
      }),
      { numRuns: 40 },
    );
  });

  it('a status that is a known state in any case and spacing is output by its canonical name', async () => {
    const run = await runActionInProcess(INPUTS, scriptedFetcher({ 'udts-a': [{ status: '\n\t done  ' }] }));
    expect(run.outputs.status).toBe('Done');
    expect(run.outputs.result).toBe('success');
  });
});
