export const id = 186;
export const ids = [186];
export const modules = {

/***/ 1186:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  startCheckRun: () => (/* binding */ startCheckRun)
});

// UNUSED EXPORTS: commitUnderTest, gateIdentity

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/wait/clock.ts
var clock = __webpack_require__(4951);
// EXTERNAL MODULE: ./src/report/describe.ts
var describe = __webpack_require__(313);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/message.ts
var message = __webpack_require__(3061);
// EXTERNAL MODULE: ./src/report/sanitize.ts
var sanitize = __webpack_require__(1211);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/report/summary.ts
var report_summary = __webpack_require__(7994);
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
    const title = record.result.outcome === 'pending' ? (0,message/* resultMessage */.FV)(record.result, record.history) : report_summary/* HEADLINE */.ZS[record.result.outcome];
    return fitOutput(title, (0,report_summary/* renderSummary */.Br)(record.result, record.history), jobLink);
}
/**
 * Title and summary within GitHub's limits (characters and UTF-8 bytes), the job's link kept; the
 * summary cut at a line, its details block closed, so the HTML stays balanced.
 */
function fitOutput(title, summary, jobLink) {
    const link = jobLink ? `[The job's log and summary](${jobLink})\n\n` : '';
    return { title: fitBytes((0,sanitize/* sanitizeText */.jZ)(title), 1_000), summary: link + (0,report_summary/* capSummary */.NK)(summary, OUTPUT_LIMIT - Buffer.byteLength(link, 'utf8')) };
}
/** Text cut (with capText's marker) until its UTF-8 form fits `maxBytes`. */
function fitBytes(text, maxBytes) {
    let chars = Math.min(text.length, maxBytes);
    let fitted = (0,src_text/* capText */.yA)(text, chars);
    while (Buffer.byteLength(fitted, 'utf8') > maxBytes) {
        chars = Math.floor((chars * maxBytes) / Buffer.byteLength(fitted, 'utf8')) - 8;
        fitted = (0,src_text/* capText */.yA)(text, chars);
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

;// CONCATENATED MODULE: ./src/action/check-run-api.ts
/**
 * The check run's GitHub client: @actions/github's Octokit with GitHub's conventions on every request,
 * answers read with a size cap, Octokit's own log lines routed to the action's sink, and every failed
 * call sorted into what the check run does next (wait out a rate limit, stop on a refusal, try again).
 */
/**
 * The most of one GitHub answer read, decoded. The check run's largest answer is a page of 100 runs of
 * its own name, each a few KB (its summary for one task is about 2 KB); parsing 1 MiB of the worst JSON
 * (millions of empty objects) takes about 40 MB, which keeps the step far under 150 MB.
 */
const ANSWER_CAP_BYTES = 1024 * 1024;
/** GitHub's advice for a secondary rate limit that names no time: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
/** A limit already over (a reset in the past, `retry-after: 0`) is still waited this long: no busy loop. */
const SHORTEST_LIMIT_MS = 1_000;
/** A limit that names a time past this is someone else's clock gone wrong: treated as this long. */
const LONGEST_LIMIT_MS = 24 * 3_600_000;
const HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
/** The answer passed ANSWER_CAP_BYTES; thrown by the capped fetch, seen as a RequestError's cause. */
class AnswerTooLargeError extends Error {
}
/** Octokit for `token` at `baseUrl`, its fetch the proxy-aware one of @actions/github, capped. */
async function createOctokit(token, options) {
    const [{ getOctokit }, { defaults }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(489), __webpack_require__.e(351)]).then(__webpack_require__.bind(__webpack_require__, 1351)), __webpack_require__.e(/* import() */ 489).then(__webpack_require__.bind(__webpack_require__, 1489))]);
    // Octokit warns per request (a deprecation notice on each): the first is a warning, the rest debug.
    let warned = false;
    const debug = (line) => options.log.debug?.(`GitHub API: ${String(line)}`);
    const warnOnce = (line) => {
        if (warned)
            return debug(line);
        warned = true;
        options.log.warn(`GitHub API: ${String(line)}`);
    };
    const log = { debug, info: debug, warn: warnOnce, error: warnOnce };
    // `request` replaces the defaults' own (it carries the proxy): keep it and wrap its fetch.
    const request = { ...defaults.request, fetch: cappedFetch((defaults.request?.fetch ?? fetch)), log };
    const octokit = getOctokit(token, { baseUrl: options.baseUrl, userAgent: options.userAgent, log, request });
    octokit.hook.before('request', (endpoint) => {
        Object.assign(endpoint.headers, HEADERS);
    });
    return octokit;
}
/** `inner`, its answers' bodies read up to ANSWER_CAP_BYTES (decoded); past it, the read stops. */
function cappedFetch(inner) {
    return async (input, init) => {
        const response = await inner(input, init);
        const declared = Number(response.headers.get('content-length') ?? 0);
        if (declared > ANSWER_CAP_BYTES) {
            await response.body?.cancel();
            throw new AnswerTooLargeError(`it declares ${declared} bytes`);
        }
        if (!response.body || [101, 204, 205, 304].includes(response.status))
            return response;
        const chunks = [];
        let size = 0;
        const reader = response.body.getReader();
        for (let part = await reader.read(); !part.done; part = await reader.read()) {
            size += part.value.byteLength;
            if (size > ANSWER_CAP_BYTES) {
                await reader.cancel();
                throw new AnswerTooLargeError('it went on past them');
            }
            chunks.push(part.value);
        }
        return new Response(Buffer.concat(chunks), { status: response.status, statusText: response.statusText, headers: response.headers });
    };
}
/**
 * Sorts a failed call. A rate limit (403 or 429 with `retry-after`, or `x-ratelimit-remaining: 0`, or
 * a message naming a secondary rate limit) is waited out; 401, 404 and any other 403 are a refusal
 * (no `checks: write`); 422 is a body GitHub refuses. Anything else may pass on a later try. The text
 * never carries a runtime error's own message: only GitHub's, or a description of what happened.
 */
