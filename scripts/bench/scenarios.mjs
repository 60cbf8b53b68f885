// @ts-check
// What the bench's emulator answers (scenario data): a finished task, a task that stays Loading, many
// finished tasks behind a slow API, and the runner's GITHUB_* variables pointing at its fake GitHub.

/** A finished task's answer. */
const DONE = {
  Status: 'Done',
  CurRetryCount: 0,
  MaxRetryCount: 3,
  Progress: { TotalCount: 1_200_000, CurCount: 1_200_000, TotalDuration: 12, CurDuration: 12, Percentage: 100 },
};

/** Sections 2 and 4: 'already-done' (one poll) and 'stays-loading' (polled until stopped). */
export const MAIN_SCENARIO = {
  description: 'udts-wait bench',
  tasks: {
    'already-done': { steps: [{ data: DONE }] },
    'stays-loading': { steps: [{ data: { Status: 'Loading', CurRetryCount: 0, MaxRetryCount: 3, Progress: { Percentage: 40 } } }] },
  },
};

/**
 * Section 3: the given tasks, all finished, each request answered after `latencyMs`.
 * @param {string[]} taskIds
 * @param {number} latencyMs
 */
export function slowApiScenario(taskIds, latencyMs) {
  return { description: 'udts-wait bench: many tasks', latencyMs, tasks: Object.fromEntries(taskIds.map((id) => [id, { steps: [{ data: DONE }] }])) };
}

/**
 * What the runner sets for a check run, pointed at the emulator's fake GitHub API.
 * @param {string} apiUrl
 * @param {string} sha  the commit the check run goes on
 */
export function githubEnv(apiUrl, sha) {
  return { GITHUB_API_URL: apiUrl, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: sha, GITHUB_RUN_ID: '1' };
}

/** The check run's inputs; the token is the one the fake GitHub API accepts. */
export const CHECK_INPUTS = { 'check-name': 'UDTS migration', 'github-token': 'demo-github-token' };
