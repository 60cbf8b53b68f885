/**
 * `node dist/emulator.js --help`: how to start it, the built-in scenarios, the scenario format with
 * an example, and the fake GitHub endpoints; enough to write a scenario without the README.
 */
import { BUILTIN_SCENARIOS } from './builtin.js';
import { DEMO_GITHUB_TOKEN, DEMO_KEYS } from './scenario.js';

/** The one usage line, naming the command the user started; also shown with a usage error. */
export function usage(command: string): string {
  return `usage: ${command} --scenario NAME|FILE [--port N]`;
}

const EXAMPLE = `  {
    "description": "Loading, a rate limit, then Done",
    "latencyMs": 50,
    "tasks": {
      "udts-abc123": {
        "advance": "time",
        "history": [{ "state": "Created", "at": -300 }, { "state": "Checking", "at": -240 }],
        "steps": [
          { "at": 0, "data": { "Status": "Loading", "Progress": { "Percentage": 40, "CurDuration": 8 } } },
          { "at": 6, "fault": { "kind": "retcode", "retCode": 153, "message": "Request too frequently" } },
          { "at": 8, "data": { "Status": "Done", "Progress": { "Percentage": 100 } } }
        ]
      }
    },
    "github": { "faults": [{ "request": 2, "fault": { "kind": "http", "status": 502 } }] }
  }`;

const FORMAT = `  tasks          task id -> its script; a task not listed (or asked for with another ProjectId than its
                 "projectId") gets RetCode 230
  steps          in order; each { "data": StatusData } (the API's Data: Status, FailedMessage, CurRetryCount,
                 MaxRetryCount, Progress, Sync) or { "fault": FAULT }
  advance        "request" (default): each step answers "repeat" requests (default 1), the last one all later
                 ones; "time": each step answers from "at" seconds after the task's first request
  FAULT          {"kind":"retcode","retCode":153,"message":"..."} an API error (retCode may be a string);
                 {"kind":"http","status":502} that status, an HTML page (or "body"); {"kind":"reset"} the
                 connection cut; {"kind":"hang"} no answer; {"kind":"truncated"} JSON cut off half way;
                 {"kind":"html"} HTTP 200 with an HTML page (a captive portal)
  history        states before the wait, for GetUDTSTaskHistory: "at" seconds from the task's first request
                 (negative: before it). The history adds the states the task went through: with "time" every
                 step whose time has come, polled or not; with "request" the states served. Answered
                 newest first (the API promises no order: clients must sort by CreateTime), entries of
                 the same second oldest first.
  historyFault   a FAULT every GetUDTSTaskHistory call for that task answers with
  historyAction  false: the endpoint has no GetUDTSTaskHistory (RetCode 161 Action not found)
  keys           accepted key pairs [{ "publicKey": "...", "privateKey": "..." }] (default: the demo keys)
  latencyMs      every answer is held back this long
  github         the fake GitHub API: "token" it accepts (default ${DEMO_GITHUB_TOKEN}); "refuse": 401, 403
                 or 404 for every request; "faults": [{ "request": N, "fault": FAULT }] on the Nth GitHub
                 request (kinds http, reset, hang, html; endless: HTTP 200 JSON that never ends; and
                 late, {"kind":"late","storeMs":7000,"answerMs":5000}: carried out 7 s after it arrived,
                 answered 5 s after that, never without answerMs);
                 "headers": { NAME: VALUE } on every GitHub answer; "rateLimits": [{ "request": N, "limit": "primary" or
                 "secondary", "seconds": S }] GitHub's 403 rate limit on the Nth request (primary: reset S s
                 later, default 60; secondary: retry-after S only when given); "slowListMs": every list
                 call held back this long`;

const GITHUB = `  POST  {prefix}/repos/{owner}/{repo}/check-runs              create (201)
  PATCH {prefix}/repos/{owner}/{repo}/check-runs/{id}         update
  GET   {prefix}/repos/{owner}/{repo}/check-runs/{id}         read
  GET   {prefix}/repos/{owner}/{repo}/commits/{ref}/check-runs?check_name=NAME
                                                              list: { total_count, check_runs }, the latest
                                                              run per name (filter=all: every run)
  {prefix} is anything: GITHUB_API_URL may be the emulator's URL or, GHES style, that URL + /api/v3.
  Authorization: "token X" or "Bearer X". As GitHub: 401 without or with a wrong token, 404 for an unknown
  run, 422 for an output title, summary or text over 65535 characters (or UTF-8 bytes), an unknown status
  or conclusion, "completed" (or completed_at) without a conclusion, started_at or completed_at not ISO
  8601, over 50 annotations or over 3 actions.`;

/** The full `--help` text, for the command the user started. */
export function helpText(command = 'udts-wait-emulator'): string {
  const width = Math.max(...Object.keys(BUILTIN_SCENARIOS).map((name) => name.length));
  const builtins = Object.entries(BUILTIN_SCENARIOS).map(([name, { summary, scenario }]) => {
    const tasks = Object.keys((scenario as { tasks: object }).tasks).join(', ');
    return `  ${name.padEnd(width)}  ${summary}\n  ${' '.repeat(width)}  task ids: ${tasks}`;
  });
  return `UDTS API emulator: GetUDTSTaskStatus, GetUDTSTaskHistory and a fake of GitHub's check-runs API on
127.0.0.1, answering from a scenario, for demos, tests and dry runs with no account.

${usage(command)}
  --scenario NAME|FILE  a built-in scenario below, or a JSON file (./NAME for a file named like one)
  --port N              the port (default 0: any free port)
  --help                this text
It prints its URL as the first line of stdout and serves until SIGINT or SIGTERM. It checks every
signature as the API does (POST form, POST JSON or GET); the demo keys are public key
${DEMO_KEYS.publicKey}, private key ${DEMO_KEYS.privateKey}, and the GitHub token ${DEMO_GITHUB_TOKEN}.

Built-in scenarios:
${builtins.join('\n')}

Scenario format (JSON), for example:
${EXAMPLE}

${FORMAT}

Fake GitHub check-runs API, on the same port:
${GITHUB}

GET /_emulator/stats: the UDTS requests (never their signatures), per-task counts, the GitHub requests
in order and the check runs' current state; handy as a readiness check.
`;
}
