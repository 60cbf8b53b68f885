export const id = 742;
export const ids = [742];
export const modules = {

/***/ 5742:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  startCheckRun: () => (/* binding */ startCheckRun)
});

// UNUSED EXPORTS: commitUnderTest, gateIdentity

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/report/describe.ts
var describe = __webpack_require__(313);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/message.ts
var message = __webpack_require__(3061);
// EXTERNAL MODULE: ./src/report/sanitize.ts
var sanitize = __webpack_require__(1211);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/action/check-output.ts





/** GitHub's limit on each output field, in characters and in UTF-8 bytes. */
const OUTPUT_LIMIT = 65_535;
/** While the wait goes on: each task's latest reading. */
function progressOutput(tasks, jobLink) {
    const lines = tasks.map((task) => `- \`${task.taskId}\`: ${(0,markdown/* escapeText */.X)((0,describe/* describeReading */.YB)(task), sanitize/* LIMITS */.b1.longFieldChars)}`);
    const title = tasks.length === 1 ? `Waiting: ${(0,describe/* describeReading */.YB)(tasks[0])}` : `Waiting for ${tasks.length} UDTS tasks`;
    return fitOutput(title, `UDTS migration gate still waiting:\n\n${lines.join('\n')}\n`, jobLink);
}
/** When it ends: the job summary's headline and the summary itself. */
function finalOutput(record, jobLink) {
    const title = record.result.outcome === 'pending' ? (0,message/* resultMessage */.FV)(record.result, record.history) : summary/* HEADLINE */.ZS[record.result.outcome];
    return fitOutput(title, (0,summary/* renderSummary */.Br)(record.result, record.history), jobLink);
}
/** Title and summary within GitHub's limits (characters and UTF-8 bytes), the job's link kept. */
function fitOutput(title, summary, jobLink) {
    const link = jobLink ? `[The job's log and summary](${jobLink})\n\n` : '';
    return { title: fitBytes(title, 1_000), summary: link + fitBytes(summary, OUTPUT_LIMIT - link.length - 16) };
}
/** Text cut (with capText's marker) until its UTF-8 form fits `maxBytes`. */
function fitBytes(text, maxBytes) {
    let chars = Math.min(text.length, maxBytes);
    let fitted = (0,sanitize/* capText */.yA)(text, chars);
    while (Buffer.byteLength(fitted, 'utf8') > maxBytes) {
        chars = Math.floor((chars * maxBytes) / Buffer.byteLength(fitted, 'utf8')) - 8;
        fitted = (0,sanitize/* capText */.yA)(text, chars);
    }
    return fitted;
}
/** The link to this workflow run, from the runner's variables. */
function runUrl(env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt } = env;
    if (!server || !repository || !runId)
        return undefined;
    return `${server}/${repository}/actions/runs/${runId}${attempt ? `/attempts/${attempt}` : ''}`;
}

;// CONCATENATED MODULE: ./src/action/check-run.ts
/**
 * The check run: the wait shown where the team looks, on the commit under test (and so on its pull
 * request), under a name people recognise. Opt-in (`check-name`), action only. @actions/github is
 * loaded with a dynamic import only then, so a run without it keeps its start-up and memory.
 *
 * Nothing here changes the verdict. GITHUB_TOKEN has 1,000 requests an hour per repository, so the
 * run is updated only on a state change or a progress step of 5 points, at most every 30 s. A refusal
 * (401, 403, 404, 422: no `checks: write`, a fork's read-only token) is said once and ends the
 * GitHub calls; a transient fault skips that update; the completion is tried twice.
 */



