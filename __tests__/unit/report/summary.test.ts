import { describe, expect, it } from 'vitest';
import { progressBar, renderSetupErrorSummary, renderSummary } from '../../../src/report/summary.js';
import { UdtsError } from '../../../src/udts/errors.js';
import type { Reading } from '../../../src/udts/status.js';
import { START_MS } from '../fakes.js';
import { LOADING, resultWith, taskWith } from './fixtures.js';

/** The table rows of the task table (lines starting with a backticked task id). */
const rows = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('| `'));
/** Cells of a row, splitting on pipes that are not escaped. */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());

describe('renderSummary', () => {
  it('success: headline, message, one row per task with status, bar, counts and binlog', () => {
    const markdown = renderSummary(
      resultWith('success', [taskWith('udts-a', { ...LOADING, status: 'Done', percentage: 100 })]),
    );
    expect(markdown).toMatch(/^## ✅ /);
    expect(markdown).toContain('Task udts-a is Done (45s).');
    const [row] = rows(markdown);
    expect(cells(row as string)).toEqual([
      '`udts-a`',
      '✅ Done',
      '▓▓▓▓▓▓▓▓▓▓ 100%',
      '4,750/10,000',
      '4m 45s',
      '—',
      'mysql-bin.000042:154 (uuid:1-42)',
      '—',
      '0 of 3',
    ]);
    expect(markdown).not.toContain('[!CAUTION]');
    expect(markdown).toContain('3 status polls in 45s.');
  });

  it.each<[string, Reading, string, string]>([
    ['a running task: the remaining time the service estimates', LOADING, '⏳ Loading', 'about 5m 15s'],
    ['a failed task: none, though the service still gives an estimate', { ...LOADING, status: 'Failed' }, '❌ Failed', '—'],
    ['an estimate of more than a year (absurd): none', { ...LOADING, totalDuration: 1e308, curDuration: 0 }, '⏳ Loading', '—'],
    ['an estimate of just under a year', { ...LOADING, totalDuration: 365 * 24 * 3_600, curDuration: 0 }, '⏳ Loading', 'about 8760h'],
  ])('%s', (_name, reading, status, left) => {
    const row = cells(rows(renderSummary(resultWith('timeout', [taskWith('udts-a', reading)])))[0] as string);
    expect([row[1], row[5]]).toEqual([status, left]);
  });

  it('failure: the FailedMessage stands out in a callout', () => {
    const markdown = renderSummary(resultWith('failure', [taskWith('udts-a', { status: 'Failed', failedMessage: 'Access denied for user root' })]));
    expect(markdown).toContain('> [!CAUTION]\n> **udts-a** failed: Access denied for user root');
    expect(cells(rows(markdown)[0] as string)[1]).toBe('❌ Failed');
  });

  it('failure without a FailedMessage has no empty callout', () => {
    expect(renderSummary(resultWith('failure', [taskWith('udts-a', { status: 'Stopped' })]))).not.toContain('[!CAUTION]');
  });

  it('timeout: says how long it waited', () => {
    const markdown = renderSummary(resultWith('timeout', [taskWith('udts-a', LOADING)], { elapsedMs: 40_000 }));
    expect(markdown).toContain('Waited **40s**');
  });

  it('error: the error stands out', () => {
    const error = new UdtsError('API error RetCode 171 "Signature VerifyAC Error": check private-key', { kind: 'fatal' });
    const markdown = renderSummary(resultWith('error', [taskWith('udts-a', undefined, { lastError: error })], { error }));
    expect(markdown).toContain('> [!WARNING]\n> API error RetCode 171');
    expect(cells(rows(markdown)[0] as string)[1]).toBe('⚠️ —');
  });

  it.each([
    ['success', '## ✅ UDTS migration gate passed'],
    ['failure', '## ❌ UDTS migration gate failed'],
    ['timeout', '## ⏱️ UDTS migration gate timed out'],
    ['cancelled', '## 🛑 UDTS migration gate cancelled'],
    ['error', '## ⚠️ UDTS migration gate could not check the task'],
    ['pending', '## ⏳ UDTS tasks still running'],
  ] as const)('%s: the headline is %j', (outcome, headline) => {
    expect(renderSummary(resultWith(outcome, [taskWith('udts-a', LOADING)])).split('\n')[0]).toBe(headline);
  });

  it('escapes pipes, newlines and HTML in text from the API', () => {
    const markdown = renderSummary(
      resultWith('failure', [
        taskWith('udts-a', { status: 'Failed', failedMessage: 'a|b\nc <script>x</script>', binlogName: 'bin|1', binlogPos: 4 }),
        taskWith('udts-b', { status: 'Odd|State' }),
      ]),
    );
    expect(markdown).toContain('> **udts-a** failed: a\\|b\\\\nc &lt;script&gt;x&lt;/script&gt;');
    expect(markdown).not.toContain('<script>');
    for (const row of rows(markdown)) expect(cells(row)).toHaveLength(9);
    expect(cells(rows(markdown)[0] as string)[6]).toBe('bin\\|1:4');
    expect(cells(rows(markdown)[1] as string)[1]).toBe('⏳ Odd\\|State');
    expect(markdown).toContain('| Odd\\|State |');
  });

  it('the status timeline lists each state with the time first seen and the time since the start', () => {
    const task = taskWith('udts-a', { status: 'Done' }, {
      timeline: [
        { status: 'Created', at: START_MS },
        { status: 'Loading', at: START_MS + 15_000 },
        { status: 'Done', at: START_MS + 90_000 },
      ],
    });
    const markdown = renderSummary(resultWith('success', [task]));
    expect(markdown).toContain('Status timeline');
    expect(markdown).toContain('| Created | 03:04:05 | 0ms |');
    expect(markdown).toContain('| Loading | 03:04:20 | 15s |');
    expect(markdown).toContain('| Done | 03:05:35 | 1m 30s |');
  });

  it('no timeline section when nothing was read', () => {
    expect(renderSummary(resultWith('error', [taskWith('udts-a', undefined)]))).not.toContain('Status timeline');
  });

  it('keeps API text in the message line as text: no HTML that swallows the table, line breaks as visible escapes', () => {
    const failedMessage = 'ERROR 1045 <details><img src=x> a|b\r\nnext';
    const task = taskWith('udts-a', { status: 'Failed', failedMessage });
    const markdown = renderSummary(resultWith('failure', [task]));
    expect(markdown).not.toMatch(/<img|\r/);
    // Only the summary's own collapsed timeline opens a <details> block.
    expect(markdown.match(/<details>/g)).toHaveLength(1);
    expect(markdown).toContain('Task udts-a is Failed: ERROR 1045 &lt;details&gt;&lt;img src=x&gt; a|b\\\\r\\\\nnext.');
  });

  it('Markdown in API text is shown as sent, not rendered: no emphasis, links or code spans', () => {
    const failedMessage = 'table *orders* see [docs](http://x) `code` ~~gone~~ a_b';
    const markdown = renderSummary(resultWith('failure', [taskWith('udts-a', { status: 'Failed', failedMessage })]));
    expect(markdown).toContain('> **udts-a** failed: table \\*orders\\* see \\[docs\\](http://x) \\`code\\` \\~\\~gone\\~\\~ a\\_b');
  });

  it('a run that could not start: a headline and the error, as text', () => {
    const markdown = renderSetupErrorSummary("Invalid task-id '<details>': a task ID holds only letters");
    expect(markdown).toMatch(/^## ⚠️ .*could not start/);
    expect(markdown).toContain("Invalid task-id '&lt;details&gt;': a task ID holds only letters");
    expect(markdown).not.toContain('<details>');
  });
});

describe("renderSummary within GitHub's limit", () => {
  it('counts UTF-8 bytes, as GitHub does: 60 tasks of Chinese text stay under 512 KiB, cut at a line with a marker, details closed', () => {
    const tasks = Array.from({ length: 60 }, (_, i) =>
      taskWith(`udts-${i}`, { status: `X${i}_${'中'.repeat(4_000)}`, failedMessage: '文'.repeat(16_000) }, {
        timeline: Array.from({ length: 20 }, (_, k) => ({ status: `S${k}${'字'.repeat(200)}`, at: START_MS + k })),
      }),
    );
    const markdown = renderSummary(resultWith('timeout', tasks));
    expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(512 * 1024);
    expect(Buffer.byteLength(markdown, 'utf8')).toBeGreaterThan(400 * 1024);
    expect(markdown).toMatch(/\n… \[summary cut: \d+ more characters\]\n/);
    expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
    expect(markdown).not.toContain('\ufffd');
  });
});

describe('progressBar', () => {
  it.each([
    [0, '░░░░░░░░░░'],
    [4, '░░░░░░░░░░'],
    [47.5, '▓▓▓▓▓░░░░░'],
    [100, '▓▓▓▓▓▓▓▓▓▓'],
    [140, '▓▓▓▓▓▓▓▓▓▓'],
    [-5, '░░░░░░░░░░'],
  ])('%d%% -> %s', (percentage, bar) => {
    expect(progressBar(percentage)).toBe(bar);
  });
});
