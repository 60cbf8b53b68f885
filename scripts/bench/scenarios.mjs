// @ts-check
// What the bench's emulator answers: section 1's timeline (a task with a right ETA), the Done answer
// every finished task gives, and the one scenario sections 1, 2 and 4 share. Section 3 builds its own
// (many tasks, a slow API) from doneData().

/** Section 1's timeline: a task that finishes this many seconds after its first request. */
export const FINISH_S = 12;

/** A finished task's answer, with the counts and durations of FINISH_S's timeline. */
export function doneData() {
  const totalCount = FINISH_S * 100_000;
  return {
    Status: 'Done',
    CurRetryCount: 0,
    MaxRetryCount: 3,
    Progress: { TotalCount: totalCount, CurCount: totalCount, TotalDuration: FINISH_S, CurDuration: FINISH_S, Percentage: 100 },
  };
}

/** A task whose ETA is right: done FINISH_S seconds after its first request. */
function etaTimeline() {
  const totalCount = FINISH_S * 100_000;
  const steps = [];
  for (let s = 0; s < FINISH_S; s += 1) {
    steps.push({
      at: s,
      data: {
        Status: 'Loading',
        CurRetryCount: 0,
        MaxRetryCount: 3,
        Progress: {
          TotalCount: totalCount,
          CurCount: s * 100_000,
          TotalDuration: FINISH_S,
          CurDuration: s,
          Percentage: Math.round((s / FINISH_S) * 1_000) / 10,
        },
      },
    });
  }
  steps.push({ at: FINISH_S, data: doneData() });
  return { advance: 'time', steps };
}

/**
 * Section 1's timeline (a task per run: eta-action-N, eta-fixed-N), section 2's 'already-done' task
 * and section 4's 'stays-loading' task, on one emulator.
 * @param {number} latencyRuns  section 1's runs of each kind
 */
export function mainScenario(latencyRuns) {
  /** @type {Record<string, unknown>} */
  const tasks = {
    'already-done': { steps: [{ data: doneData() }] },
    'stays-loading': { steps: [{ data: { Status: 'Loading', CurRetryCount: 0, MaxRetryCount: 3, Progress: { Percentage: 40 } } }] },
  };
  for (let i = 1; i <= latencyRuns; i += 1) {
    tasks[`eta-action-${i}`] = etaTimeline();
    tasks[`eta-fixed-${i}`] = etaTimeline();
  }
  return { description: 'udts-wait bench', tasks };
}