function callFault(error, wallNow = Date.now()) {
    const failed = error;
    if (failed?.cause instanceof AnswerTooLargeError)
        return { kind: 'too-large', text: `GitHub's answer is larger than the ${ANSWER_CAP_BYTES} bytes read of one (${failed.cause.message}); not read` };
    const timedOut = (name) => name === 'AbortError' || name === 'TimeoutError';
    if (timedOut(failed?.name) || timedOut(failed?.cause?.name))
        return { kind: 'fault', text: 'no answer in time', unfinished: true };
    const response = failed?.response;
    if (response === undefined) {
        const code = failed?.cause?.code;
        const answered = failed?.name === 'HttpError' && typeof code === 'string' ? ` (${code})` : '';
        if (failed?.name === 'HttpError')
            return { kind: 'fault', text: `no answer from GitHub${answered}`, unfinished: true };
        return { kind: 'fault', text: "an answer from GitHub that is not the check-runs API's", unfinished: false };
    }
    const status = Number(failed.status);
    const message = response.data?.message;
    const text = `HTTP ${status}${typeof message === 'string' ? `: ${message}` : ''}`;
    if (status === 403 || status === 429) {
        const waitMs = limitWaitMs(response.headers ?? {}, typeof message === 'string' ? message : '', wallNow);
        if (waitMs !== undefined)
            return { kind: 'limited', waitMs: Math.min(LONGEST_LIMIT_MS, Math.max(SHORTEST_LIMIT_MS, waitMs)), text };
        if (status === 429)
            return { kind: 'limited', waitMs: SECONDARY_LIMIT_WAIT_MS, text };
    }
    if (status === 401 || status === 403 || status === 404 || status === 422)
        return { kind: 'refused', status, text };
    return { kind: 'fault', text, unfinished: status === 502 || status === 504 };
}
/**
 * How long a rate-limited answer asks to wait, from its headers; undefined when it is no rate limit.
 * A limit that names no time it can be read as (no reset, an unreadable `retry-after`, only a message
 * naming a rate limit or GitHub's older "abuse detection") is waited out as GitHub advises: a minute.
 */
