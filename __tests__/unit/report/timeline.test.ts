import { describe, expect, it } from 'vitest';
import { resultMessage } from '../../../src/report/message.js';
import { renderSummary } from '../../../src/report/summary.js';
import { TIMELINE_ROWS, mergeTimeline, utcTime } from '../../../src/report/timeline.js';
import type { HistoryEntry } from '../../../src/udts/history.js';
import type { ServiceHistory } from '../../../src/wait/service-history.js';
import { START_MS } from '../fakes.js';
import { resultWith, taskWith } from './fixtures.js';

const MIN = 60_000;
const history = (taskId: string, entries: HistoryEntry[]): ServiceHistory => ({ byTask: new Map([[taskId, entries]]), failures: [], unsupported: false });

describe('mergeTimeline', () => {
  it('the service states in time order, each marked when this run saw it; what only this run saw is its own row', () => {
    const service = [
      { state: 'Created', at: START_MS - 10 * MIN },
      { state: 'Loading', at: START_MS - 5 * MIN },
      { state: 'RetryPending', at: START_MS + 1 * MIN },
      { state: 'Loading', at: START_MS + 2 * MIN },
      { state: 'Done', at: START_MS + 4 * MIN },
    ];
    const timeline = [
      { status: 'Loading', at: START_MS },
      { status: 'Paused', at: START_MS + 3 * MIN },
      { status: 'Done', at: START_MS + 4 * MIN + 5_000 },
    ];
    expect(mergeTimeline({ timeline }, service)).toEqual([
      { status: 'Created', at: START_MS - 10 * MIN, fromService: true },
      { status: 'Loading', at: START_MS - 5 * MIN, fromService: true, seenAt: START_MS },
      { status: 'RetryPending', at: START_MS + 1 * MIN, fromService: true },
      { status: 'Loading', at: START_MS + 2 * MIN, fromService: true },
      { status: 'Paused', at: START_MS + 3 * MIN, fromService: false, seenAt: START_MS + 3 * MIN },
      { status: 'Done', at: START_MS + 4 * MIN, fromService: true, seenAt: START_MS + 4 * MIN + 5_000 },
    ]);
  });

  it('matches states in any case: the service and the API may spell them differently', () => {
    const rows = mergeTimeline({ timeline: [{ status: 'DONE', at: 2_000 }] }, [{ state: 'done', at: 1_000 }]);
    expect(rows).toEqual([{ status: 'done', at: 1_000, fromService: true, seenAt: 2_000 }]);
  });
});

describe('the summary with the service history', () => {
  const failed = taskWith('udts-a', { status: 'Failed', failedMessage: 'disk full' }, {
    timeline: [{ status: 'Loading', at: START_MS }, { status: 'Failed', at: START_MS + 9 * MIN }],
  });
  const service = history('udts-a', [
    { state: 'Loading', at: START_MS - MIN },
    { state: 'RetryPending', at: START_MS + 2 * MIN },
    { state: 'Loading', at: START_MS + 3 * MIN },
    { state: 'RetryPending', at: START_MS + 5 * MIN },
    { state: 'Failed', at: START_MS + 8 * MIN },
  ]);

  it('renders the merged timeline with UTC times, times relative to the wait and the source', () => {
    const markdown = renderSummary(resultWith('failure', [failed]), service);
    expect(markdown).toContain('| Status | Since (UTC) | Relative to the start of the wait | Source |');
    expect(markdown).toContain(`| Loading | ${utcTime(START_MS - MIN, START_MS)} | 1m before | service; seen by this run |`);
    expect(markdown).toContain(`| RetryPending | ${utcTime(START_MS + 2 * MIN, START_MS)} | 2m after | service |`);
    expect(markdown).toContain(`| Failed | ${utcTime(START_MS + 8 * MIN, START_MS)} | 8m after | service; seen by this run |`);
  });

  it("a failed task's error says when the service marked it failed and which retries came before", () => {
    const message = resultMessage(resultWith('failure', [failed]), service);
    const at = (ms: number) => utcTime(START_MS + ms, START_MS);
    expect(message).toBe(
      `Task udts-a is Failed: disk full (the service marked it Failed at ${at(8 * MIN)} UTC, after 2 retries: RetryPending at ${at(2 * MIN)}, ${at(5 * MIN)} UTC).`,
    );
  });

  it('without history the timeline is what this run saw, as before', () => {
    const markdown = renderSummary(resultWith('failure', [failed]));
    expect(markdown).toContain('| Status | First seen (UTC) | After |');
    expect(resultMessage(resultWith('failure', [failed]))).toBe('Task udts-a is Failed: disk full.');
  });

  it(`a long history shows at most ${TIMELINE_ROWS} rows: the first and the latest, and how many between`, () => {
    const entries = Array.from({ length: 500 }, (_, i) => ({ state: i % 2 ? 'Loading' : 'RetryPending', at: START_MS + i * 1_000 }));
    const markdown = renderSummary(resultWith('pending', [taskWith('udts-a', { status: 'Loading' }, { timeline: [] })]), history('udts-a', entries));
    const rows = markdown.split('\n').filter((line) => /^\| (Loading|RetryPending|…) \|/.test(line));
    expect(rows).toHaveLength(TIMELINE_ROWS + 1);
    expect(markdown).toContain(`| … | ${500 - TIMELINE_ROWS} more state changes | | |`);
  });

  it('history text is outside text: escaped like any API text', () => {
    const markdown = renderSummary(resultWith('pending', [taskWith('udts-a', { status: 'Loading' })]), history('udts-a', [{ state: '<b>x</b>|\n::error::y', at: START_MS }]));
    expect(markdown).toContain('| &lt;b&gt;x&lt;/b&gt;\\|\\\\n::error::y |');
  });
});

describe('utcTime', () => {
  it.each([
    [Date.UTC(2026, 10, 28, 12, 3, 4), Date.UTC(2026, 10, 28, 0, 0, 0), '12:03:04'],
    [Date.UTC(2026, 10, 27, 23, 58, 1), Date.UTC(2026, 10, 28, 0, 5, 0), '2026-11-27 23:58:01'],
  ])('%i from %i: %s', (at, reference, text) => {
    expect(utcTime(at, reference)).toBe(text);
  });
});