const UPDATE_EVERY_MS = 30_000;
const PROGRESS_STEP = 5;
/** Each GitHub call may take this long; after a cancel, the completion gets less (see complete()). */
const CALL_TIMEOUT_MS = 10_000;
const CONCLUSION = {
    success: 'success',
    failure: 'failure',
    error: 'failure',
    // Also when fail-on-timeout: false lets the step pass: the migration is not done.
    timeout: 'timed_out',
    cancelled: 'cancelled',
    // wait: false and still running: the run stays in progress, for a later run to pick up.
    pending: undefined,
};
/** The commit under test: a pull request's head (GITHUB_SHA is the merge commit there), else GITHUB_SHA. */
function commitUnderTest(env, payload) {
    const event = env.GITHUB_EVENT_NAME;
    const head = payload.pull_request?.head?.sha;
    if ((event === 'pull_request' || event === 'pull_request_target') && typeof head === 'string')
        return head;
    return env.GITHUB_SHA || undefined;
}
/** Starts the check run's bookkeeping; the first reading creates it (or finds an in-progress one). */
async function startCheckRun(options) {
    const { getOctokit, context } = await __webpack_require__.e(/* import() */ 542).then(__webpack_require__.bind(__webpack_require__, 542));
    const [owner = '', repo = ''] = (options.env.GITHUB_REPOSITORY ?? '').split('/');
    const sha = commitUnderTest(options.env, context.payload) ?? '';
    const octokit = getOctokit(options.token, { baseUrl: options.env.GITHUB_API_URL || 'https://api.github.com', userAgent: options.userAgent });
    const jobLink = runUrl(options.env);
    let id;
    // Only this gate's own check run is carried on (a wait: false run before it): another gate with the
    // same name on the same commit (another job, other tasks) must not conclude it for this one.
    const externalId = gateIdentity(options.env, options.taskIds);
    let refused = !owner || !repo || !sha;
    let lastFault = '';
    let chain = Promise.resolve();
    let sentAt;
    // Each task as this run last sent it, and every task seen (live objects: the output shows them all).
    const sent = new Map();
    const tasks = new Map();
    if (refused)
        options.warn(`check-name '${options.name}': no check run, GITHUB_REPOSITORY or the commit (GITHUB_SHA) is not set.`);
    /** One call, bounded; a refusal ends all further calls, anything else is left for the next try. */
    const call = async (send, timeoutMs) => {
        if (refused)
            return false;
        try {
            await send(AbortSignal.timeout(timeoutMs));
            return true;
        }
        catch (error) {
            // Octokit gives a network fault (a hang, a reset, a proxy's refusal) status 500 and no response.
            const answered = error.response !== undefined;
            const status = answered ? error.status : undefined;
            if (status === 401 || status === 403 || status === 404 || status === 422) {
                refused = true;
                const what = status === 422
                    ? "GitHub refused the check run's content, a bug in udts-wait: please report it"
                    : 'GitHub refused the check run. Give the job permissions: checks: write (a pull request from a fork gets a read-only token)';
                options.warn(`check-name '${options.name}': ${what} (HTTP ${status}: ${(0,message/* errorText */.kc)(error)}); the gate goes on without it.`);
            }
            else {
                lastFault = status === undefined ? `no answer from GitHub: ${(0,message/* errorText */.kc)(error)}` : `HTTP ${String(status)}: ${(0,message/* errorText */.kc)(error)}`;
            }
            return false;
        }
    };
    const send = (output, conclusion, timeoutMs) => call(async (signal) => {
        const fields = { output, details_url: jobLink, ...(conclusion ? { status: 'completed', conclusion } : { status: 'in_progress' }) };
        id ??= await findInProgress(octokit, { owner, repo, sha, name: options.name, externalId }, signal);
        if (id === undefined) {
            id = (await octokit.rest.checks.create({ owner, repo, name: options.name, head_sha: sha, external_id: externalId, ...fields, request: { signal } })).data.id;
        }
        else {
            await octokit.rest.checks.update({ owner, repo, check_run_id: id, ...fields, request: { signal } });
        }
    }, timeoutMs);
    const observer = {
        reading(task) {
            tasks.set(task.taskId, task);
            if (refused)
                return;
            const now = options.now();
            const due = sentAt === undefined || (moved(task, sent.get(task.taskId)) && now - sentAt >= UPDATE_EVERY_MS);
            if (!due)
                return;
            sentAt = now;
            for (const each of tasks.values())
                sent.set(each.taskId, { status: each.reading?.status, percent: each.reading?.percentage ?? 0 });
            const output = progressOutput([...tasks.values()], jobLink);
            chain = chain.then(() => send(output, undefined, CALL_TIMEOUT_MS));
        },
    };
    return {
        observer,
        async complete(record, budgetMs) {
            const endAt = options.now() + budgetMs;
            // An update still on its way goes first, within the budget; then the completion, tried twice.
            await Promise.race([chain, new Promise((resolve) => setTimeout(resolve, Math.max(0, budgetMs / 2)).unref())]);
            const output = finalOutput(record, jobLink);
            const conclusion = CONCLUSION[record.result.outcome];
            for (let attempt = 0; attempt < 2 && !refused; attempt += 1) {
                const leftMs = endAt - options.now();
                if (leftMs <= 0)
                    break;
                if (await send(output, conclusion, Math.min(CALL_TIMEOUT_MS, leftMs / (2 - attempt))))
                    return;
            }
            // Said once, at the end: a check run left in progress could hold a pull request that requires it.
            if (!refused) {
                options.warn(`check-name '${options.name}': the check run could not be ${conclusion ? 'completed' : 'updated'} (${lastFault || 'no time left'}); it may show an earlier state on the commit.`);
            }
        },
    };
}
/** A check run this gate left in progress on this commit (a `wait: false` run before), to carry on. */
async function findInProgress(octokit, where, signal) {
    const { data } = await octokit.rest.checks.listForRef({ owner: where.owner, repo: where.repo, ref: where.sha, check_name: where.name, filter: 'all', request: { signal } });
    return data.check_runs.find((run) => run.name === where.name && run.external_id === where.externalId && run.status !== 'completed')?.id;
}
/** "udts-wait:<hash>": the workflow, the job and the tasks, which together make a gate. */
function gateIdentity(env, taskIds) {
    const gate = [env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '', [...taskIds].sort().join(',')].join('\n');
    return `udts-wait:${(0,external_node_crypto_.createHash)('sha256').update(gate).digest('hex').slice(0, 24)}`;
}
/** A state change, or progress of PROGRESS_STEP points or more, since the task was last sent. */
function moved(task, before) {
    if (before === undefined || before.status !== task.reading?.status)
        return true;
    return Math.abs((task.reading?.percentage ?? 0) - before.percent) >= PROGRESS_STEP;
}


/***/ })

};