function limitWaitMs(headers, message, wallNow) {
    // Times in the headers are GitHub's clock: measured against the answer's own Date.
    const answeredAt = Date.parse(String(headers.date ?? '')) || wallNow;
    if (headers['retry-after'] !== undefined) {
        // Seconds, or an HTTP date: RFC 9110 allows both.
        const text = String(headers['retry-after']).trim();
        const seconds = /^\d+$/.test(text) ? Number(text) : Number.NaN;
        const at = Date.parse(text);
        return Number.isFinite(seconds) ? seconds * 1_000 : Number.isFinite(at) ? at - answeredAt : SECONDARY_LIMIT_WAIT_MS;
    }
    if (String(headers['x-ratelimit-remaining']) === '0') {
        // x-ratelimit-reset is in epoch seconds.
        const reset = /^\d+$/.test(String(headers['x-ratelimit-reset'])) ? Number(headers['x-ratelimit-reset']) : Number.NaN;
        return Number.isFinite(reset) ? reset * 1_000 - answeredAt : SECONDARY_LIMIT_WAIT_MS;
    }
    return /rate limit|abuse detection/i.test(message) ? SECONDARY_LIMIT_WAIT_MS : undefined;
}

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
;// CONCATENATED MODULE: ./src/action/check-run.ts
/**
 * The check run: the wait shown where the team looks, on the commit under test (and so on its pull
 * request), under a name people recognise. Opt-in (`check-name`), action only. @actions/github is
 * loaded with a dynamic import only then, so a run without it keeps its start-up and memory.
 *
 * Nothing here changes the verdict. GITHUB_TOKEN has 1,000 requests an hour per repository, so the
 * run is updated only on a state change or a progress step of 5 points, at most every 30 s, and not
 * while GitHub's rate limit holds. Every call of a gate goes through one queue, so no two ever cross.
 * A refusal (401, 403, 404 without a rate limit; 422) is said once and ends the GitHub calls; a
 * transient fault skips that update; the completion is tried twice and waits a rate limit out.
 *
 * A write GitHub left unanswered (cut, timed out, a gateway's 502 or 504) may still be carried out, up
 * to 10 s after it arrived (GitHub ends a request it has worked on that long). Carried out after the
 * completion, a create would be a second run, left in progress, and a progress update would put a
 * progress summary over the result. So the completion first waits until such a write would have
 * been carried out, then lists and writes. A progress update comes 30 s after the last at the
 * earliest: by then the one before has been carried out or never will be.
 */





const UPDATE_EVERY_MS = 30_000;
const PROGRESS_STEP = 5;
/** Each GitHub call may take this long; the completion's calls get less when its budget runs out. */
const CALL_TIMEOUT_MS = 10_000;
const PER_PAGE = 100;
/** A write sent this long ago is carried out or never will be: GitHub's 10 s for a request, and 2 s for the way there. */
const CARRIED_OUT_WITHIN_MS = 12_000;
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
// The one real clock's monotonic reading and timers (wait/clock.ts).
const realClock = { now: clock/* systemClock */.m.now, sleep: clock/* systemClock */.m.sleep };
/** The commit under test: a pull request's head (GITHUB_SHA is the merge commit there), else GITHUB_SHA. */
function commitUnderTest(env, payload) {
    const event = env.GITHUB_EVENT_NAME;
    const head = payload.pull_request?.head?.sha;
    if ((event === 'pull_request' || event === 'pull_request_target') && typeof head === 'string')
        return head;
    return env.GITHUB_SHA || undefined;
}
/** Starts the check run's bookkeeping; the first call finds this gate's own run on the commit, if any. */
async function startCheckRun(options) {
    const { context } = await Promise.all(/* import() */[__webpack_require__.e(489), __webpack_require__.e(351)]).then(__webpack_require__.bind(__webpack_require__, 1351));
    const clock = options.clock ?? realClock;
    const [owner = '', repo = ''] = (options.env.GITHUB_REPOSITORY ?? '').split('/');
    const sha = commitUnderTest(options.env, context.payload) ?? '';
    const octokit = await createOctokit(options.token, {
        baseUrl: options.env.GITHUB_API_URL || 'https://api.github.com',
        userAgent: options.userAgent,
        log: { warn: options.warn, debug: options.debug },
    });
    const jobLink = runUrl(options.env);
    const where = { owner, repo, sha, name: options.name, externalId: gateIdentity(options.env, options.taskIds) };
    const prefix = `check-name '${options.name}'`;
    // Unknown until listed; after a create whose answer was lost, listed again before creating.
    let own;
    let refused = !owner || !repo || !sha;
    let finishing = false;
    let lastFault = '';
    let limitedUntil = -Infinity;
    let limitText = '';
    // The write on its way (when it was sent, what it was), and the latest one GitHub left unfinished.
    let writing;
    let unfinished;
    // The completion's wait under way: a cancel ends it when it would end past the time then left.
    let waiting;
    let queue = Promise.resolve();
    // Cuts a progress update still on its way once the completion has waited its share for it.
    const cutProgress = new AbortController();
    let sentAt;
    const sent = new Map();
    const tasks = new Map();
    if (refused)
        options.warn(`${prefix}: no check run, GITHUB_REPOSITORY or the commit (GITHUB_SHA) is not set.`);
    /** One call, bounded; a refusal ends all further calls, a rate limit pauses them; the fault is returned. */
    const call = async (work, timeoutMs, cut) => {
        if (refused)
            return { kind: 'refused', status: 0, text: '' };
        try {
            const timeout = AbortSignal.timeout(Math.max(1, Math.floor(timeoutMs)));
            await work(cut ? AbortSignal.any([timeout, cut]) : timeout);
            return undefined;
        }
        catch (error) {
            const fault = callFault(error);
            // The completion's own update left unfinished is harmless: the next try sends the same.
            if (writing && fault.kind === 'fault' && fault.unfinished && (writing.create || writing.progress))
                unfinished = writing;
            writing = undefined;
            if (fault.kind === 'refused') {
                refused = true;
                const what = fault.status === 422
                    ? "GitHub refused the check run's content, a bug in udts-wait: please report it"
                    : 'GitHub refused the check run. Give the job permissions: checks: write (a pull request from a fork gets a read-only token)';
                options.warn(`${prefix}: ${what} (${fault.text}); the gate goes on without it.`);
            }
            else if (fault.kind === 'limited') {
                limitedUntil = clock.now() + fault.waitMs;
                limitText = fault.text;
            }
            else {
                // An answer past the cap is no passing fault: said at once, as the call is skipped.
                if (fault.kind === 'too-large')
                    options.warn(`${prefix}: ${fault.text}, that call skipped.`);
                lastFault = fault.text;
            }
            return fault;
        }
    };
    const write = async (output, conclusion, progress, signal) => {
        const fields = { output, details_url: jobLink, request: { signal }, ...(conclusion ? { status: 'completed', conclusion } : { status: 'in_progress' }) };
        const written = { status: fields.status, conclusion: conclusion ?? null };
        // GitHub never reopens a completed run: a later run of the gate that is not decided makes a new one.
        const update = own !== undefined && own.status !== 'completed';
        writing = { at: clock.now(), create: !update, progress };
        let id;
        if (own && update) {
            await octokit.rest.checks.update({ owner, repo, check_run_id: own.id, ...fields });
            id = own.id;
        }
        else {
            own = undefined; // until the create is answered: with its answer lost, the run may exist
            const { data } = await octokit.rest.checks.create({ owner, repo, name: options.name, head_sha: sha, external_id: where.externalId, ...fields });
            if (typeof data?.id !== 'number')
                throw new TypeError('no id');
            id = data.id;
        }
        writing = undefined;
        return { id, ...written };
    };
    /** Carries the run on, creates one, or (the same conclusion already shown) leaves it as it is. */
    const send = (output, conclusion, timeoutMs, progress, cut) => call(async (signal) => {
        own ??= await findOwn(octokit, where, signal);
        if (conclusion !== undefined && own?.status === 'completed' && own.conclusion === conclusion)
            return;
        own = await write(output, conclusion, progress, signal);
    }, timeoutMs, cut);
    const observer = {
        reading(task) {
            tasks.set(task.taskId, task);
            const now = clock.now();
            // Decided already (a `wait: false` run after the end): the completion alone says it.
            if (refused || finishing || now < limitedUntil || [...tasks.values()].every(decided))
                return;
            const due = sentAt === undefined || (moved(task, sent.get(task.taskId)) && now - sentAt >= UPDATE_EVERY_MS);
            if (!due)
                return;
            sentAt = now;
            for (const each of tasks.values())
                sent.set(each.taskId, { status: each.reading?.status, percent: each.reading?.percentage ?? 0 });
            const output = progressOutput([...tasks.values()], jobLink);
            queue = queue.then(() => send(output, undefined, CALL_TIMEOUT_MS, true, cutProgress.signal));
        },
    };
    const complete = async (record, budget, cancel) => {
        finishing = true;
        // A cancel already in (during the service's history, say): what a cancelled run gets.
        const given = cancel?.signal.aborted ? cancel.budget : budget;
        let lastAt = clock.now() + Math.max(given.callsMs, given.rateLimitMs);
        // A progress update still on its way goes first (never two calls at once), for half the calls'
        // budget at most; then it is cut, and the completion, its own calls never cut so, has the rest.
        const cut = setTimeout(() => cutProgress.abort(), given.callsMs / 2);
        // A cancel during the completion ends a wait that would outlast the time it leaves, and cuts a
        // call still on its way when that is up, so that what the completion says is said before the
        // process exits.
        const deadline = new AbortController();
        let deadlineTimer;
        const onCancel = () => {
            lastAt = Math.min(lastAt, clock.now() + (cancel?.budget.callsMs ?? 0));
            cutProgress.abort();
            if (waiting && waiting.endsAt > lastAt)
                waiting.stop.abort();
            deadlineTimer = setTimeout(() => deadline.abort(), lastAt - clock.now());
        };
        if (!cancel?.signal.aborted)
            cancel?.signal.addEventListener('abort', onCancel, { once: true });
        try {
            await queue;
            await conclude(finalOutput(record, jobLink), CONCLUSION[record.result.outcome], given, () => lastAt, deadline.signal);
        }
        finally {
            clearTimeout(cut);
            clearTimeout(deadlineTimer);
            cancel?.signal.removeEventListener('abort', onCancel);
        }
    };
    /** The completion's calls, tried twice, within their budget, after the waits that GitHub calls for. */
    const conclude = async (output, conclusion, budget, lastAt, deadline) => {
        // The completion's own calls get the whole calls' budget from here; a wait pushes that end on.
        let callsEndAt = Math.min(lastAt(), clock.now() + budget.callsMs);
        const wait = async (ms, why) => {
            options.info(`${prefix}: ${why}; waiting ${(0,duration/* formatDuration */.a)(ms)} before the check run is completed.`);
            const from = clock.now();
            waiting = { endsAt: from + ms, stop: new AbortController() };
            await clock.sleep(Math.ceil(ms), waiting.stop.signal);
            waiting = undefined;
            return clock.now() - from;
        };
        for (let faults = 0; !refused && faults < 2;) {
            const limitMs = limitedUntil - clock.now();
            if (limitMs > 0) {
                if (clock.now() + limitMs > lastAt()) {
                    const until = new Date(Date.now() + limitMs).toISOString().slice(11, 19);
                    options.warn(`${prefix}: GitHub's rate limit (${limitText}) lasts until ${until} UTC, past the time the check run may take; it may show an earlier state on the commit.`);
                    return;
                }
                await wait(limitMs, `GitHub's rate limit (${limitText})`);
                callsEndAt = Math.max(callsEndAt, clock.now() + budget.callsMs);
                continue; // the limit is over, or a cancel cut the wait short: seen above
            }
            if (unfinished) {
                const carriedOutAt = unfinished.at + CARRIED_OUT_WITHIN_MS;
                if (clock.now() < carriedOutAt && carriedOutAt < lastAt()) {
                    callsEndAt += await wait(carriedOutAt - clock.now(), 'GitHub left a call unanswered that it may still carry out');
                }
                // A cancel, or the end of a long rate limit, left no time to wait: said, as the run may show it.
                if (clock.now() < carriedOutAt) {
                    const { what, shows } = lateWrite(unfinished);
                    options.warn(`${prefix}: GitHub left ${what} unanswered and there is no time to wait for it; if it is carried out late, ${shows}.`);
                }
                unfinished = undefined;
            }
            const leftMs = Math.min(callsEndAt, lastAt()) - clock.now();
            if (leftMs < 1)
                break;
            const fault = await send(output, conclusion, Math.min(CALL_TIMEOUT_MS, leftMs / (2 - faults)), false, deadline);
            if (!fault)
                return;
            if (fault.kind !== 'limited')
                faults += 1;
        }
        // Said once, at the end: a check run left in progress could hold a pull request that requires it.
        if (!refused) {
            options.warn(`${prefix}: the check run could not be ${conclusion ? 'completed' : 'updated'} (${lastFault || 'no time left'}); it may show an earlier state on the commit.`);
        }
    };
    return { observer, complete };
}
/** This gate's newest run on the commit (its name and identity), paging through every run of the name. */
async function findOwn(octokit, where, signal) {
    let newest;
    for (let page = 1;; page += 1) {
        const { data } = await octokit.rest.checks.listForRef({
            owner: where.owner, repo: where.repo, ref: where.sha, check_name: where.name, filter: 'all', per_page: PER_PAGE, page, request: { signal },
        });
        if (!Array.isArray(data?.check_runs))
            throw new TypeError('not a list');
        for (const run of data.check_runs) {
            const mine = run?.name === where.name && run.external_id === where.externalId && typeof run.id === 'number';
            if (mine && (newest === undefined || run.id > newest.id))
                newest = { id: run.id, status: run.status, conclusion: run.conclusion };
        }
        if (data.check_runs.length < PER_PAGE || page * PER_PAGE >= data.total_count)
            return newest;
    }
}
/**
 * "udts-wait:<hash>": the workflow file (GITHUB_WORKFLOW_REF's path, before "@refs/"; a branch name
 * may hold an "@"), the job and the tasks, which together make a gate. Without the ref, the
 * workflow's display name.
 */
function gateIdentity(env, taskIds) {
    const workflow = env.GITHUB_WORKFLOW_REF ? env.GITHUB_WORKFLOW_REF.split('@refs/')[0] : env.GITHUB_WORKFLOW ?? '';
    const gate = [workflow, env.GITHUB_JOB ?? '', [...taskIds].sort().join(',')].join('\n');
    return `udts-wait:${(0,external_node_crypto_.createHash)('sha256').update(gate).digest('hex').slice(0, 24)}`;
}
/** What a write GitHub left unanswered is, and what it shows if GitHub carries it out after the completion. */
function lateWrite(write) {
    if (!write.create)
        return { what: 'a progress update', shows: 'the check run shows its progress instead of the result' };
    return { what: "a check run's creation", shows: write.progress ? 'it shows in progress until the gate runs again' : 'it is a second run with the same result' };
}
/** The task has its verdict: success or failure. */
function decided(task) {
    return task.judgement?.verdict === 'success' || task.judgement?.verdict === 'failure';
}
/** A state change, or progress of PROGRESS_STEP points or more, since the task was last sent. */
function moved(task, before) {
    if (before === undefined || before.status !== task.reading?.status)
        return true;
    return Math.abs((task.reading?.percentage ?? 0) - before.percent) >= PROGRESS_STEP;
}


/***/ })

};
