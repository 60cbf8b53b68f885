export const id = 600;
export const ids = [600];
export const modules = {

/***/ 3483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  start: () => (/* binding */ start)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/core/run-end.ts
var run_end = __webpack_require__(6242);
// EXTERNAL MODULE: ./src/report/message.ts
var message = __webpack_require__(3061);
// EXTERNAL MODULE: ./src/report/describe.ts
var describe = __webpack_require__(313);
;// CONCATENATED MODULE: ./src/report/lines.ts



/** While nothing changes, say so this often, so a long wait never looks hung. */
const HEARTBEAT_MS = 5 * 60_000;
/**
 * The observer both front doors use: a line when a reading changes, a heartbeat while it does not,
 * a warning for each transient fault, for the service retrying and for an unknown state.
 */
function lineObserver(sink, now, startedAt) {
    const lastLineAt = new Map();
    const say = (task, line) => {
        lastLineAt.set(task.taskId, now());
        sink.info(line);
    };
    return {
        reading(task, changed) {
            if (changed) {
                say(task, `${task.taskId}: ${(0,describe/* describeReading */.YB)(task)}${streakText(task)}`);
            }
            else if (now() - (lastLineAt.get(task.taskId) ?? startedAt) >= HEARTBEAT_MS) {
                say(task, `${task.taskId}: still ${(0,describe/* describeReading */.YB)(task)}, ${(0,duration/* formatDuration */.a)(now() - startedAt)} waited`);
            }
            else {
                sink.live?.(`${task.taskId}: ${(0,describe/* describeReading */.YB)(task)}, ${(0,duration/* formatDuration */.a)(now() - startedAt)} waited`);
            }
        },
        note(task, note) {
            // The service retrying and an unknown state deserve attention; the lag notes are information.
            const loud = note === 'unknown-state' || note === 'retrying' || note === 'not-there-yet' || note === 'lag-unreadable';
            const say = note === 'live-sync' ? sink.notice : loud ? sink.warning : sink.info;
            say(`${task.taskId}: ${noteText(note, task)}`);
        },
        retry(task, error, attempt, delayMs) {
            sink.warning(`${task.taskId}: ${error.message}; retry ${attempt} in ${(0,duration/* formatDuration */.a)(delayMs)}`);
        },
    };
}
function streakText(task) {
    const needed = task.judgement?.stableNeeded;
    return needed === undefined ? '' : ` (${task.judgement?.streak} of ${needed} stable readings)`;
}
function noteText(note, task) {
    const why = task.judgement?.why ?? '';
    switch (note) {
        case 'unknown-state':
            return task.reading?.status === undefined
                ? 'the answer carried no Status: treated as still running (the timeout bounds the wait)'
                : `unknown state '${task.reading.status}': treated as still running (the timeout bounds the wait)`;
        case 'retrying':
            return `${why}: waiting for the service's own retry`;
        case 'no-lag-figure':
            return `${task.reading?.status ?? ''} reports no lag figure (MySQL gives only its binlog position): max-lag cannot apply, the state counts by itself`;
        case 'lag-too-high':
            return `${why}: waiting for the lag to drop`;
        case 'lag-unreadable':
            return `${why}: the API sent a lag figure that is no number of seconds; waiting for one that is`;
        case 'live-sync':
            return `${task.reading?.status ?? ''}. ${(0,message/* liveSyncHint */.ZW)()}`;
        case 'not-there-yet':
            return `the API does not know this task yet (RetCode 230): asking again at the interval until appear-timeout`;
    }
}

// EXTERNAL MODULE: ./src/udts/status.ts
var udts_status = __webpack_require__(5992);
;// CONCATENATED MODULE: ./src/core/input-values.ts
/**
 * The parsers of single input values: each takes the input's text and returns the typed value, or
 * throws an InputError that names the input, quotes the value and says what is accepted.
 * settings.ts combines them and checks the inputs against each other.
 */


const DEFAULT_API_URL = 'https://api.scloudsg.com';
/** Bad input: the message names the input, quotes the value and says what is accepted. */
class InputError extends Error {
    input;
    constructor(input, message) {
        super(message);
        this.input = input;
        this.name = 'InputError';
    }
}
/** The environment variables that stand in for an input left empty (the UCloud SDKs' names). */
const ENV_FALLBACKS = {
    'public-key': 'UCLOUD_PUBLIC_KEY',
    'private-key': 'UCLOUD_PRIVATE_KEY',
    'project-id': 'UCLOUD_PROJECT_ID',
    'api-url': 'UCLOUD_API_BASE_URL',
};
const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];
// The URL parser keeps an IPv6 host's brackets ("[::1]"); 127/8 is matched by its pattern below.
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
/** Task IDs separated by commas, spaces or newlines; each kept once, in the order given. */
function parseTaskIds(value) {
    const ids = [...new Set(value.split(/[\s,]/).filter((id) => id !== ''))];
    if (ids.length === 0) {
        throw new InputError('task-id', `Invalid task-id '${value}': a UDTS task ID is required (for example udts-abc123; several separated by commas).`);
    }
    const bad = ids.find((id) => !/^[\w.-]+$/.test(id));
    if (bad !== undefined) {
        throw new InputError('task-id', `Invalid task-id '${bad}': a task ID holds only letters, digits, '-', '_' and '.'.`);
    }
    return ids;
}
/** A key, from the input or its environment variable; never quoted in an error. */
function requireKey(name, value) {
    if (value === '') {
        throw new InputError(name, `Missing ${name}: set the ${name} input (from a secret) or the ${ENV_FALLBACKS[name]} environment variable.`);
    }
    return value;
}
/** 'transfer' or 'integration'; empty means not sent. */
function parseType(value) {
    if (value === '')
        return undefined;
    if (value === 'transfer' || value === 'integration')
        return value;
    throw new InputError('type', `Invalid type '${value}': expected 'transfer' or 'integration', or leave it empty.`);
}
// User-info (a name, a password, a token) ends at an '@'; the full-width and small '@' are refused too,
// as a value pasted from elsewhere may carry them. A value with one is never quoted, whatever its scheme or shape.
const CREDENTIALS_MARK = /[@\uFE6B\uFF20]/;
/**
 * An https URL, or plain http to a loopback host (the emulator); no credentials in it. `envName`:
 * the environment variable the value came from, when not from the input itself.
 */
function parseApiUrl(value, envName) {
    const name = envName === undefined ? 'api-url' : `api-url (from the ${envName} environment variable)`;
    if (CREDENTIALS_MARK.test(value)) {
        throw new InputError('api-url', `Invalid ${name}: credentials (what comes before an '@') do not belong in the URL, so it is not shown here; the API keys go in public-key and private-key.`);
    }
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError('api-url', `Invalid ${name} '${value}': not a URL. Expected for example ${DEFAULT_API_URL}.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new InputError('api-url', `Invalid ${name} '${value}': expected an https:// URL.`);
    }
    // The whole 127/8 block is loopback; the URL parser writes IPv4 hosts as dotted quads ("127.1" -> 127.0.0.1),
    // so a host such as 127.example.com, a name anyone can register, is not mistaken for one.
    // Stryker disable next-line Regex: without its ^ it matches no more, since a host ending in 127.x.x.x that is no IPv4 address is no valid URL
    if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname) && !/^127(\.\d{1,3}){3}$/.test(url.hostname)) {
        throw new InputError('api-url', `Invalid ${name} '${value}': plain http is accepted only to a loopback host (localhost, 127.0.0.1, [::1]); use https.`);
    }
    return url.toString();
}
/** A duration above zero, in milliseconds. */
function parsePositiveDuration(name, value) {
    const ms = (0,duration/* parseDuration */.E)(value);
    if (ms === undefined || ms <= 0) {
        throw new InputError(name, `Invalid ${name} '${value}': expected a positive duration: seconds (90) or a number with units ms, s, m, h (1500ms, 90s, 45m, 1h30m, 1h 30m).`);
    }
    return ms;
}
/** A duration of 0 or more, in milliseconds ("0" turns the feature off); parseDuration gives none below 0. */
function parseDurationOrZero(name, value) {
    const ms = (0,duration/* parseDuration */.E)(value);
    if (ms === undefined) {
        throw new InputError(name, `Invalid ${name} '${value}': expected 0 or a duration: seconds (90) or a number with units ms, s, m, h (90s, 5m, 1h 30m).`);
    }
    return ms;
}
/** The YAML 1.2 core booleans, as core.getBooleanInput takes them. */
function parseBoolean(name, value) {
    if (TRUE_WORDS.includes(value))
        return true;
    if (FALSE_WORDS.includes(value))
        return false;
    throw new InputError(name, `Invalid ${name} '${value}': expected 'true' or 'false'.`);
}
/** State names from the vocabulary, in any case, as their canonical spelling. */
function parseStates(name, value) {
    const names = value.split(/[\s,]/).filter((state) => state !== '');
    if (names.length === 0) {
        throw new InputError(name, `Invalid ${name} '${value}': name at least one state. Valid states: ${udts_status/* KNOWN_STATUSES */.Do.join(', ')}.`);
    }
    const states = new Set();
    for (const given of names) {
        const state = (0,udts_status/* canonicalStatus */.xX)(given);
        if (state === undefined) {
            throw new InputError(name, `Invalid ${name}: unknown state '${given}'. Valid states: ${udts_status/* KNOWN_STATUSES */.Do.join(', ')}.`);
        }
        if (state === 'RetryPending') {
            throw new InputError(name, `Invalid ${name}: 'RetryPending' is always a waiting state (the service is about to retry).`);
        }
        states.add(state);
    }
    return states;
}
/** Seconds, 0 or more; empty means no bound. */
function parseMaxLag(value) {
    if (value === '')
        return undefined;
    const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(seconds)) {
        throw new InputError('max-lag', `Invalid max-lag '${value}': expected a number of seconds (0 or more), or leave it empty.`);
    }
    return seconds;
}
/** A whole number, 1 or more. */
function parseCount(name, value) {
    const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(count) || count < 1) {
        throw new InputError(name, `Invalid ${name} '${value}': expected a whole number, 1 or more.`);
    }
    return count;
}

;// CONCATENATED MODULE: ./src/core/inputs.ts
/**
 * The inputs of the action (and flags of the CLI), one table: names, what they mean, their defaults.
 * action.yml and the README carry the same table; a test keeps the three identical.
 */

const INPUTS = [
    {
        name: 'task-id',
        description: 'UDTS task ID to wait for; several may be given, separated by commas, spaces or newlines.',
        default: '',
        required: true,
    },
    {
        name: 'public-key',
        description: 'API public key. Defaults to the UCLOUD_PUBLIC_KEY environment variable.',
        default: '',
    },
    {
        name: 'private-key',
        description: 'API private key; pass it from a secret. Defaults to the UCLOUD_PRIVATE_KEY environment variable.',
        default: '',
    },
    {
        name: 'project-id',
        description: 'Project ID. Defaults to UCLOUD_PROJECT_ID; when neither is set, none is sent (the default project).',
        default: '',
    },
    {
        name: 'type',
        description: "Task type: 'transfer' (data migration) or 'integration' (data integration). Not sent when empty.",
        default: '',
    },
    {
        name: 'api-url',
        description: 'API endpoint. Defaults to UCLOUD_API_BASE_URL, else https://api.scloudsg.com. https only, except plain http to a loopback host (the emulator).',
        default: '',
    },
    {
        name: 'timeout',
        description: 'How long to wait in all: seconds, or a duration such as 90s, 45m, 1h30m, 1h 30m.',
        default: '60m',
    },
    {
        name: 'interval',
        description: 'The longest pause between two polls of a task (a duration, at least 100ms, at most timeout).',
        default: '15s',
    },
    {
        name: 'appear-timeout',
        description: 'How long a task the API does not know yet (RetCode 230) is asked for again, for a task created just before: a duration; 0: it fails at once.',
        default: '0',
    },
    {
        name: 'fail-on-timeout',
        description: "'false': a timeout ends the step with a warning instead of a failure.",
        default: 'true',
    },
    {
        name: 'success-states',
        description: 'Task states that count as finished, comma separated (any case).',
        default: udts_status/* DEFAULT_SUCCESS_STATES */.X9.join(', '),
    },
    {
        name: 'failure-states',
        description: 'Task states that fail the job, comma separated (any case).',
        default: udts_status/* DEFAULT_FAILURE_STATES */.Uc.join(', '),
    },
    {
        name: 'max-lag',
        description: 'Seconds; a success state counts only while the reported lag (RedisDelayTime or MongoDelayTime) is at most this. Empty: no bound.',
        default: '',
    },
    {
        name: 'stable-polls',
        description: 'How many readings in a row must meet the success condition.',
        default: '1',
    },
    {
        name: 'tolerate-retries',
        description: "'true': a Failed task that the service will still retry (CurRetryCount < MaxRetryCount) is waited through.",
        default: 'false',
    },
    {
        name: 'wait',
        description: "'false': take one reading, report it, and do not wait.",
        default: 'true',
    },
    {
        name: 'fail-fast',
        description: "With several tasks, fail as soon as one fails ('false': wait for all, then fail naming each).",
        default: 'true',
    },
    {
        name: 'history',
        description: "'true': at the end, ask the service for each task's state history (GetUDTSTaskHistory) and merge it into the summary's timeline.",
        default: 'true',
    },
    {
        name: 'check-name',
        description: 'Name of a check run on the commit under test that shows the wait (needs permissions: checks: write). Empty: no check run. Action only.',
        default: '',
        actionOnly: true,
    },
    {
        name: 'github-token',
        description: 'Token for the check run (check-name). Action only.',
        default: '${{ github.token }}',
        actionOnly: true,
    },
];
/** The inputs the CLI has as flags: all but the action-only ones. */
const CLI_INPUTS = INPUTS.filter((input) => !('actionOnly' in input && input.actionOnly));

;// CONCATENATED MODULE: ./src/core/settings.ts




const MIN_INTERVAL_MS = 100;
/**
 * The longest interval: a whole number of hours under the longest pause a Node timer can make
 * (2^31 - 1 ms, about 24.8 days); a longer one fires after 1 ms, which would poll in a tight loop.
 */
const MAX_INTERVAL_MS = 596 * 3_600_000;
/**
 * Parses and validates the raw inputs (action inputs or CLI flags) into Settings, reading the
 * UCLOUD_* fallbacks from `env`. Throws InputError at the first bad value; nothing is sent before.
 */
function parseSettings(raw, env) {
    const text = (name) => {
        const given = raw[name]?.trim() ?? '';
        if (given !== '')
            return given;
        const fallback = ENV_FALLBACKS[name];
        const fromEnv = fallback ? env[fallback]?.trim() ?? '' : '';
        if (fromEnv !== '')
            return fromEnv;
        // Stryker disable next-line OptionalChaining,StringLiteral: every input is in INPUTS, with a default
        return INPUTS.find((input) => input.name === name)?.default ?? '';
    };
    const taskIds = parseTaskIds(raw['task-id'] ?? '');
    const publicKey = requireKey('public-key', text('public-key'));
    const privateKey = requireKey('private-key', text('private-key'));
    const projectId = text('project-id') || undefined;
    const type = parseType(text('type'));
    // Its errors say where a bad value came from: the input (or flag), or its environment variable.
    const apiUrlFromEnv = (raw['api-url']?.trim() ?? '') === '' && text('api-url') !== '';
    const apiUrl = parseApiUrl(text('api-url') || DEFAULT_API_URL, apiUrlFromEnv ? ENV_FALLBACKS['api-url'] : undefined);
    const timeoutMs = parsePositiveDuration('timeout', text('timeout'));
    if (timeoutMs < MIN_INTERVAL_MS) {
        throw new InputError('timeout', `Invalid timeout '${text('timeout')}': must be at least ${(0,duration/* formatDuration */.a)(MIN_INTERVAL_MS)}.`);
    }
    // The default interval (15s) yields to a shorter timeout; an interval the user gave is checked as given.
    const intervalGiven = (raw.interval?.trim() ?? '') !== '';
    const parsedIntervalMs = parsePositiveDuration('interval', text('interval'));
    const intervalMs = intervalGiven ? parsedIntervalMs : Math.min(parsedIntervalMs, timeoutMs);
    if (intervalMs < MIN_INTERVAL_MS) {
        throw new InputError('interval', `Invalid interval '${text('interval')}': must be at least ${(0,duration/* formatDuration */.a)(MIN_INTERVAL_MS)}.`);
    }
    if (intervalMs > MAX_INTERVAL_MS) {
        throw new InputError('interval', `Invalid interval '${text('interval')}': at most ${(0,duration/* formatDuration */.a)(MAX_INTERVAL_MS)} (about 24 days, the longest pause a timer can make).`);
    }
    if (intervalMs > timeoutMs) {
        throw new InputError('interval', `Invalid interval '${text('interval')}': longer than timeout '${text('timeout')}'. Use an interval no longer than the timeout.`);
    }
    const successStates = parseStates('success-states', text('success-states'));
    const failureStates = parseStates('failure-states', text('failure-states'));
    const overlap = [...successStates].filter((state) => failureStates.has(state));
    if (overlap.length > 0) {
        throw new InputError('success-states', `Invalid success-states/failure-states: ${overlap.join(', ')} is in both lists. A state can be one or the other.`);
    }
    return Object.freeze({
        taskIds,
        publicKey,
        privateKey,
        projectId,
        type,
        apiUrl,
        timeoutMs,
        intervalMs,
        failOnTimeout: parseBoolean('fail-on-timeout', text('fail-on-timeout')),
        successStates,
        failureStates,
        maxLagSeconds: parseMaxLag(text('max-lag')),
        stablePolls: parseCount('stable-polls', text('stable-polls')),
        tolerateRetries: parseBoolean('tolerate-retries', text('tolerate-retries')),
        wait: parseBoolean('wait', text('wait')),
        failFast: parseBoolean('fail-fast', text('fail-fast')),
        appearTimeoutMs: parseDurationOrZero('appear-timeout', text('appear-timeout')),
        history: parseBoolean('history', text('history')),
        checkRun: parseCheckRun(text('check-name'), text('github-token')),
    });
}
/**
 * A check run needs its name; without a name there is none. A missing token (a secret a fork's pull
 * request is not given) is not bad input: the check run never decides the gate, so the action warns.
 */
function parseCheckRun(name, token) {
    if (name === '')
        return undefined;
    // A token not given reads as its default, which only GitHub Actions expands: none at all.
    return { name, token: token === '${{ github.token }}' ? '' : token };
}

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js
var lib = __webpack_require__(2779);
// EXTERNAL MODULE: ./src/udts/abort.ts
var udts_abort = __webpack_require__(5634);
// EXTERNAL MODULE: ./src/udts/errors.ts
var errors = __webpack_require__(7037);
;// CONCATENATED MODULE: ./src/udts/answer.ts

const INTEGER = /^-?\d+$/;
/** The `Data` of an answer with RetCode 0, each of its strings without the signature; throws a UdtsError otherwise. */
function readAnswer({ action, status, body, requestId, clean }) {
    // Cleaned before it is cut into a snippet, which could keep half a signature; every message once more.
    const text = body.kind === 'text' ? clean(body.text) : undefined;
    const fail = (message, details) => new errors/* UdtsError */.JA(clean(message), details);
    const where = requestId ? ` (request ${requestId})` : '';
    const shown = text !== undefined ? snippet(text) : answer_describe(body);
    if (status < 200 || status >= 300) {
        const kind = (0,errors/* httpStatusKind */.B_)(status);
        const advice = kind === 'fatal' ? ': check api-url' : '';
        throw fail(`HTTP ${status} from the API${where}: ${shown}${advice}`, { kind });
    }
    if (body.kind === 'unread')
        throw fail(`HTTP ${status} from the API${where}: ${body.why}`, { kind: body.failure });
    let root;
    const json = text ?? '';
    try {
        root = Object(JSON.parse(json, (_key, value) => (typeof value === 'string' ? clean(value) : value)));
        // JSON.parse reads 1e-999 and 0.0 as 0: a number RetCode counts only when written as an integer.
        if (typeof root.RetCode === 'number' && !INTEGER.test(retCodeLiteral(json) ?? ''))
            root.RetCode = Number.NaN;
    }
    catch {
        throw fail(`HTTP ${status} with a body that is not JSON${where}: ${shown}`, { kind: 'transient' });
    }
    const retCode = asRetCode(root.RetCode);
    if (retCode === undefined) {
        const problem = 'RetCode' in root ? 'a malformed RetCode (expected an integer)' : 'no RetCode';
        throw fail(`answer with ${problem}${where}: ${shown}`, { kind: 'transient' });
    }
    if (retCode !== 0) {
        const quoted = typeof root.Message === 'string' && root.Message !== '' ? ` "${root.Message}"` : '';
        const hint = (0,errors/* retCodeHint */.Q3)(retCode, action);
        throw fail(`API error RetCode ${retCode}${quoted}${where}${hint ? `: ${hint}` : ''}`, { kind: (0,errors/* retCodeKind */.Lq)(retCode), retCode });
    }
    return root.Data;
}
// The tokens of a JSON text that tell keys and nesting: a string, with what follows it when it is a key
// (the value's literal when that is a number, else ''), or a bracket. A string is matched whole, so a
// quote or a bracket inside one is no token of its own.
const TOKENS = /("(?:[^"\\]|\\.)*")(?:\s*:\s*(-?[\d.eE+-]*))?|[{[]|[}\]]/g;
/**
 * The literal of the top-level RetCode in a text JSON.parse accepted, however its key is spelled
 * (`"Ret\u0043ode"` is RetCode too); of a key given twice, the last, as JSON.parse keeps it.
 * Undefined when that value is not a number. The same on every Node (a reviver sees literals only from 22 on).
 */
function retCodeLiteral(json) {
    let depth = 0;
    let literal;
    for (const [token, key, value] of json.matchAll(TOKENS)) {
        if (token === '{' || token === '[')
            depth += 1;
        else if (token === '}' || token === ']')
            depth -= 1;
        else if (depth === 1 && value !== undefined && JSON.parse(key) === 'RetCode')
            literal = value || undefined;
    }
    return literal;
}
/**
 * RetCode as the API writes it: a JSON integer, or a string of decimal digits with an optional leading
 * minus ("0", "171", "-1"). Anything else ("0x0", "1e-999", 0.5, true, "", " 0") is no RetCode: read
 * loosely, "0x0" would pass as success.
 */
function asRetCode(value) {
    const number = typeof value === 'string' && INTEGER.test(value) ? Number(value) : value;
    // Stryker disable next-line ConditionalExpression: Number.isSafeInteger is false for a non-number too; the typeof is for the type checker
    return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}
/** A body that is not text, as a message shows it: never its bytes. */
function answer_describe(body) {
    if (body.kind === 'binary')
        return `${body.bytes} bytes of binary data`;
    // Stryker disable next-line ConditionalExpression,StringLiteral: a text body is quoted (snippet), never described, so '' is never returned
    return body.kind === 'unread' ? `(${body.why})` : '';
}
/** The start of a body for a message: white space runs made one space, cut at 120 characters. */
function snippet(text) {
    const flat = text.slice(0, 1_000).replace(/\s+/g, ' ').trim();
    if (flat === '')
        return '(empty body)';
    if (flat.length <= 120)
        return flat;
    // Never cut a surrogate pair in half.
    const end = /[\uD800-\uDBFF]/.test(flat.charAt(119)) ? 119 : 120;
    return `${flat.slice(0, end)}…`;
}

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/udts/string-cap.ts
/**
 * Cuts every JSON string of an answer's body as its bytes arrive, before any of it becomes text: a
 * hostile answer of huge strings (a different 900 KB Status on every poll) never becomes a huge string
 * in memory, so what a run holds depends on the number of tasks, not on what a service sends.
 */
/**
 * The most of one string's bytes kept. Every field is cut far shorter where it is read (fields.ts,
 * 16 KiB at most), so nothing past this is ever shown; it only bounds what is parsed.
 */
const STRING_KEEP_BYTES = 64 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
/**
 * A filter for a body's bytes, chunk by chunk: bytes outside strings pass as they are; a string keeps
 * its first `keepBytes` (cut between two characters, never inside one or inside an escape) and ends
 * with capText's marker naming the UTF-16 units dropped, so a later cut of the value counts them too
 * (text.ts). Text that is not JSON passes the same way; only its quoted runs can be cut.
 */
function stringCapper(keepBytes = STRING_KEEP_BYTES) {
    let inString = false;
    // Bytes of the current escape still to come: 1 after a backslash, then 4 more after `\u`.
    let escapeLeft = 0;
    let kept = 0;
    let cutting = false;
    let droppedUnits = 0;
    return (chunk) => {
        const out = [];
        // Where the run of bytes passing through began in this chunk; -1 while a string's tail is dropped.
        let from = cutting ? -1 : 0;
        for (let i = 0; i < chunk.length; i += 1) {
            const byte = chunk[i];
            if (!inString) {
                if (byte === QUOTE)
                    [inString, kept, cutting, droppedUnits] = [true, 0, false, 0];
                continue;
            }
            const inEscape = escapeLeft > 0;
            if (!inEscape && byte === QUOTE) {
                inString = false;
                if (cutting) {
                    out.push(Buffer.from(`… [${droppedUnits} more characters cut]`));
                    cutting = false;
                    from = i;
                }
                continue;
            }
            const startsCharacter = !inEscape && (byte & 0xc0) !== 0x80;
            if (startsCharacter && !cutting && kept >= keepBytes) {
                out.push(chunk.subarray(from, i));
                cutting = true;
                from = -1;
            }
            if (inEscape)
                escapeLeft = escapeLeft === 1 && byte === LETTER_U ? 4 : escapeLeft - 1;
            else if (byte === BACKSLASH)
                escapeLeft = 1;
            // One UTF-16 unit per character or escape dropped; two for a character past U+FFFF (a 4-byte lead).
            if (!cutting)
                kept += 1;
            else if (startsCharacter)
                droppedUnits += byte >= 0xf0 ? 2 : 1;
        }
        if (from >= 0)
            out.push(chunk.subarray(from));
        return out.length === 1 ? out[0] : Buffer.concat(out);
    };
}

;// CONCATENATED MODULE: ./src/udts/body.ts
/**
 * Reads an HTTP answer's body within a cap: in linear time (chunks kept, one concat at the end),
 * decoded when it is compressed, and described rather than quoted when it is not text.
 */




/**
 * The most of a body read, before and after decoding: 1 MiB. A status answer is about 1 KB; a history
 * answer about 110 bytes per state change, so some 9,000 changes (thousands of retries) still fit.
 * Anything a thousand times larger than the real thing is not an answer but a fault (a wrong api-url,
 * a proxy's page, an API gone wrong); reading on would only cost memory, and with up to 8 requests in
 * flight, 1 MiB each keeps the worst case in single-digit MiB. GitHub refuses a job summary over 1 MiB
 * anyway, so nothing larger could be shown.
 */
const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The most of a status answer read: 256 KiB. A status answer is about 1 KB (a long FailedMessage or
 * GTID set a few KB more); one past this is a fault, refused like any answer over its cap, on its first
 * bytes past it. So an API that sends a huge status answer on every poll costs a run almost nothing:
 * the socket's buffers of an answer read whole are freed only when the garbage collector next runs,
 * which at one poll a second or more can be tens of MiB later.
 */
const STATUS_CAP_BYTES = 256 * 1024;
// RFC 9110 codings. "deflate" is the zlib format there (§8.4.1.2); raw deflate is not accepted.
// A Map, not an object: a coding named "constructor" must not find Object's.
const DECODERS = new Map([
    ['gzip', external_node_zlib_.createGunzip],
    ['x-gzip', external_node_zlib_.createGunzip],
    ['deflate', external_node_zlib_.createInflate],
    ['br', external_node_zlib_.createBrotliDecompress],
]);
/**
 * Reads `stream` (an answer's body, with its `headers`) up to `capBytes`. Over the cap (declared by
 * Content-Length, received, or once decoded) the stream is destroyed and the body is 'unread', fatal:
 * the same request would get the same oversized answer, so retrying until the timeout would only hide
 * the cause. An unknown content-encoding is fatal for the same reason; a corrupt compressed body is
 * transient (a transfer cut short looks the same). Rejects with the stream's own error (a network fault).
 */
async function readBody(stream, headers, capBytes = MAX_BODY_BYTES) {
    // A Content-Length that is not plain digits (or none: "undefined") declares nothing.
    const length = String(headers['content-length']);
    const declaredBytes = /^\d+$/.test(length) ? Number(length) : 0;
    if (declaredBytes > capBytes) {
        stream.destroy();
        return overCap(`declares ${declaredBytes} bytes (Content-Length)`, capBytes);
    }
    const coding = (headers['content-encoding'] ?? '').trim().toLowerCase();
    const makeDecoder = DECODERS.get(coding);
    if (makeDecoder === undefined && coding !== '' && coding !== 'identity') {
        stream.destroy();
        const shown = JSON.stringify(coding.slice(0, 40));
        return { kind: 'unread', failure: 'fatal', why: `the body is encoded as ${shown}, which udts-wait cannot decode (it reads gzip, deflate and br)` };
    }
    const read = await collect(stream, makeDecoder?.(), capBytes);
    if ('over' in read)
        return overCap(read.over, capBytes);
    if ('corrupt' in read) {
        return { kind: 'unread', failure: 'transient', why: `the ${coding} body could not be decoded (${read.corrupt})` };
    }
    if (!(0,external_node_buffer_.isUtf8)(read.bytes) || read.bytes.includes(0))
        return { kind: 'binary', bytes: read.bytes.length };
    const text = read.bytes.toString('utf8');
    return { kind: 'text', text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}
function overCap(seen, capBytes) {
    // Every cap is a whole number of KiB.
    const cap = capBytes % MAX_BODY_BYTES === 0 ? `${capBytes / MAX_BODY_BYTES} MiB` : `${capBytes / 1024} KiB`;
    return { kind: 'unread', failure: 'fatal', why: `the answer ${seen}, over the ${cap} cap on an answer's size` };
}
/**
 * Gathers the (decoded) chunks, each string in them cut as it arrives (string-cap.ts), counting
 * received and decoded bytes; destroys the stream once either count passes the cap, so at most the
 * cap plus one chunk is ever held, and what is kept of a hostile answer of huge strings stays small.
 */
function collect(stream, decoder, capBytes) {
    return new Promise((resolve, reject) => {
        // pipeline() destroys both streams when either fails or is destroyed.
        const output = decoder ? (0,external_node_stream_.pipeline)(stream, decoder, () => { }) : stream;
        const chunks = [];
        const capStrings = stringCapper();
        let receivedBytes = 0;
        let keptBytes = 0;
        let streamError;
        // The first outcome settles the promise; a later resolve or reject (the close after a stop) does nothing.
        const stop = (over) => {
            resolve({ over });
            stream.destroy();
            decoder?.destroy();
        };
        stream.on('error', (error) => (streamError ??= error));
        // Stryker disable next-line ConditionalExpression: without a decoder the output is the stream itself, whose own count below stops it with the same words
        if (decoder) {
            stream.on('data', (chunk) => {
                receivedBytes += chunk.length;
                if (receivedBytes > capBytes)
                    stop(`was still arriving after ${receivedBytes} bytes`);
            });
        }
        output.on('data', (chunk) => {
            keptBytes += chunk.length;
            if (keptBytes > capBytes) {
                stop(decoder ? `decodes to at least ${keptBytes} bytes` : `was still arriving after ${keptBytes} bytes`);
                return;
            }
            chunks.push(capStrings(chunk));
        });
        output.on('end', () => resolve({ bytes: Buffer.concat(chunks) }));
        output.on('error', (error) => {
            if (decoder && streamError === undefined) {
                resolve({ corrupt: error.message });
                return;
            }
            // Stryker disable next-line LogicalOperator: the stream's error, or the same error that pipeline() handed on to the decoder
            reject(streamError ?? error);
        });
        output.on('close', () => reject(streamError ?? new Error('the connection closed before the answer ended')));
    });
}

// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/udts/fields.ts
var udts_fields = __webpack_require__(8919);
;// CONCATENATED MODULE: ./src/udts/history.ts
/**
 * What a GetUDTSTaskHistory answer is: the service's own timeline of a task's states, read as
 * tolerantly as a status reading (entries may lack fields; numbers may come as strings).
 */


/** The API action that returns a task's state timeline (same endpoint and signature as the status call). */
const HISTORY_ACTION = 'GetUDTSTaskHistory';
// A time the service can have recorded: not before this, nor more than a day ahead of the runner's
// clock (clocks differ, a day does not). Outside that, a time is garbage, and shown it reads as garbage too.
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const AHEAD_MS = 86_400_000;
/**
 * Reads the `Data` list of a GetUDTSTaskHistory answer, oldest first (the API promises no order;
 * entries at the same second keep the API's order). An entry without a state name, or whose
 * CreateTime is not whole unix seconds (an integer, or a string of decimal digits) from 2000-01-01 to
 * a day after `nowMs` (the runner's wall clock), is dropped and told to `dropped`, once each.
 * `Data` that is not a list reads as no history.
 */
function historyFromData(data, nowMs, dropped) {
    if (!Array.isArray(data))
        return [];
    const entries = [];
    for (const item of data) {
        const fields = (0,udts_fields/* asObject */.eB)(item);
        const state = (0,udts_fields/* asText */.e1)(fields.AntState, src_text/* SHORT_FIELD_CHARS */.Q$);
        const at = unixSeconds(fields.CreateTime) * 1_000;
        if (state === undefined || state.trim() === '') {
            dropped?.('an entry without a state (AntState) is dropped');
        }
        else if (at >= EARLIEST_MS && at <= nowMs + AHEAD_MS) {
            entries.push({ state, at });
        }
        else {
            dropped?.(`the entry of ${shown(state)} is dropped: its CreateTime, ${shown(fields.CreateTime)}, is no time from 2000-01-01 to a day from now`);
        }
    }
    return entries.sort((a, b) => a.at - b.at);
}
/** A value from the answer as a debug line quotes it: JSON, at most 64 characters. */
function shown(value) {
    return value === undefined ? 'missing' : JSON.stringify(value).slice(0, 64);
}
/** Whole seconds from an integer or a string of decimal digits; NaN for anything else. */
function unixSeconds(value) {
    if (typeof value === 'string' && /^\d+$/.test(value))
        return Number(value);
    return Number.isSafeInteger(value) ? value : Number.NaN;
}

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/proxy.js
var lib_proxy = __webpack_require__(9783);
;// CONCATENATED MODULE: ./src/udts/proxy.ts
/**
 * The proxy @actions/http-client routes the API's requests through, and what its refusals mean.
 * http-client reaches every proxied URL, http or https, through a CONNECT tunnel (the `tunnel`
 * package); a CONNECT answered with anything but 200 fails the request with the plain Error
 * "tunneling socket could not be established, statusCode=<status>" (code ECONNRESET), before any
 * byte reaches the API.
 */

/** The proxy http-client uses for `url` (after NO_PROXY and its loopback rule), or undefined for a direct connection. */
function proxyRoute(url) {
    const proxy = (0,lib_proxy/* getProxyUrl */.s)(url);
    if (!proxy?.hostname)
        return undefined;
    // http-client's own order: the lower-case variable first.
    const lower = url.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
    const variable = process.env[lower] ? lower : lower.toUpperCase();
    const port = proxy.port || (proxy.protocol === 'https:' ? '443' : '80');
    return { address: `${proxy.hostname}:${port}`, variable };
}
const TUNNEL_REFUSED = /^tunneling socket could not be established, statusCode=(\d{3})$/;
/** The status a proxy answered a CONNECT with, when `error` is the tunnel's report of that. */
function connectStatus(error) {
    const match = error instanceof Error ? TUNNEL_REFUSED.exec(error.message) : null;
    return match ? Number(match[1]) : undefined;
}
/**
 * What a proxy's refusal means. 407 (credentials wanted) and 403 to a CONNECT (tunnel forbidden) are
 * fatal: the proxy will answer the same until its settings change. Other statuses (a proxy's 502, 503,
 * 504 while the API or its own upstream is down) are transient.
 */
function proxyRefusal(status, route, viaConnect, apiUrl) {
    const proxy = route ? `the proxy ${route.address} (from ${route.variable})` : 'a proxy between the runner and the API';
    const what = viaConnect ? `refused a tunnel to ${apiUrl.host}` : 'refused the request';
    if (status === 407) {
        const where = route
            ? `give its user and password in ${route.variable} (http://user:password@host:port) or list ${apiUrl.hostname} in NO_PROXY`
            : `no ${apiUrl.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'} applies to api-url, so it intercepts the connection: ask its administrators`;
        return { kind: 'fatal', text: `${proxy} ${what} with HTTP 407 Proxy Authentication Required: ${where}` };
    }
    if (status === 403 && viaConnect) {
        return {
            kind: 'fatal',
            text: `${proxy} ${what} with HTTP 403 Forbidden: check that it allows CONNECT to ${apiUrl.host}, or list ${apiUrl.hostname} in NO_PROXY`,
        };
    }
    return { kind: 'transient', text: `${proxy} ${what} with HTTP ${status}` };
}

;// CONCATENATED MODULE: ./src/udts/redact.ts
/**
 * Keeps what signs a request (its signature, and the private key that made it) out of everything the
 * client hands on. An API (or a proxy's error page) that echoes the request would otherwise put the
 * signature in messages, the log, the summary and outputs; the signed parameters never change between
 * polls, so whoever reads it could replay the call. An API that quotes the text it signed, on a
 * signature mismatch, would quote the private key: UCloud's signed text ends with it.
 */
/** What stands where a signature was. Removed, not masked: add-mask would print a command per poll. */
const SIGNATURE_REMOVED = '[signature removed]';
// "Signature=<40 hex>", "Signature: …", "\"Signature\":\"…\"", "Signature%3D…": any request echoed in any form.
const ECHOED = /(signature["']?\s*(?:=|:|%3D)\s*["']?)[0-9a-f]{40}/gi;
const KEY_REMOVED = '[private key removed]';
/**
 * A function that removes `signature` (a lowercase SHA-1 hex, matched in any case), any
 * `Signature=<hex>` echo and `privateKey` (as it is, or URL- or form-encoded in any case) from text.
 */
function signatureRemover(signature, privateKey) {
    // A hex digest holds no character special to a RegExp; a key may.
    const ours = new RegExp(signature, 'gi');
    const key = privateKey === '' ? undefined : new RegExp([...privateKey].map(anyEncoding).join(''), 'g');
    return (text) => {
        const unsigned = text.replace(ours, SIGNATURE_REMOVED).replace(ECHOED, `$1${SIGNATURE_REMOVED}`);
        return key ? unsigned.replace(key, KEY_REMOVED) : unsigned;
    };
}
/** One character of the key as a pattern: itself, or its UTF-8 percent-encoding in either case (a space also `+`). */
function anyEncoding(char) {
    const literal = char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const hex = [...Buffer.from(char)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    const escapes = `${hex.replace(/../g, '%$&')}|${hex.toUpperCase().replace(/../g, '%$&')}`;
    return `(?:${literal}|${escapes}${char === ' ' ? '|\\+' : ''})`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/udts/signature.ts

/**
 * The UCloud "VerifyAC" signature: sort the sent parameters (Signature excluded, empty ones dropped)
 * by plain code-unit order, concatenate key + value, append the private key, SHA-1, lowercase hex.
 * Only flat parameters: GetUDTSTaskStatus has no arrays or objects.
 */
function sign(params, privateKey) {
    const sent = sentParams(params);
    const signed = Object.keys(sent)
        .filter((key) => key !== 'Signature')
        // Plain sort() compares UTF-16 code units, as the API does ("CPU" before "ChargeType").
        .sort()
        .map((key) => key + sent[key])
        .join('');
    // A string is hashed as UTF-8.
    return (0,external_node_crypto_.createHash)('sha1').update(signed + privateKey).digest('hex');
}
/** The parameters that go on the wire, as text: null, undefined and empty strings are left out. */
function sentParams(params) {
    const sent = {};
    for (const [key, value] of Object.entries(params)) {
        const text = paramText(value);
        if (text !== '')
            sent[key] = text;
    }
    return sent;
}
function paramText(value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'number') {
        // Integral numbers without ".0" and never in exponent form; fractions as JS writes them.
        if (Number.isInteger(value))
            return BigInt(value).toString();
        // Only fractions below 1e-6 print with an exponent ("1e-7"); the API signs them written out.
        // split() gives at least one part.
        const [mantissa, exponent] = String(value).split('e');
        if (exponent === undefined)
            return mantissa;
        const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
        return `${mantissa.startsWith('-') ? '-' : ''}0.${'0'.repeat(-Number(exponent) - whole.length)}${whole}${fraction}`;
    }
    return String(value);
}

;// CONCATENATED MODULE: ./src/udts/client.ts











/** Connections kept to the API; the waiter never has more requests in flight than this. */
const MAX_SOCKETS = 8;
/**
 * Builds the client. Parameters and signature travel in the form body of a POST, never in the URL,
 * where they would end up in proxy and access logs. Both calls share one agent, made by http-client
 * as it would make its own: keep-alive (connections and TLS sessions reused, not a handshake per
 * poll), or its proxy tunnel when HTTPS_PROXY/HTTP_PROXY apply and NO_PROXY does not.
 */
function createUdtsClient(config) {
    const apiUrl = new URL(config.apiUrl);
    // Stryker disable next-line ArrayDeclaration: this client only makes the agent; request handlers play no part in that
    const agent = new lib/* HttpClient */.Qq(config.userAgent, [], { keepAlive: true, maxSockets: MAX_SOCKETS }).getAgent(apiUrl.href);
    const route = proxyRoute(apiUrl);
    const call = async (action, taskId, { signal, timeoutMs }) => {
        const endpoint = new URL(apiUrl);
        endpoint.searchParams.set('Action', action);
        const params = {
            Action: action,
            PublicKey: config.publicKey,
            ProjectId: config.projectId,
            TaskId: taskId,
            Type: config.type,
        };
        const sent = sentParams(params);
        config.debug?.(`POST ${endpoint.href} ${JSON.stringify(sent)}`);
        const signature = sign(params, config.privateKey);
        const clean = signatureRemover(signature, config.privateKey);
        const form = new URLSearchParams({ ...sent, Signature: signature });
        const abort = (0,udts_abort/* linkAbort */.H)(signal, timeoutMs);
        const client = new lib/* HttpClient */.Qq(config.userAgent, [nodeRequestOptions(abort.signal, agent)], {
            allowRedirects: false,
            socketTimeout: Math.max(1, timeoutMs),
        });
        try {
            const response = await (0,udts_abort/* untilAborted */.E)(client.post(endpoint.href, form.toString(), {
                'content-type': 'application/x-www-form-urlencoded',
                accept: 'application/json',
            }), abort.signal);
            const { message } = response;
            const status = message.statusCode ?? 0;
            if (status === 407) {
                message.destroy();
                throw new errors/* UdtsError */.JA(proxyRefusal(407, route, false, apiUrl).text, { kind: 'fatal' });
            }
            // No untilAborted here: aborting the request destroys the answer's stream, and readBody settles on that.
            const body = await readBody(message, message.headers, action === udts_status/* STATUS_ACTION */.g8 ? STATUS_CAP_BYTES : undefined);
            const requestId = headerText(message.headers['x-ucloud-request-uuid']);
            return readAnswer({ action, status, body, requestId, clean });
        }
        catch (error) {
            if (signal.aborted)
                throw signal.reason;
            if (error instanceof errors/* UdtsError */.JA)
                throw error;
            if (abort.timedOut()) {
                throw new errors/* UdtsError */.JA(`no answer within ${(0,duration/* formatDuration */.a)(timeoutMs)}`, { kind: 'transient', timedOut: true });
            }
            const refusedWith = connectStatus(error);
            const failure = refusedWith === undefined
                ? (0,errors/* networkFailure */.rd)(error, config.apiUrl, route)
                : proxyRefusal(refusedWith, route, true, apiUrl);
            throw new errors/* UdtsError */.JA(clean(failure.text), { kind: failure.kind });
        }
        finally {
            abort.dispose();
        }
    };
    return {
        status: async (taskId, options) => (0,udts_status/* readingFromData */.Zp)(await call(udts_status/* STATUS_ACTION */.g8, taskId, options)),
        // The wall clock, not a monotonic one: it is compared with the service's own times.
        history: async (taskId, options) => historyFromData(await call(HISTORY_ACTION, taskId, options), Date.now(), (why) => config.debug?.(`${HISTORY_ACTION} ${taskId}: ${why}`)),
    };
}
function headerText(value) {
    return Array.isArray(value) ? value[0] : value;
}
/**
 * A request handler that adjusts what http-client hands to node:http: our abort signal, so an abort
 * tears the socket down; the run's one agent; and an IPv6 host without its URL brackets
 * ("[::1]" -> "::1"), which http-client passes on as the URL writes it and node:http cannot resolve.
 */
function nodeRequestOptions(signal, agent) {
    return {
        prepareRequest: (options) => {
            options.signal = signal;
            options.agent = agent;
            // Stryker disable next-line OptionalChaining: http-client always sets host (the URL's hostname)
            if (options.host?.startsWith('['))
                options.host = options.host.slice(1, -1);
        },
        // Stryker disable next-line ArrowFunction: undefined says no as false does
        canHandleAuthentication: () => false,
        // Stryker disable next-line all: never called, since canHandleAuthentication says no
        handleAuthentication: () => Promise.reject(new Error('not supported')),
    };
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/version.ts

/** The release, as package.json states it (a test keeps the two equal); sent in the User-Agent. */
const VERSION = '1.0.0';
/** "udts-wait/1.0.0 (action; node v24.1.0)": names us to the API and its operators. */
function userAgent(frontDoor) {
    return `udts-wait/${VERSION} (${frontDoor}; node ${process.version})`;
}
/**
 * How the user started this program, for its --help: the name it was run as from the PATH
 * (`udts-wait`, `udts-wait-emulator`: npm's link keeps the bin name in argv[1]), else `node FILE` when
 * a script was run by path (`node dist/cli.js`), the file relative to `cwd` when it lies below it.
 */
function commandName(script, bin, cwd = process.cwd()) {
    if (!script)
        return bin;
    if (!/\.[cm]?js$/.test(basename(script)))
        return basename(script);
    const below = relative(cwd, script);
    return `node ${below && !below.startsWith('..') && !isAbsolute(below) ? below : script}`;
}

// EXTERNAL MODULE: ./src/wait/service-history.ts
var service_history = __webpack_require__(9195);
// EXTERNAL MODULE: ./src/wait/waiter.ts
var waiter = __webpack_require__(107);
;// CONCATENATED MODULE: ./src/core/gate.ts
/**
 * The one core both front doors call: turn the raw inputs into settings, connect to the API, wait,
 * and hand the record to the front door's sink. The action and the CLI differ only in how they read
 * their inputs and in the sink they pass (outputs, summary and annotations; or a terminal).
 */









/**
 * Reads the settings, waits and publishes. Bad input is published as such and nothing is sent; any
 * other error is a bug and propagates to the front door.
 */
async function runGate(raw, world, sink) {
    // Mask the secrets before anything can print them, wherever they came from.
    for (const key of [raw['private-key'], world.env[ENV_FALLBACKS['private-key'] ?? ''], raw['github-token']]) {
        if (key?.trim())
            sink.secret(key.trim());
    }
    let settings;
    try {
        settings = parseSettings(raw, world.env);
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        await sink.publishSetupError(error);
        return { kind: 'input-error', error };
    }
    const api = world.connect({ ...settings, userAgent: userAgent(sink.frontDoor), debug: sink.debug });
    const what = settings.taskIds.length === 1 ? `task ${settings.taskIds[0]}` : `${settings.taskIds.length} tasks`;
    sink.lines.info(settings.wait
        ? `Waiting for UDTS ${what} (timeout ${(0,duration/* formatDuration */.a)(settings.timeoutMs)}, polling at most every ${(0,duration/* formatDuration */.a)(settings.intervalMs)}).`
        : `Checking UDTS ${what} once (wait: false).`);
    const overLimit = jobLimitWarning(settings, world.env);
    if (overLimit)
        sink.lines.warning(overLimit);
    const startedAt = world.clock.now();
    const observers = [lineObserver(sink.lines, world.clock.now, startedAt), await sink.watch?.(settings)];
    const result = await (0,waiter/* waitForTasks */.th)(settings, { fetchStatus: api.status, clock: world.clock, signal: world.signal, observers });
    const history = await serviceHistory(result, settings, api, world, sink, (0,run_end/* historyBudgetMs */.ir)(settings.timeoutMs, world.clock.now() - startedAt));
    await sink.publish({ result, history }, settings);
    return { kind: 'waited', result, settings };
}
/** A GitHub-hosted runner stops a job after 6 hours, its other steps included; a self-hosted one allows far more. */
const HOSTED_JOB_LIMIT_MS = 6 * 3_600_000;
/**
 * The warning for a wait that cannot fit in its job: on a GitHub-hosted runner, a wait whose timeout
 * reaches the job limit would be killed before it ends (the job's other steps and the end of the run
 * need time too), losing the record. Elsewhere, none.
 */
function jobLimitWarning(settings, env) {
    if (env.RUNNER_ENVIRONMENT !== 'github-hosted' || !settings.wait || settings.timeoutMs < HOSTED_JOB_LIMIT_MS)
        return undefined;
    return `timeout ${(0,duration/* formatDuration */.a)(settings.timeoutMs)} does not fit in the 6h a job may run on a GitHub-hosted runner: ` +
        'the job would be stopped before the wait ends, and what the wait found lost. For a longer migration, check on a ' +
        'schedule or chain jobs: https://github.com/udts-wait/udts-wait/blob/main/docs/long-migrations.md';
}
/** The service's history of each task, unless turned off or cancelled; a failing call is a warning. */
async function serviceHistory(result, settings, api, world, sink, budgetMs) {
    if (!settings.history || result.outcome === 'cancelled')
        return service_history/* NO_HISTORY */.V;
    const history = await (0,service_history/* fetchServiceHistory */.g)(result.tasks, api.history, { budgetMs, clock: world.clock, signal: world.signal });
    if (history.unsupported)
        sink.debug?.('GetUDTSTaskHistory is not offered by this endpoint (RetCode 161): history turned off.');
    for (const { taskId, error } of history.failures)
        sink.lines.warning((0,message/* historyWarning */.JC)(taskId, error));
    return history;
}
/** The real API: signed requests over HTTP. */
const connectToApi = createUdtsClient;

// EXTERNAL MODULE: ./src/report/sanitize.ts
var sanitize = __webpack_require__(1211);
;// CONCATENATED MODULE: ./src/report/outputs.ts



/** The action's outputs, in action.yml order. The CLI's --json prints the same facts. */
const OUTPUT_NAMES = [
    'result', 'status', 'percentage', 'cur-count', 'total-count', 'cur-duration', 'total-duration',
    'failed-message', 'cur-retry-count', 'max-retry-count', 'binlog-name', 'binlog-pos', 'binlog-gtid',
    'redis-offset-size', 'redis-delay-time', 'mongo-delay-time', 'elapsed', 'polls', 'tasks',
    'failed-tasks', 'pending-tasks',
];
// Output name → the Reading field it carries, for the per-reading outputs.
const READING_OUTPUTS = [
    ['status', 'status'], ['percentage', 'percentage'], ['cur-count', 'curCount'], ['total-count', 'totalCount'],
    ['cur-duration', 'curDuration'], ['total-duration', 'totalDuration'], ['failed-message', 'failedMessage'],
    ['cur-retry-count', 'curRetryCount'], ['max-retry-count', 'maxRetryCount'], ['binlog-name', 'binlogName'],
    ['binlog-pos', 'binlogPos'], ['binlog-gtid', 'binlogGtid'], ['redis-offset-size', 'redisOffsetSize'],
    ['redis-delay-time', 'redisDelayTime'], ['mongo-delay-time', 'mongoDelayTime'],
];
/**
 * Every output as a string, from the last readings: the scalar ones describe the deciding task;
 * '' where the API gave nothing; the sink sanitises each as it writes it. `status` is the state's canonical
 * name when the API's text is a known state in any case or spacing.
 */
function toOutputs(result) {
    const deciding = result.tasks.find((t) => t.taskId === result.decidingTaskId);
    const reading = deciding?.reading ?? {};
    const outputs = blankOutputs();
    for (const [name, field] of READING_OUTPUTS) {
        const value = reading[field];
        outputs[name] = value === undefined ? '' : String(value);
    }
    if (reading.status !== undefined)
        outputs.status = (0,udts_status/* canonicalStatus */.xX)(reading.status) ?? outputs.status;
    outputs.result = result.outcome;
    outputs.elapsed = String(Math.round(result.elapsedMs / 1_000));
    outputs.polls = String(result.polls);
    const tasks = result.tasks.map(taskOutput);
    outputs.tasks = tasksJson(tasks, sanitize/* LIMITS */.b1.outputChars);
    const lists = taskLists(tasks);
    outputs['failed-tasks'] = (0,src_text/* capText */.yA)(lists.failed.join(','), sanitize/* LIMITS */.b1.outputChars);
    outputs['pending-tasks'] = (0,src_text/* capText */.yA)(lists.pending.join(','), sanitize/* LIMITS */.b1.outputChars);
    return outputs;
}
/**
 * The task ids by how each ended, in input order: `failed` (verdict failure or error) and `pending`
 * (not finished: a timeout, a cancel, `wait: false`, or still running when another task failed first).
 */
function taskLists(tasks) {
    return {
        failed: tasks.filter((t) => t.verdict === 'failure' || t.verdict === 'error').map((t) => t.taskId),
        pending: tasks.filter((t) => t.verdict === 'pending').map((t) => t.taskId),
    };
}
/** The outputs of a run that never started waiting (bad input): `result` is `error`, the rest empty. */
function setupErrorOutputs() {
    return { ...blankOutputs(), result: 'error' };
}
/** Every output, each ''. */
function blankOutputs() {
    return Object.fromEntries(OUTPUT_NAMES.map((name) => [name, '']));
}
/** The task as the `tasks` output (and the CLI's JSON) shows it. */
function taskOutput(task) {
    return {
        taskId: task.taskId,
        // A fatal error (a wrong key, an unknown task) ended this task's wait, whatever its last reading said.
        verdict: task.lastError?.kind === 'fatal' ? 'error' : task.judgement?.verdict ?? 'pending',
        polls: task.polls,
        ...task.reading,
        ...(task.lastError ? { error: task.lastError.message } : {}),
    };
}
/**
 * The tasks as a JSON array within `maxChars`, always valid JSON: strings from the API are cut
 * shorter and shorter until it fits; failing that, each task keeps only its id, verdict and status;
 * failing that, the tail of the list gives way to one `{ "omittedTasks": N }` marker.
 */
function tasksJson(tasks, maxChars) {
    for (let stringChars = sanitize/* LIMITS */.b1.longFieldChars; stringChars >= 64; stringChars = Math.floor(stringChars / 4)) {
        const json = (0,sanitize/* safeJson */.oi)(tasks.map((task) => capStrings(task, stringChars)));
        if (json.length <= maxChars)
            return json;
    }
    const brief = tasks.map(({ taskId, verdict, status }) => capStrings({ taskId, verdict, ...(status === undefined ? {} : { status }) }, 64));
    for (let kept = brief.length; kept >= 0; kept -= Math.max(1, Math.ceil(kept / 8))) {
        const shown = kept === brief.length ? brief : [...brief.slice(0, kept), { omittedTasks: brief.length - kept }];
        const json = (0,sanitize/* safeJson */.oi)(shown);
        if (json.length <= maxChars)
            return json;
    }
    return (0,sanitize/* safeJson */.oi)([{ omittedTasks: brief.length }]);
}
/** The object with each string field cut to `maxChars` (with capText's marker). */
function capStrings(value, maxChars) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, typeof field === 'string' ? (0,src_text/* capText */.yA)(field, maxChars) : field]));
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/action/sink.ts








/**
 * The action's sink, and the one place the action sanitises what it writes (the check run aside):
 * each log line, annotation and output as it is written; the summary is Markdown whose outside text
 * was escaped cell by cell as it was rendered. Progress goes to the log, warnings become annotations;
 * the record is every output, the job summary, an annotation and the step's failure where the
 * outcome calls for one.
 * Each part is written on its own: an unwritable GITHUB_OUTPUT still leaves the summary and the
 * annotations, and fails the step with one error that names the file and the reason.
 */
function actionSink(world) {
    let checkRun;
    const info = (line) => core/* info */.pq((0,sanitize/* sanitizeText */.jZ)(line));
    const warn = (line) => core/* warning */.$e(annotationText(line));
    const debug = core/* isDebug */._o() ? (line) => core/* debug */.Yz((0,sanitize/* sanitizeText */.jZ)(line)) : undefined;
    return {
        frontDoor: 'action',
        secret: (value) => core/* setSecret */.Pq(value),
        lines: {
            info,
            warning: warn,
            notice: (line) => core/* notice */.lm(annotationText(line)),
        },
        debug,
        watch: async (options) => {
            if (!options.checkRun)
                return undefined;
            const { name, token } = options.checkRun;
            if (token === '') {
                warn(`check-name '${name}': no github-token (a secret not given to this run?), so no check run; the gate goes on without it.`);
                return undefined;
            }
            try {
                // Loaded only now, with @actions/github: a run without a check run never pays for either.
                const { startCheckRun } = await __webpack_require__.e(/* import() */ 186).then(__webpack_require__.bind(__webpack_require__, 1186));
                checkRun = await startCheckRun({ name, token, taskIds: options.taskIds, env: world.env, userAgent: userAgent('action'), warn, info, debug });
                return checkRun.observer;
            }
            catch (error) {
                // The check run only shows the wait; it never stops it.
                warn(`check-name '${name}': no check run (${(0,message/* errorText */.kc)(error)}); the gate goes on without it.`);
                return undefined;
            }
        },
        publish: async (record, options) => {
            const { result, history } = record;
            await publishRecord(toOutputs(result), (0,summary/* renderSummary */.Br)(result, history), () => announce((0,message/* resultMessage */.FV)(result, history), result, options));
            // Last, and bounded: the network may fail or hang; the record above is already written. A
            // cancel that comes meanwhile shortens it.
            await checkRun?.complete(record, (0,run_end/* checkRunBudget */.pE)(result.outcome), { signal: world.signal, budget: (0,run_end/* checkRunBudget */.pE)('cancelled') });
        },
        publishSetupError: (error) => {
            const message = annotationText(error.message);
            return publishRecord(setupErrorOutputs(), (0,summary/* renderSetupErrorSummary */.e6)(message), () => core/* setFailed */.C1(message));
        },
    };
}
async function publishRecord(outputs, summary, verdict) {
    const outputProblem = writeOutputs(outputs);
    await writeSummary(summary);
    verdict();
    if (outputProblem)
        core/* setFailed */.C1(outputProblem);
}
/** Writes every output; the first failure stops (the file is broken) and is returned as a message. */
function writeOutputs(outputs) {
    try {
        for (const name of OUTPUT_NAMES)
            core/* setOutput */.uH(name, (0,sanitize/* sanitizeText */.jZ)(outputs[name], sanitize/* LIMITS */.b1.outputChars));
        return undefined;
    }
    catch (error) {
        const file = process.env.GITHUB_OUTPUT ?? '(unset)';
        return annotationText(`Could not write the step's outputs to GITHUB_OUTPUT (${file}): ${(0,message/* errorText */.kc)(error)}`);
    }
}
async function writeSummary(markdown) {
    // Outside a runner (a local run) there is no summary file: nothing to write.
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await core/* summary */.z.addRaw(markdown).write();
    }
    catch (error) {
        core/* summary */.z.emptyBuffer();
        core/* warning */.$e(annotationText(`Could not write the job summary to GITHUB_STEP_SUMMARY (${process.env.GITHUB_STEP_SUMMARY}): ${(0,message/* errorText */.kc)(error)}`));
    }
}
/** The annotation and the step's end that the outcome calls for. */
function announce(text, result, options) {
    const message = annotationText(text);
    switch (result.outcome) {
        case 'success': {
            const which = result.tasks.length === 1 ? result.decidingTaskId : `${result.tasks.length} UDTS tasks`;
            // The time is the gate's, not the task's: a task found finished at the first poll passes after a few ms.
            core/* notice */.lm(message, { title: `${which} passed the gate after ${(0,duration/* formatDuration */.a)(result.elapsedMs)}` });
            break;
        }
        case 'pending':
            core/* info */.pq(message);
            break;
        case 'timeout':
            if (options.failOnTimeout)
                core/* setFailed */.C1(message);
            else
                core/* warning */.$e(message, { title: 'UDTS wait timed out (fail-on-timeout: false)' });
            break;
        default:
            core/* setFailed */.C1(message);
    }
}
/** Text for an annotation (or a line beside one), bounded so that core's escaping keeps it under a log line's limit. */
function annotationText(text) {
    return (0,sanitize/* sanitizeText */.jZ)(text, sanitize/* LIMITS */.b1.annotationChars);
}

;// CONCATENATED MODULE: ./src/action/main.ts




/**
 * The action: read the inputs, then the one core does the rest through the action's sink. The one
 * place that turns any unexpected error into a failed step (with its message, never a stack).
 */
async function run(world) {
    const sink = actionSink({ env: world.env, signal: world.signal });
    try {
        const raw = {};
        for (const input of INPUTS)
            raw[input.name] = core/* getInput */.V4(input.name);
        await runGate(raw, world, sink);
    }
    catch (error) {
        await sink.publishSetupError(error instanceof Error ? error : new Error(String(error)));
    }
}

// EXTERNAL MODULE: ./src/core/process.ts
var core_process = __webpack_require__(9978);
// EXTERNAL MODULE: ./src/wait/clock.ts
var clock = __webpack_require__(4951);
;// CONCATENATED MODULE: ./src/action/start.ts
/**
 * The action once its entry (index.ts) listens for the runner's cancel: wires the real world into
 * run(): the system clock, the process environment, real HTTP, and that cancel signal.
 */






/** Runs the action to its end; `signal` is aborted on the runner's cancel. */
async function start(signal) {
    // The last resort for a bug that escapes run(): one error annotation with its message, never a
    // stack or a dump of the bundle's source.
    for (const event of ['uncaughtException', 'unhandledRejection']) {
        process.on(event, (error) => {
            core/* setFailed */.C1((0,sanitize/* sanitizeText */.jZ)(`udts-wait: unexpected error: ${error instanceof Error ? error.message : String(error)}`));
            process.exit();
        });
    }
    await run({ clock: clock/* systemClock */.m, signal, env: process.env, connect: connectToApi });
    // The record is published: leave, even if a socket or timer lingers; the exit code is what was
    // published (after a cancel, a failure unless the run had already succeeded when the signal came).
    (0,core_process/* exitWhenFlushed */.KE)();
}


/***/ }),

/***/ 7607:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
/**
 * The one duration parser: "90" (seconds), "1500ms", "15s", "5m", "2h", compounds such as "1h30m",
 * and every duration formatDuration prints ("1h 30m", "2m 5s"). Returns milliseconds, or undefined
 * when the text is not a duration; callers turn that into an error that names their input.
 */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
// Units must come from largest to smallest, each at most once ("1h30m", not "30m1h" nor "1m1m").
const UNIT_ORDER = ['h', 'm', 's', 'ms'];
// A number and its unit; parts may be separated by white space, as formatDuration writes them.
const PART = /\s*(\d+(?:\.\d+)?)(ms|h|m|s)/y;
function parseDuration(text) {
    const trimmed = text.trim().toLowerCase();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return toSafeMs(Number(trimmed) * 1_000);
    let totalMs = 0;
    let lastUnitIndex = -1;
    PART.lastIndex = 0;
    while (PART.lastIndex < trimmed.length) {
        const match = PART.exec(trimmed);
        if (!match)
            return undefined;
        const [, amount, unit] = match;
        const unitIndex = UNIT_ORDER.indexOf(unit);
        if (unitIndex <= lastUnitIndex)
            return undefined;
        lastUnitIndex = unitIndex;
        totalMs += Number(amount) * (UNIT_MS[unit] ?? Number.NaN);
    }
    return lastUnitIndex === -1 ? undefined : toSafeMs(totalMs);
}
function toSafeMs(ms) {
    // Sub-millisecond remainders are dropped; absurd values (beyond a safe integer) are not durations.
    const rounded = Math.round(ms);
    return Number.isSafeInteger(rounded) ? rounded : undefined;
}
/** "1h 2m 3s" style text for logs and the summary; whole seconds, or ms below one second. */
function formatDuration(ms) {
    if (ms < 1_000)
        return `${Math.max(0, Math.round(ms))}ms`;
    let seconds = Math.round(ms / 1_000);
    const hours = Math.floor(seconds / 3_600);
    seconds -= hours * 3_600;
    const minutes = Math.floor(seconds / 60);
    seconds -= minutes * 60;
    const parts = [];
    if (hours)
        parts.push(`${hours}h`);
    if (minutes)
        parts.push(`${minutes}m`);
    if (seconds || parts.length === 0)
        parts.push(`${seconds}s`);
    return parts.join(' ');
}


/***/ }),

/***/ 313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YB: () => (/* binding */ describeReading),
/* harmony export */   gM: () => (/* binding */ formatCounts),
/* harmony export */   l9: () => (/* binding */ formatPercent),
/* harmony export */   wo: () => (/* binding */ timeLeftText)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _udts_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5992);


/**
 * "1,250,000": digits grouped by threes. Not Intl.NumberFormat: loading its ICU data costs about
 * 7.5 MiB of memory on every run, for commas.
 */
function groupDigits(value) {
    const [whole = '', fraction] = String(value).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
    return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
/**
 * "Loading 47.5%, 4,750/10,000, about 2m left, lag 3s": a reading in one short phrase for logs. The
 * time left only while the task is still running: a failed task's stale estimate would mislead.
 */
function describeReading(task) {
    const r = task.reading;
    if (r === undefined)
        return 'no reading yet';
    const parts = [r.status ?? '(no status)'];
    if (r.percentage !== undefined)
        parts[0] += ` ${formatPercent(r.percentage)}`;
    const counts = formatCounts(r);
    if (counts)
        parts.push(counts);
    const left = timeLeftText(task);
    if (left !== undefined)
        parts.push(`${left} left`);
    const lag = (0,_udts_status_js__WEBPACK_IMPORTED_MODULE_1__/* .lagSeconds */ .ID)(r);
    if (lag !== undefined)
        parts.push(`lag ${lag}s`);
    if (r.binlogName !== undefined)
        parts.push(`binlog ${r.binlogName}:${r.binlogPos ?? '?'}`);
    return parts.join(', ');
}
// An estimate of more than a year is no estimate (an API sending 1e308 would read "about 2.8e+304h").
const PLAUSIBLE_LEFT_SECONDS = 365 * 24 * 3_600;
/**
 * "about 2m": the time left by the service's estimate, while the task is still running and the
 * estimate is a plausible one; undefined otherwise.
 */
function timeLeftText(task) {
    const left = task.reading ? (0,_udts_status_js__WEBPACK_IMPORTED_MODULE_1__/* .remainingSeconds */ .uo)(task.reading) : undefined;
    // Only while the task has no verdict does the service's estimate of time left mean anything.
    if ((task.judgement?.verdict ?? 'pending') !== 'pending' || left === undefined || left <= 0 || left > PLAUSIBLE_LEFT_SECONDS)
        return undefined;
    return `about ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(left * 1_000)}`;
}
function formatPercent(percentage) {
    return `${Math.round(percentage * 10) / 10}%`;
}
function formatCounts(r) {
    if (r.curCount === undefined && r.totalCount === undefined)
        return undefined;
    const cur = r.curCount === undefined ? '?' : groupDigits(r.curCount);
    const total = r.totalCount === undefined ? '?' : groupDigits(r.totalCount);
    return `${cur}/${total}`;
}


/***/ }),

/***/ 4285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ escapeText),
/* harmony export */   k: () => (/* binding */ escapeCell)
/* harmony export */ });
/* harmony import */ var _sanitize_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1211);

/**
 * Text from the API or the user on one Markdown line: sanitised (line breaks and controls as visible
 * escapes, so nothing ends the line or the callout early), no HTML (a stray `<details>` would fold the
 * rest of the summary away), and no Markdown emphasis, links or code (a `*` or `[x](y)` in a
 * FailedMessage is text, shown as sent).
 */
function escapeText(text, maxChars = _sanitize_js__WEBPACK_IMPORTED_MODULE_0__/* .LIMITS */ .b1.shortFieldChars) {
    return (0,_sanitize_js__WEBPACK_IMPORTED_MODULE_0__/* .sanitizeText */ .jZ)(text, maxChars)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]~]/g, '\\$&');
}
/** The same inside a table cell, where a pipe would also end the cell. */
function escapeCell(text, maxChars) {
    return escapeText(text, maxChars).replace(/\|/g, '\\|');
}


/***/ }),

/***/ 3061:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ resultMessage),
/* harmony export */   JC: () => (/* binding */ historyWarning),
/* harmony export */   ZW: () => (/* binding */ liveSyncHint),
/* harmony export */   kc: () => (/* binding */ errorText)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _wait_outcome_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7389);
/* harmony import */ var _udts_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5992);
/* harmony import */ var _wait_service_history_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9195);
/* harmony import */ var _describe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(313);
/* harmony import */ var _timeline_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1935);






/**
 * One line saying how the wait ended, for the log, setFailed, the CLI and the summary. It quotes the
 * API (a FailedMessage, an error's Message) as read, bounded; the sink that writes it sanitises it.
 */
function resultMessage(result, history = _wait_service_history_js__WEBPACK_IMPORTED_MODULE_2__/* .NO_HISTORY */ .V) {
    const { tasks } = result;
    const waitedFor = (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(result.elapsedMs);
    const deciding = tasks.find((t) => t.taskId === result.decidingTaskId);
    switch (result.outcome) {
        case 'cancelled': {
            const more = (0,_wait_outcome_js__WEBPACK_IMPORTED_MODULE_5__/* .waitingTasks */ .sY)(tasks).length > 1 ? ` and ${(0,_wait_outcome_js__WEBPACK_IMPORTED_MODULE_5__/* .waitingTasks */ .sY)(tasks).length - 1} more` : '';
            return `Cancelled after ${waitedFor}${deciding ? ` waiting for ${deciding.taskId}${more}` : ''}${lastSeen(deciding)}.`;
        }
        case 'error': {
            const waited = result.appearWaitedMs === undefined ? '' : `. The task did not appear in ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(result.appearWaitedMs)} of waiting (appear-timeout).`;
            return `Task ${result.decidingTaskId}: ${result.error?.message ?? 'unknown error'}${waited}`;
        }
        case 'failure': {
            const each = (0,_wait_outcome_js__WEBPACK_IMPORTED_MODULE_5__/* .failedTasks */ .Ox)(tasks).map((t) => `${t.taskId} is ${t.judgement?.why}${whenItFailed(t, history)}`);
            return each.length === 1 ? `Task ${each[0]}.` : `${each.length} tasks failed: ${each.join('; ')}.`;
        }
        case 'success': {
            const names = tasks.length === 1 ? `Task ${deciding?.taskId} is` : `All ${tasks.length} tasks are`;
            return `${names} ${tasks.length === 1 ? deciding?.judgement?.why : 'finished'} (${waitedFor}).`;
        }
        case 'pending':
            return `Still running: ${(0,_wait_outcome_js__WEBPACK_IMPORTED_MODULE_5__/* .waitingTasks */ .sY)(tasks).map((t) => `${t.taskId} (${(0,_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .describeReading */ .YB)(t)})`).join(', ')}.`;
        case 'timeout': {
            const waiting = (0,_wait_outcome_js__WEBPACK_IMPORTED_MODULE_5__/* .waitingTasks */ .sY)(tasks);
            const lastError = deciding?.lastError ? `; last error: ${deciding.lastError.message}` : '';
            const more = waiting.length > 1 ? ` and ${waiting.length - 1} more` : '';
            const hint = deciding?.judgement?.note === 'live-sync' ? ` ${liveSyncHint()}` : '';
            return `Timed out after ${waitedFor} waiting for ${deciding?.taskId}${more}${lastSeen(deciding)}${lastError}.${hint}`;
        }
    }
}
/**
 * " (the service marked it Failed at 12:03:04 UTC, after 2 retries: RetryPending at 11:50:00,
 * 11:58:00 UTC)": from the service's history, when the task failed and the retries before it.
 */
function whenItFailed(task, history) {
    const entries = history.byTask.get(task.taskId);
    const failedState = (0,_udts_status_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalStatus */ .xX)(task.reading?.status ?? '');
    const failed = entries?.findLast((entry) => (0,_udts_status_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalStatus */ .xX)(entry.state) === failedState);
    if (!entries || !failed || !failedState)
        return '';
    const retries = entries.filter((entry) => (0,_udts_status_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalStatus */ .xX)(entry.state) === 'RetryPending' && entry.at < failed.at);
    const shown = retries.slice(-MAX_RETRIES_NAMED).map((entry) => (0,_timeline_js__WEBPACK_IMPORTED_MODULE_4__/* .utcTime */ .SK)(entry.at, failed.at));
    const earlier = retries.length > shown.length ? `${retries.length - shown.length} earlier, ` : '';
    const retryText = retries.length === 0 ? '' : `, after ${retries.length} ${retries.length === 1 ? 'retry' : 'retries'}: RetryPending at ${earlier}${shown.join(', ')} UTC`;
    return ` (the service marked it ${failedState} at ${(0,_timeline_js__WEBPACK_IMPORTED_MODULE_4__/* .utcTime */ .SK)(failed.at, failed.at)} UTC${retryText})`;
}
// Retry times a failure message names at most; the summary's timeline has them all.
const MAX_RETRIES_NAMED = 5;
function lastSeen(task) {
    return task?.reading ? `; last status ${(0,_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .describeReading */ .YB)(task)}` : '';
}
/** What to set when a live sync will never reach the success states (said once, and on a timeout). */
function liveSyncHint() {
    return 'This task keeps syncing (incremental, or full + incremental) and will not reach Done: to gate on it, set success-states: Synced, with max-lag (the most lag in seconds to accept) and stable-polls (readings in a row).';
}
/** A history call that failed: the record goes on without it. */
function historyWarning(taskId, error) {
    return `${taskId}: could not read the service's history of this task (GetUDTSTaskHistory): ${error.message}; the timeline shows what this run saw.`;
}
/** An error's own message, never its stack (a stack of the bundle is noise). */
function errorText(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 1211:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b1: () => (/* binding */ LIMITS),
/* harmony export */   jZ: () => (/* binding */ sanitizeText),
/* harmony export */   oi: () => (/* binding */ safeJson)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
/**
 * The one boundary for text from outside (the API, a proxy, the network, GitHub): it passes here
 * before any log line, annotation, summary, output or terminal sees it.
 *
 * The runner obeys a line as a workflow command when, after leading white space (.NET TrimStart), it
 * starts with `::`, and the legacy form `##[name]data` anywhere in a line (actions/runner,
 * ActionCommandManager.TryProcessCommand). Its matching is culture-sensitive (string.StartsWith and
 * IndexOf with ICU), which skips "ignorable" characters: `#\u00AD#[` can still read as `##[`. So:
 * - every character that can end a line, move a terminal's cursor or colour it, hide between two
 *   others, or reorder text (controls, format characters, line and paragraph separators, lone
 *   surrogates, other default-ignorables) becomes a visible escape (`\n`, `\x1b`, `\u200b`);
 * - `::` at the start and `##[` anywhere are defused by escaping one of their characters;
 * - the result is capped, and a cut ends with a visible marker.
 * The function is idempotent, so text that passed once may pass again (a sink re-checks whole lines).
 */

/** GitHub's limits, with room for the other steps of a job. */
const LIMITS = {
    /** A log line. */
    lineChars: 64 * 1024,
    /** An annotation's text: @actions/core writes each % as %25, so on its line it may triple. */
    annotationChars: 16 * 1024,
    /** One output (GitHub counts outputs in UTF-16 code units, as String.length does). */
    outputChars: 64 * 1024,
    /** The job summary, in UTF-8 bytes as GitHub counts it (it refuses one over 1 MiB, and loses it whole). */
    summaryBytes: 512 * 1024,
    /** A short field wherever it is shown: a status, a binlog file name. */
    shortFieldChars: _text_js__WEBPACK_IMPORTED_MODULE_0__/* .SHORT_FIELD_CHARS */ .Q$,
    /** A long field: a FailedMessage, a GTID set, an error message quoting the API. */
    longFieldChars: _text_js__WEBPACK_IMPORTED_MODULE_0__/* .LONG_FIELD_CHARS */ .yb,
};
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;
const NAMED_ESCAPES = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
// Marks and the Arabic tatweel: ICU's comparison may skip them too, so they may sit inside `##[` or `::`.
const SKIPPED = '[\\p{M}\\u0640]*';
// .NET's TrimStart: Unicode white space, NEL included (JavaScript's \s lacks it).
const LEADING_COMMAND = new RegExp(`^([\\s\\u0085]*${SKIPPED}):(?=${SKIPPED}:)`, 'u');
const LEGACY_COMMAND = new RegExp(`#(${SKIPPED})#(${SKIPPED})\\[`, 'gu');
/** Outside text made safe for one line: escaped, defused and at most `maxChars` long. */
function sanitizeText(text, maxChars = LIMITS.lineChars) {
    const escaped = text
        .replace(UNSAFE, visibleEscape)
        .replace(LEGACY_COMMAND, '#$1\\x23$2[')
        .replace(LEADING_COMMAND, '$1\\x3a');
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .capText */ .yA)(escaped, maxChars);
}
/**
 * A value as JSON on one line, with JSON's own escapes for what could end or hide in a line (so the
 * value reads back unchanged) and `##[` written `#\u0023[`. A lone surrogate, which JSON.stringify
 * would write as a lone `\uXXXX` that stricter readers (jq) refuse, becomes U+FFFD: the JSON is
 * well-formed Unicode. The caller bounds its size.
 */
function safeJson(value) {
    return JSON.stringify(value, (_key, field) => (typeof field === 'string' ? field.toWellFormed() : field))
        .replace(UNSAFE, jsonEscape)
        .replace(LEGACY_COMMAND, '#$1\\u0023$2[');
}
/** `\uXXXX` for each UTF-16 unit of the character, as JSON writes any character. */
function jsonEscape(char) {
    return Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
}
function visibleEscape(char) {
    const named = NAMED_ESCAPES[char];
    if (named !== undefined)
        return named;
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0xff)
        return `\\x${code.toString(16).padStart(2, '0')}`;
    return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}


/***/ }),

/***/ 7994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ renderSummary),
/* harmony export */   NK: () => (/* binding */ capSummary),
/* harmony export */   ZS: () => (/* binding */ HEADLINE),
/* harmony export */   e6: () => (/* binding */ renderSetupErrorSummary)
/* harmony export */ });
/* unused harmony export progressBar */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _udts_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5992);
/* harmony import */ var _wait_service_history_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9195);
/* harmony import */ var _describe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(313);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4285);
/* harmony import */ var _message_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3061);
/* harmony import */ var _sanitize_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1211);
/* harmony import */ var _timeline_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1935);








/** The summary's headline for each outcome (the check run's title too). */
const HEADLINE = {
    success: '✅ UDTS migration gate passed',
    failure: '❌ UDTS migration gate failed',
    timeout: '⏱️ UDTS migration gate timed out',
    cancelled: '🛑 UDTS migration gate cancelled',
    error: '⚠️ UDTS migration gate could not check the task',
    pending: '⏳ UDTS tasks still running',
};
/**
 * The job summary (GitHub-flavoured Markdown) for any outcome, within LIMITS.summaryBytes. Every
 * string from the API passes the sanitiser and the Markdown escape; long ones are cut shorter the
 * more tasks share the summary.
 */
function renderSummary(result, history = _wait_service_history_js__WEBPACK_IMPORTED_MODULE_2__/* .NO_HISTORY */ .V) {
    const longChars = Math.max(_sanitize_js__WEBPACK_IMPORTED_MODULE_6__/* .LIMITS */ .b1.shortFieldChars, Math.min(_sanitize_js__WEBPACK_IMPORTED_MODULE_6__/* .LIMITS */ .b1.longFieldChars, Math.floor(_sanitize_js__WEBPACK_IMPORTED_MODULE_6__/* .LIMITS */ .b1.summaryBytes / 8 / 3 / Math.max(1, result.tasks.length))));
    const long = (text) => (0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeCell */ .k)(text, longChars);
    const lines = [`## ${HEADLINE[result.outcome]}`, '', (0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeText */ .X)((0,_message_js__WEBPACK_IMPORTED_MODULE_5__/* .resultMessage */ .FV)(result, history), _sanitize_js__WEBPACK_IMPORTED_MODULE_6__/* .LIMITS */ .b1.longFieldChars), ''];
    for (const task of result.tasks) {
        if (task.judgement?.verdict === 'failure' && task.reading?.failedMessage) {
            lines.push(`> [!CAUTION]`, `> **${task.taskId}** failed: ${long(task.reading.failedMessage)}`, '');
        }
    }
    if (result.outcome === 'error' && result.error) {
        lines.push('> [!WARNING]', `> ${long(result.error.message)}`, '');
    }
    if (result.outcome === 'timeout') {
        lines.push(`Waited **${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(result.elapsedMs)}**; the last reading of each task is below.`, '');
    }
    lines.push('| Task | Status | Progress | Rows | Elapsed | Remaining | Binlog | Lag | Service retries |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...result.tasks.map((task) => taskRow(task, long)), '', `${result.polls} status poll${result.polls === 1 ? '' : 's'} in ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(result.elapsedMs)}.`, '');
    lines.push(...(0,_timeline_js__WEBPACK_IMPORTED_MODULE_7__/* .timelineSection */ .RG)(result, history));
    return capSummary(lines.join('\n'));
}
function taskRow(task, long) {
    const r = task.reading ?? {};
    const cells = [
        `\`${task.taskId}\``,
        `${verdictIcon(task)} ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeCell */ .k)(r.status ?? '—')}`,
        r.percentage === undefined ? '—' : `${progressBar(r.percentage)} ${(0,_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPercent */ .l9)(r.percentage)}`,
        (0,_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCounts */ .gM)(r) ?? '—',
        r.curDuration === undefined ? '—' : (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(r.curDuration * 1_000),
        (0,_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .timeLeftText */ .wo)(task) ?? '—',
        r.binlogName === undefined ? '—' : `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeCell */ .k)(r.binlogName)}:${r.binlogPos ?? '?'}${r.binlogGtid ? ` (${long(r.binlogGtid)})` : ''}`,
        (0,_udts_status_js__WEBPACK_IMPORTED_MODULE_1__/* .lagSeconds */ .ID)(r) === undefined ? '—' : `${(0,_udts_status_js__WEBPACK_IMPORTED_MODULE_1__/* .lagSeconds */ .ID)(r)}s`,
        r.maxRetryCount ? `${r.curRetryCount ?? 0} of ${r.maxRetryCount}` : '—',
    ];
    return `| ${cells.join(' | ')} |`;
}
function verdictIcon(task) {
    if (task.judgement?.verdict === 'success')
        return '✅';
    if (task.judgement?.verdict === 'failure')
        return '❌';
    if (task.lastError)
        return '⚠️';
    return '⏳';
}
/** The job summary of a run that never started waiting (bad input): the error, as text. */
function renderSetupErrorSummary(message) {
    return `## ⚠️ UDTS migration gate could not start\n\n${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeText */ .X)(message, _sanitize_js__WEBPACK_IMPORTED_MODULE_6__/* .LIMITS */ .b1.longFieldChars)}\n`;
}
/**
 * The summary within `maxBytes` of UTF-8, as GitHub counts it, even when the parts added up past it
 * (a thousand tasks, or text in a script of three bytes a character): cut at a line, with a marker,
 * and the details block closed if the cut left it open. The check run cuts its copy shorter.
 */
function capSummary(markdown, maxBytes = _sanitize_js__WEBPACK_IMPORTED_MODULE_6__/* .LIMITS */ .b1.summaryBytes) {
    const bytes = Buffer.from(markdown, 'utf8');
    if (bytes.length <= maxBytes)
        return markdown;
    // Decoding a cut mid-character leaves a replacement character at the end: the cut at a line drops it.
    const head = bytes.subarray(0, maxBytes - 200).toString('utf8');
    const kept = head.slice(0, head.lastIndexOf('\n') + 1);
    const open = kept.split('<details>').length - kept.split('</details>').length;
    return `${kept}\n… [summary cut: ${markdown.length - kept.length} more characters]\n${open > 0 ? '\n</details>\n' : ''}`;
}
/** A ten-cell bar: ▓▓▓▓▓░░░░░ for 50%. */
function progressBar(percentage) {
    const filled = Math.max(0, Math.min(10, Math.round(percentage / 10)));
    return '▓'.repeat(filled) + '░'.repeat(10 - filled);
}


/***/ }),

/***/ 1935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RG: () => (/* binding */ timelineSection),
/* harmony export */   SK: () => (/* binding */ utcTime)
/* harmony export */ });
/* unused harmony exports TIMELINE_ROWS, mergeTimeline */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _udts_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5992);
/* harmony import */ var _wait_task_machine_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6182);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4285);
/**
 * The summary's status timeline: what this run saw, merged with the service's own history of each
 * task (GetUDTSTaskHistory), which also knows the states before the run began and the retries
 * between two polls.
 */




/** Rows a task's timeline shows at most: the first few and the latest, with a marker between. */
const TIMELINE_ROWS = 60;
/** The `<details>` section of the summary; nothing when no task has a timeline. */
function timelineSection(result, history) {
    const tasks = result.tasks.filter((t) => t.timeline.length > 0 || (history.byTask.get(t.taskId)?.length ?? 0) > 0);
    if (tasks.length === 0)
        return [];
    const lines = ['<details><summary>Status timeline</summary>', ''];
    for (const task of tasks) {
        const service = history.byTask.get(task.taskId);
        lines.push(`**${task.taskId}**`, '', ...(service?.length ? mergedTable(task, service, result.startedAt) : observedTable(task, result.startedAt)), '');
    }
    lines.push('</details>', '');
    return lines;
}
/** What this run saw, when the service's history is not there (turned off, or the call failed). */
function observedTable(task, startedAt) {
    return [
        '| Status | First seen (UTC) | After |',
        '| --- | --- | --- |',
        ...bounded(task.timeline, task.timelineCut).map((entry) => typeof entry === 'number' ? `| … | ${entry} more state changes | |` : `| ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeCell */ .k)(entry.status)} | ${utcTime(entry.at, startedAt)} | ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(entry.at - startedAt)} |`),
    ];
}
function mergedTable(task, service, startedAt) {
    const rows = bounded(mergeTimeline(task, service), task.timelineCut);
    return [
        '| Status | Since (UTC) | Relative to the start of the wait | Source |',
        '| --- | --- | --- | --- |',
        ...rows.map((row) => typeof row === 'number'
            ? `| … | ${row} more state changes | | |`
            : `| ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeCell */ .k)(row.status)} | ${utcTime(row.at, startedAt)} | ${relative(row.at - startedAt)} | ${source(row)} |`),
    ];
}
/**
 * The service's states in time order, each marked when this run saw it too; a state this run saw
 * that the service did not record (between its entries) is a row of its own.
 */
function mergeTimeline(task, service) {
    const rows = service.map((entry) => ({ status: entry.state, at: entry.at, fromService: true }));
    for (const seen of task.timeline) {
        // The service's latest record of this state that began no later than this run saw it.
        const match = rows.findLast((row) => row.fromService && row.at <= seen.at && sameState(row.status, seen.status));
        if (match && match.seenAt === undefined)
            match.seenAt = seen.at;
        else
            rows.push({ status: seen.status, at: seen.at, fromService: false, seenAt: seen.at });
    }
    return rows.sort((a, b) => a.at - b.at);
}
/** The first rows and the latest, with the count of those left out between them (`cut`: left out of the record already). */
function bounded(rows, cut) {
    if (rows.length <= TIMELINE_ROWS)
        return [...rows];
    const latest = TIMELINE_ROWS - _wait_task_machine_js__WEBPACK_IMPORTED_MODULE_2__/* .TIMELINE_FIRST */ .JN;
    return [...rows.slice(0, _wait_task_machine_js__WEBPACK_IMPORTED_MODULE_2__/* .TIMELINE_FIRST */ .JN), rows.length - TIMELINE_ROWS + cut, ...rows.slice(-latest)];
}
function sameState(a, b) {
    return ((0,_udts_status_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalStatus */ .xX)(a) ?? a) === ((0,_udts_status_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalStatus */ .xX)(b) ?? b);
}
function source(row) {
    if (!row.fromService)
        return 'this run';
    return row.seenAt === undefined ? 'service' : 'service; seen by this run';
}
function relative(ms) {
    return ms < 0 ? `${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(-ms)} before` : `${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(ms)} after`;
}
/** "12:03:04", or "2026-11-27 23:58:01" on another day than the wait's start. */
function utcTime(epochMs, referenceMs) {
    const iso = new Date(epochMs).toISOString();
    const sameDay = iso.slice(0, 10) === new Date(referenceMs).toISOString().slice(0, 10);
    return sameDay ? iso.slice(11, 19) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}


/***/ }),

/***/ 8992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q$: () => (/* binding */ SHORT_FIELD_CHARS),
/* harmony export */   yA: () => (/* binding */ capText),
/* harmony export */   yb: () => (/* binding */ LONG_FIELD_CHARS)
/* harmony export */ });
/** The one capping of text, shared by where outside text is read (udts/) and where it is written (the sinks). */
/** A short field from outside wherever it is kept or shown: a status, a binlog file name. */
const SHORT_FIELD_CHARS = 256;
/** A long field: a FailedMessage, a GTID set, an error message quoting the API. */
const LONG_FIELD_CHARS = 16 * 1024;
// The marker a cut ends with, as capText and the body's string cut (udts/string-cap.ts) write it.
const MARKER = /… \[(\d+) more characters cut\]$/;
/**
 * Text at most `maxChars` long; a cut ends with a marker that says how much was cut. A text already
 * cut (a string of an answer, cut as it was read) is cut again counting what it had already lost.
 */
function capText(text, maxChars) {
    if (text.length <= maxChars)
        return text;
    const earlier = MARKER.exec(text);
    const whole = earlier ? text.slice(0, earlier.index) : text;
    const lost = whole.length + Number(earlier?.[1] ?? 0);
    const marker = (cut) => `… [${cut} more characters cut]`;
    let keep = Math.min(whole.length, Math.max(0, maxChars - marker(lost).length));
    // Never split a surrogate pair: half a character would be a lone surrogate.
    if (/[\uD800-\uDBFF]/.test(whole.charAt(keep - 1)))
        keep -= 1;
    // Copied, not sliced: a slice would keep the whole of a huge text alive (V8 shares the original's memory).
    return Buffer.from(whole.slice(0, keep) + marker(lost - keep), 'utf16le').toString('utf16le');
}


/***/ }),

/***/ 5634:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ untilAborted),
/* harmony export */   H: () => (/* binding */ linkAbort)
/* harmony export */ });
/**
 * The one way a piece of work (a request, the wait, a phase) is tied to the run's cancel, cut short by
 * a timeout of its own, and let go of once done: a listener that dispose() removes, a timer it clears. Not
 * AbortSignal.any() and AbortSignal.timeout(): on Node 20 the first keeps every request's signal alive
 * on the long-lived run signal (about 180 KiB per 1,000 polls), and the second leaves its timer running.
 */
function linkAbort(parent, timeoutMs) {
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort(parent.reason);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts only once, so a listener left on it can never run again
    parent.addEventListener('abort', onAbort, { once: true });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
        timedOut = true;
        controller.abort(new Error('request timeout'));
    }, Math.max(1, timeoutMs));
    if (parent.aborted)
        onAbort();
    return {
        signal: controller.signal,
        abort: (reason) => controller.abort(reason),
        timedOut: () => timedOut,
        dispose: () => {
            clearTimeout(timer);
            parent.removeEventListener('abort', onAbort);
        },
    };
}
/**
 * Settles with the promise, or rejects as soon as the signal aborts: a cancel ends the call at once,
 * whatever a library does with its request meanwhile (queued in a proxy tunnel's agent, say).
 */
function untilAborted(promise, signal) {
    if (signal.aborted)
        return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts only once, so a listener left on it can never run again
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then((value) => {
            signal.removeEventListener('abort', onAbort);
            resolve(value);
        }, (error) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
        });
    });
}


/***/ }),

/***/ 7037:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B_: () => (/* binding */ httpStatusKind),
/* harmony export */   JA: () => (/* binding */ UdtsError),
/* harmony export */   Lq: () => (/* binding */ retCodeKind),
/* harmony export */   Q3: () => (/* binding */ retCodeHint),
/* harmony export */   rd: () => (/* binding */ networkFailure)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
/**
 * The one error type an API call throws, and the rules that sort failures into "retry" (transient)
 * and "stop and tell the user what to fix" (fatal).
 */

/**
 * A failed API call. `message` is complete: cause, RetCode, request id and what to check; never the
 * signature; bounded, since it may quote the API or a proxy.
 */
class UdtsError extends Error {
    kind;
    /**
     * The API's RetCode, when it answered with one. 161: the endpoint has no such action (a caller may
     * take that as "this API has no history"); 230: no such task.
     */
    retCode;
    /** The request got no answer within its timeout. */
    timedOut;
    constructor(message, details) {
        super((0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .capText */ .yA)(message, _text_js__WEBPACK_IMPORTED_MODULE_0__/* .LONG_FIELD_CHARS */ .yb));
        this.name = 'UdtsError';
        this.kind = details.kind;
        this.retCode = details.retCode;
        this.timedOut = details.timedOut ?? false;
    }
}
/** 110 API timeout, 130 gateway error, 150 unavailable, 153 rate limited, >= 2000 server side: retry. */
function retCodeKind(retCode) {
    return retCode === 110 || retCode === 130 || retCode === 150 || retCode === 153 || retCode >= 2000
        ? 'transient'
        : 'fatal';
}
// ACTION stands for the action called.
const RETCODE_HINTS = {
    160: 'the request carried no Action; this is a bug in udts-wait, please report it',
    161: 'the endpoint does not know ACTION: check that api-url points at the UCloud/SurferCloud API',
    170: 'the request carried no Signature; this is a bug in udts-wait, please report it',
    171: 'check that private-key holds the private key that belongs to this public-key',
    172: 'check public-key: the API knows no user with this public key',
    174: 'check public-key and private-key: the API knows no such token',
    220: 'check task-id, project-id and type: a required parameter is missing',
    230: 'check task-id and project-id: the task does not exist in this project (or type names the wrong kind of task); for a task created just before, set appear-timeout',
    292: 'check project-id: the project does not exist or the key cannot see it',
    293: 'check the key\'s permissions for this region/zone',
    294: 'the API refused this runner\'s IP address: check the key\'s IP allow-list',
    295: 'the account is under a security lock: see the provider console',
    299: 'check the key\'s permission for UDTS (IAM): it may not call ACTION',
};
/** What the user should check for a RetCode of a call to `action`, when we know. */
function retCodeHint(retCode, action) {
    return RETCODE_HINTS[retCode]?.replace('ACTION', action);
}
/** HTTP statuses worth retrying: timeouts, rate limiting and server errors. */
function httpStatusKind(status) {
    return status === 408 || status === 429 || status >= 500 ? 'transient' : 'fatal';
}
// Node's codes for certificate problems: retrying cannot fix them, and neither should we by ignoring them.
// A set of unknown: any error's code, a string or not, can be looked up.
const TLS_CODES = new Set([
    'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED', 'CERT_UNTRUSTED',
    'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO',
]);
/**
 * Sorts a network-level error (no HTTP answer) into transient or fatal, with what to check; names the
 * proxy the request went through, if any.
 */
function networkFailure(error, apiUrl, route) {
    const code = error?.code;
    const detail = error instanceof Error ? error.message : String(error);
    // Through a proxy, the tunnel reports its own failure to resolve the proxy inside its message.
    if (route && (code === 'ENOTFOUND' || /\bENOTFOUND\b/.test(detail))) {
        return { kind: 'fatal', text: `unknown host of the proxy ${route.address} (from ${route.variable}; ${detail}): check ${route.variable}` };
    }
    if (code === 'ENOTFOUND') {
        return { kind: 'fatal', text: `unknown host in api-url '${apiUrl}' (${detail}): check api-url` };
    }
    if (TLS_CODES.has(code)) {
        return {
            kind: 'fatal',
            text: `TLS error talking to '${apiUrl}' (${code}: ${detail}): check api-url and the runner's CA certificates`,
        };
    }
    const via = route ? ` through the proxy ${route.address} (from ${route.variable})` : '';
    return { kind: 'transient', text: `network error${via} (${typeof code === 'string' ? `${code}: ` : ''}${detail})` };
}


/***/ }),

/***/ 8919:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e1: () => (/* binding */ asText),
/* harmony export */   eB: () => (/* binding */ asObject),
/* harmony export */   i: () => (/* binding */ asNumber)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
/**
 * Tolerant readers for the fields of an API answer: any field may be missing, of another type, or a
 * number written as a string. Shared by the status and history readings. Text is capped here, as it
 * is read: what an answer holds on to never depends on how much a service sends.
 */

/** A JSON object as a record; anything else (null, an array, a scalar) as an empty one. */
function asObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
/** A finite number from a number or a numeric string; anything else is "not given". */
function asNumber(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string' && value.trim() !== '') {
        const parsed = Number(value);
        return Number.isFinite(parsed) ? parsed : undefined;
    }
    return undefined;
}
/** Text from a non-empty string or a finite number, at most `maxChars` long; anything else is "not given". */
function asText(value, maxChars = _text_js__WEBPACK_IMPORTED_MODULE_0__/* .LONG_FIELD_CHARS */ .yb) {
    if (typeof value === 'string')
        return value === '' ? undefined : (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .capText */ .yA)(value, maxChars);
    // Number.isFinite: false for anything but a finite number (no coercion).
    if (Number.isFinite(value))
        return String(value);
    return undefined;
}


/***/ }),

/***/ 5992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ KNOWN_STATUSES),
/* harmony export */   ID: () => (/* binding */ lagSeconds),
/* harmony export */   Uc: () => (/* binding */ DEFAULT_FAILURE_STATES),
/* harmony export */   X9: () => (/* binding */ DEFAULT_SUCCESS_STATES),
/* harmony export */   Zp: () => (/* binding */ readingFromData),
/* harmony export */   g8: () => (/* binding */ STATUS_ACTION),
/* harmony export */   uo: () => (/* binding */ remainingSeconds),
/* harmony export */   xX: () => (/* binding */ canonicalStatus)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8992);
/* harmony import */ var _fields_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8919);
/**
 * What a GetUDTSTaskStatus reading is: the status vocabulary, the StatusData shape, and the tolerant
 * reading of a response body (any field may be missing; numbers may come as strings).
 */


/** The API action this product calls (and the emulator answers). */
const STATUS_ACTION = 'GetUDTSTaskStatus';
/** Every status the provider documents, spelled as the API spells them. */
const KNOWN_STATUSES = [
    'Created', 'Checking', 'Starting', 'Started', 'Dumping', 'Loading', 'Syncing', 'Synced', 'Done',
    'Success', 'Failed', 'RetryPending', 'Stopping', 'Stopped', 'FailedUnrecoverable', 'StoppedUnrecoverable',
];
const DEFAULT_SUCCESS_STATES = ['Done', 'Success'];
const DEFAULT_FAILURE_STATES = [
    'Failed', 'FailedUnrecoverable', 'StoppedUnrecoverable', 'Stopped',
];
const CANONICAL_BY_LOWER = new Map(KNOWN_STATUSES.map((s) => [s.toLowerCase(), s]));
/**
 * The documented spelling of a status name given in any case and spacing ("\n\t done ",
 * "Failed Unrecoverable"), or undefined when it is not one.
 */
function canonicalStatus(name) {
    return CANONICAL_BY_LOWER.get(name.replace(/[\s\u0085]/g, '').toLowerCase());
}
/** The lag fields: a number of seconds, 0 or more; null or absent is no figure. */
const LAG_FIELDS = ['RedisDelayTime', 'MongoDelayTime'];
/** Reads the `Data` object of a GetUDTSTaskStatus response into a Reading. */
function readingFromData(data) {
    const root = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asObject */ .eB)(data);
    const progress = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asObject */ .eB)(root.Progress);
    const sync = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asObject */ .eB)(root.Sync);
    const reading = {
        status: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asText */ .e1)(root.Status, _text_js__WEBPACK_IMPORTED_MODULE_1__/* .SHORT_FIELD_CHARS */ .Q$),
        failedMessage: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asText */ .e1)(root.FailedMessage),
        curRetryCount: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asNumber */ .i)(root.CurRetryCount),
        maxRetryCount: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asNumber */ .i)(root.MaxRetryCount),
        totalCount: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asNumber */ .i)(progress.TotalCount),
        curCount: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asNumber */ .i)(progress.CurCount),
        totalDuration: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asNumber */ .i)(progress.TotalDuration),
        curDuration: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asNumber */ .i)(progress.CurDuration),
        percentage: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asNumber */ .i)(progress.Percentage),
        redisOffsetSize: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asNumber */ .i)(progress.RedisOffsetSize),
        redisDelayTime: asLag(progress.RedisDelayTime),
        mongoDelayTime: asLag(progress.MongoDelayTime),
        binlogName: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asText */ .e1)(sync.BinlogName, _text_js__WEBPACK_IMPORTED_MODULE_1__/* .SHORT_FIELD_CHARS */ .Q$),
        binlogPos: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asNumber */ .i)(sync.BinlogPos),
        binlogGtid: (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asText */ .e1)(sync.BinlogGTID),
        // A lag that is there but unreadable must not count as "within max-lag" (1e999, "abc", -100).
        lagUnreadable: LAG_FIELDS.some((field) => progress[field] !== undefined && progress[field] !== null && asLag(progress[field]) === undefined) || undefined,
    };
    // Drop the undefined keys so readings compare and serialise cleanly.
    return Object.fromEntries(Object.entries(reading).filter(([, v]) => v !== undefined));
}
function asLag(value) {
    const seconds = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .asNumber */ .i)(value);
    return seconds !== undefined && seconds >= 0 ? seconds : undefined;
}
/** The replication lag the task reports, in seconds (Redis or MongoDB); MySQL reports none. */
function lagSeconds(reading) {
    return reading.redisDelayTime ?? reading.mongoDelayTime;
}
/** Seconds left by the service's own estimate, when it gives one. */
function remainingSeconds(reading) {
    const { totalDuration, curDuration } = reading;
    if (totalDuration === undefined || curDuration === undefined || totalDuration <= 0)
        return undefined;
    return Math.max(0, totalDuration - curDuration);
}


/***/ }),

/***/ 4951:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);

/** The real clock: a monotonic reading for time spent, the wall clock for dates, timers that an abort cuts short. */
const systemClock = {
    // Whole milliseconds, as Date.now() gives: a budget derived from it may reach AbortSignal.timeout, which takes only integers.
    now: () => Math.floor(performance.now()),
    wallNow: () => Date.now(),
    sleep: async (ms, signal) => {
        try {
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms, undefined, { signal });
        }
        catch {
            // Aborted: the waiter checks the signal itself.
        }
    },
    random: Math.random,
};


/***/ }),

/***/ 8569:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ Limiter)
/* harmony export */ });
/**
 * Bounds how many requests are in flight at once. Aborting the signal it was made with refuses every
 * queued `acquire`, so a cancelled run never hangs in the queue.
 *
 * The queue has one abort listener, not one per waiting request: Node's EventTarget walks its whole
 * listener list on every add and remove, so a listener each made 100 tasks (92 of them queued) cost
 * thousands of list steps per round, enough to wake V8's top-tier compiler (about 5 MiB of peak memory).
 */
class Limiter {
    limit;
    signal;
    active = 0;
    queue = [];
    constructor(limit, signal) {
        this.limit = limit;
        this.signal = signal;
        // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts only once, so a listener left on it can never run again
        signal.addEventListener('abort', () => this.refuseAll(), { once: true });
    }
    async acquire() {
        if (this.signal.aborted)
            throw this.signal.reason;
        if (this.active < this.limit) {
            this.active += 1;
            return;
        }
        await new Promise((resolve, reject) => {
            this.queue.push({
                grant: () => {
                    this.active += 1;
                    resolve();
                },
                refuse: reject,
            });
        });
    }
    release() {
        this.active -= 1;
        this.queue.shift()?.grant();
    }
    refuseAll() {
        for (const waiting of this.queue.splice(0))
            waiting.refuse(this.signal.reason);
    }
}


/***/ }),

/***/ 7389:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ox: () => (/* binding */ failedTasks),
/* harmony export */   dl: () => (/* binding */ decideOutcome),
/* harmony export */   sY: () => (/* binding */ waitingTasks)
/* harmony export */ });
/** The tasks that failed, the first to fail first. */
function failedTasks(tasks) {
    return tasks.filter((t) => t.judgement?.verdict === 'failure').sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
}
/** The tasks with no verdict yet, in the order given. */
function waitingTasks(tasks) {
    return tasks.filter((t) => t.judgement?.verdict !== 'success' && t.judgement?.verdict !== 'failure');
}
/** Pure: the outcome of a run and the task that decided it (the report words it). */
function decideOutcome(facts) {
    const { tasks, startedAt, elapsedMs } = facts;
    const base = { tasks, startedAt, elapsedMs, polls: tasks.reduce((sum, t) => sum + t.polls, 0) };
    const result = (outcome, deciding, error, appearWaitedMs) => ({
        ...base,
        outcome,
        // Stryker disable next-line OptionalChaining,StringLiteral: settings always name at least one task
        decidingTaskId: (deciding ?? tasks[0])?.taskId ?? '',
        ...(error ? { error } : {}),
        ...(appearWaitedMs === undefined ? {} : { appearWaitedMs }),
    });
    const failed = failedTasks(tasks);
    const waiting = waitingTasks(tasks);
    if (facts.cancelled)
        return result('cancelled', waiting[0]);
    if (facts.fatal) {
        const fatalTaskId = facts.fatal.taskId;
        return result('error', tasks.find((t) => t.taskId === fatalTaskId), facts.fatal.error, facts.fatal.appearWaitedMs);
    }
    if (failed.length > 0)
        return result('failure', failed[0]);
    if (waiting.length === 0) {
        const lastToFinish = [...tasks].sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0)).at(-1);
        return result('success', lastToFinish);
    }
    // A single check that never got a reading (the API kept failing until the deadline) is a timeout, not "running".
    if (!facts.waited && waiting.every((t) => t.reading !== undefined))
        return result('pending', waiting[0]);
    // The last poll may answer within its grace after the deadline: the wait itself lasted the timeout.
    return { ...result('timeout', waiting[0]), elapsedMs: Math.min(base.elapsedMs, facts.timeoutMs) };
}


/***/ }),

/***/ 9195:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ NO_HISTORY),
/* harmony export */   g: () => (/* binding */ fetchServiceHistory)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _udts_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7037);
/* harmony import */ var _udts_abort_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5634);
/* harmony import */ var _limiter_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8569);
/* harmony import */ var _waiter_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(107);
/**
 * After the wait: the service's own timeline of each task (GetUDTSTaskHistory), which knows the
 * states before the run began, retries between two polls, and when exactly a task failed. One call
 * per task the API knows, all within one time budget, so history never stretches the wait.
 */





/** RetCode 161: the endpoint has no such action (a gateway without GetUDTSTaskHistory). */
const RETCODE_NO_SUCH_ACTION = 161;
const NO_HISTORY = { byTask: new Map(), failures: [], unsupported: false };
/**
 * Asks for the history of every task that gave at least one reading, at most DEFAULT_MAX_IN_FLIGHT
 * at a time, all within `budgetMs` from now. A budget too short for a request asks nothing.
 */
async function fetchServiceHistory(tasks, fetchHistory, options) {
    const { clock } = options;
    const known = tasks.filter((task) => task.reading !== undefined);
    if (known.length === 0 || options.budgetMs < MIN_HISTORY_BUDGET_MS)
        return NO_HISTORY;
    const endAt = clock.now() + options.budgetMs;
    const stop = (0,_udts_abort_js__WEBPACK_IMPORTED_MODULE_3__/* .linkAbort */ .H)(options.signal);
    // The budget ends every call still running; the sleep ends early once they are all done.
    const allDone = new AbortController();
    void clock.sleep(options.budgetMs, allDone.signal).then(() => {
        // Stryker disable next-line ConditionalExpression: once every call is done, aborting them reaches nothing
        if (!allDone.signal.aborted)
            stop.abort(new Error(`no answer within the ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(options.budgetMs)} left for history`));
    });
    const limiter = new _limiter_js__WEBPACK_IMPORTED_MODULE_4__/* .Limiter */ .j(_waiter_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_MAX_IN_FLIGHT */ .A2, stop.signal);
    const byTask = new Map();
    const failures = [];
    let unsupported = false;
    const ask = async (taskId) => {
        try {
            await limiter.acquire();
        }
        catch {
            return; // the budget ran out, or the run was cancelled, while this task waited for a slot
        }
        try {
            byTask.set(taskId, await fetchHistory(taskId, { signal: stop.signal, timeoutMs: Math.max(1, endAt - clock.now()) }));
        }
        catch (error) {
            if (error instanceof _udts_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UdtsError */ .JA && error.retCode === RETCODE_NO_SUCH_ACTION) {
                unsupported = true;
                stop.abort(error);
            }
            else if (!unsupported && !options.signal.aborted) {
                failures.push({ taskId, error: error instanceof Error ? error : new Error(String(error)) });
            }
        }
        finally {
            limiter.release();
        }
    };
    try {
        await Promise.all(known.map((task) => ask(task.taskId)));
    }
    finally {
        allDone.abort();
        stop.dispose();
    }
    return unsupported ? { ...NO_HISTORY, unsupported } : { byTask, failures, unsupported };
}
/** A history phase shorter than this could only fail: it is skipped. */
const MIN_HISTORY_BUDGET_MS = 250;


/***/ }),

/***/ 6182:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  JN: () => (/* binding */ TIMELINE_FIRST),
  Kd: () => (/* binding */ initialRecord),
  sk: () => (/* binding */ nextStep),
  t$: () => (/* binding */ sent)
});

// UNUSED EXPORTS: NOTES_LIMIT, TIMELINE_LIMIT

// EXTERNAL MODULE: ./src/udts/errors.ts
var errors = __webpack_require__(7037);
// EXTERNAL MODULE: ./src/udts/status.ts
var udts_status = __webpack_require__(5992);
;// CONCATENATED MODULE: ./src/wait/verdict.ts

/** The states of a task that keeps following its source (incremental, or full + incremental). */
const LIVE_SYNC_STATES = ['Syncing', 'Synced'];
/**
 * Pure: what one reading means under the settings, given how many readings before it in a row met
 * the success condition. A reading that breaks the condition starts the count again.
 */
function judge(reading, settings, previousStreak) {
    // Stryker disable next-line StringLiteral: no name without letters is a known state, so any such text reads as no status
    const status = (0,udts_status/* canonicalStatus */.xX)(reading.status ?? '');
    if (status === undefined) {
        const shown = reading.status ?? '(no status)';
        return { verdict: 'pending', streak: 0, why: `${shown} is not a known state`, note: 'unknown-state' };
    }
    if (status === 'RetryPending') {
        return { verdict: 'pending', streak: 0, why: `RetryPending${retryText(reading)}`, note: 'retrying' };
    }
    if (settings.failureStates.has(status)) {
        const counts = retryCounts(reading);
        if (status === 'Failed' && settings.tolerateRetries && counts !== undefined && counts.used < counts.allowed) {
            return { verdict: 'pending', streak: 0, why: `Failed, the service retries${retryText(reading)}`, note: 'retrying' };
        }
        const message = reading.failedMessage ? `: ${reading.failedMessage}` : '';
        return { verdict: 'failure', streak: 0, why: `${status}${message}` };
    }
    if (!settings.successStates.has(status)) {
        // A live sync never reaches Done: with neither sync state in a list, the wait can only time out.
        const liveSync = LIVE_SYNC_STATES.some((s) => s === status) && !LIVE_SYNC_STATES.some((s) => settings.successStates.has(s) || settings.failureStates.has(s));
        return { verdict: 'pending', streak: 0, why: status, ...(liveSync ? { note: 'live-sync' } : {}) };
    }
    let note;
    let why = status;
    if (settings.maxLagSeconds !== undefined) {
        const lag = (0,udts_status/* lagSeconds */.ID)(reading);
        if (lag === undefined && reading.lagUnreadable) {
            return { verdict: 'pending', streak: 0, why: `${status}, lag unreadable: not within max-lag ${settings.maxLagSeconds}s`, note: 'lag-unreadable' };
        }
        else if (lag === undefined) {
            note = 'no-lag-figure';
        }
        else if (lag > settings.maxLagSeconds) {
            return {
                verdict: 'pending',
                streak: 0,
                why: `${status}, lag ${lag}s > max-lag ${settings.maxLagSeconds}s`,
                note: 'lag-too-high',
            };
        }
        else {
            why = `${status}, lag ${lag}s`;
        }
    }
    const streak = previousStreak + 1;
    if (streak < settings.stablePolls) {
        const stableNeeded = settings.stablePolls;
        return { verdict: 'pending', streak, why: `${why} (${streak} of ${stableNeeded} stable readings)`, note, stableNeeded };
    }
    return { verdict: 'success', streak, why, note };
}
/** " (retry 2 of 3)": the retry the service is on or about to make, when it reports the counts. */
function retryText(reading) {
    const counts = retryCounts(reading);
    if (counts === undefined || counts.allowed === 0)
        return '';
    return ` (retry ${Math.min(counts.used + 1, counts.allowed)} of ${counts.allowed})`;
}
/** The retries the service used and allows, when it reports both. */
function retryCounts({ curRetryCount: used, maxRetryCount: allowed }) {
    return used === undefined || allowed === undefined ? undefined : { used, allowed };
}

;// CONCATENATED MODULE: ./src/wait/progress.ts
/** Progress from 0 to 1: Percentage, else CurCount / TotalCount; undefined when absent or out of range. */
function progressFraction(reading) {
    const { percentage, curCount, totalCount } = reading;
    // A missing count, or a TotalCount of 0, divides to NaN or an infinity: out of range like the rest.
    const fraction = percentage !== undefined ? percentage / 100 : Number(curCount) / Number(totalCount);
    return fraction >= 0 && fraction <= 1 ? fraction : undefined;
}
/** The readings since progress or CurDuration last went backwards (the task restarted, after a retry say). */
function sinceRestart(recent) {
    let lowestFraction = Infinity;
    let lowestCurDuration = Infinity;
    let from = recent.length;
    for (; from > 0; from -= 1) {
        const { reading } = recent[from - 1];
        const fraction = progressFraction(reading);
        if ((fraction ?? -Infinity) > lowestFraction || (reading.curDuration ?? -Infinity) > lowestCurDuration)
            break;
        lowestFraction = Math.min(lowestFraction, fraction ?? Infinity);
        lowestCurDuration = Math.min(lowestCurDuration, reading.curDuration ?? Infinity);
    }
    return recent.slice(from);
}

;// CONCATENATED MODULE: ./src/wait/finish-window.ts

/** Progress may be a snapshot this old (the service updates it every few seconds: 10 s has been seen)... */
const STALE_MAX_MS = 10_000;
/** ...but without CurDuration its age cannot show: it is taken as fresh, at most this old. */
const FRESH_MS = 1_000;
/** The pace is measured over at least this span when the recent readings have one: shorter spans are mostly the noise of snapshots. */
const MIN_TREND_SPAN_MS = 3_000;
/** The bend of progress is measured over at least this span: over less, a second's staleness swamps it. */
const BEND_SPAN_MS = 6_000;
/** With the pace known only on average since the start, the rest may go up to this many times faster. */
const SPEEDUP = 3;
/** TotalDuration is believed when it agrees with the measured progress within this fraction of the whole task. */
const AGREEMENT = 0.1;
/**
 * Pure: the window from the readings since the task last restarted; undefined without evidence, or
 * when the evidence contradicts itself (a window that would end before it begins).
 */
function finishWindow(recent) {
    const found = windowOf(sinceRestart(recent));
    return found && found.earliestAt <= found.latestAt ? found : undefined;
}
function windowOf(run) {
    const latest = run.at(-1);
    if (latest === undefined)
        return undefined;
    // CurDuration dates progress only when it moves with it: progress that moved while CurDuration
    // stood still was updated apart from it, and is dated by the readings' own times instead.
    const start = curDurationDatesProgress(run) ? startBounds(run) : undefined;
    const snapshots = snapshotsOf(run, start);
    const window = (lo, hi, probe = false) => ({ earliestAt: lo, latestAt: hi, spreadMs: start?.spreadMs ?? Infinity, probe });
    // A first snapshot at 0% shows the start too.
    const first = snapshots[0];
    const trend = trendWindow(snapshots, start?.hi ?? (first?.fraction === 0 ? first.takenAt : undefined));
    const measured = trend && window(trend.lo, trend.hi, trend.probe);
    // A figure that is absent counts as 0: no pace, no estimate.
    const curDuration = latest.reading.curDuration ?? 0;
    const totalDuration = latest.reading.totalDuration ?? 0;
    const fraction = progressFraction(latest.reading) ?? 0;
    // Else the average rate since the start.
    const average = start !== undefined && fraction > 0 && curDuration > 0
        ? window(start.lo + (curDuration * 1_000) / fraction, start.hi + ((curDuration + 1) * 1_000) / fraction)
        : undefined;
    const byProgress = measured ?? average;
    if (start === undefined || !(totalDuration > 0))
        return byProgress;
    // TotalDuration (whole seconds) counts from the start; believed when it agrees with the progress.
    const serviceAt = start.hi + (totalDuration + 0.5) * 1_000;
    if (byProgress !== undefined && Math.abs(byProgress.latestAt - serviceAt) > AGREEMENT * (byProgress.latestAt - start.hi))
        return byProgress;
    if (snapshots.length === 0)
        return window(start.lo + (totalDuration - 0.5) * 1_000, serviceAt);
    // Then what is left after a snapshot is (1 - fraction) of it: CurDuration's truncation drops out. Every
    // snapshot bounds the finish; the one that says soonest is the freshest, and bounds it best.
    const bound = (s) => s.takenAt + (1 - s.fraction) * (totalDuration + 0.5) * 1_000;
    const freshest = snapshots.reduce((best, s) => (bound(s) < bound(best) ? s : best));
    return window(freshest.earliestAt + (1 - freshest.fraction) * (totalDuration - 0.5) * 1_000, bound(freshest));
}
/**
 * From the latest snapshot and one at least MIN_TREND_SPAN_MS before it: with a known start and
 * BEND_SPAN_MS between them, progress as a power of the time since the start (linear, front- or
 * back-loaded); else along the line through the two. Late by the latest snapshot's staleness at most.
 */
function trendWindow(snapshots, startAt) {
    const last = snapshots.at(-1);
    // Stryker disable next-line ConditionalExpression: without snapshots, no earlier one and no base below (tests kill "always")
    if (last === undefined)
        return undefined;
    const earlier = snapshots.filter((s) => s.fraction < last.fraction && s.takenAt < last.takenAt);
    const base = earlier.findLast((s) => last.takenAt - s.takenAt >= MIN_TREND_SPAN_MS) ?? earlier[0];
    if (base === undefined)
        return undefined;
    // What is left is never negative (the last snapshot is below 100% and ahead of the base), but may overflow.
    const window = (leftMs, fastLeftMs = leftMs, probe = false) => Number.isFinite(leftMs) ? { lo: last.earliestAt + fastLeftMs, hi: last.takenAt + leftMs, probe } : undefined;
    const sinceStartMs = (at) => at - (startAt ?? NaN);
    if (last.takenAt - base.takenAt >= BEND_SPAN_MS) {
        // No start, or a base at 0%, at the start or before it, makes the power NaN, infinite, 0 or negative: out of range.
        const power = Math.log(last.fraction / base.fraction) / Math.log(sinceStartMs(last.takenAt) / sinceStartMs(base.takenAt));
        if (power > 0.1 && power < 10)
            return window(sinceStartMs(last.takenAt) * (last.fraction ** (-1 / power) - 1));
    }
    const lineLeftMs = ((1 - last.fraction) * (last.takenAt - base.takenAt)) / (last.fraction - base.fraction);
    // Since a start at 0%, two snapshots give only the average pace: the bend may bring the finish much sooner.
    // Stryker disable next-line OptionalChaining: there is a first snapshot, the last one at least
    return snapshots[0]?.fraction === 0 ? window(lineLeftMs, lineLeftMs / SPEEDUP, true) : window(lineLeftMs);
}
/** False when two readings in a row show the same CurDuration with different progress. */
function curDurationDatesProgress(run) {
    return run.every(({ reading }, i) => {
        // Stryker disable next-line ArithmeticOperator: the check is symmetric: each reading against the next covers the same pairs
        const before = run[i - 1]?.reading;
        return before === undefined || reading.curDuration === undefined || before.curDuration !== reading.curDuration
            || progressFraction(before) === progressFraction(reading);
    });
}
/**
 * The start, from CurDuration (whole seconds) against the clock. A snapshot is taken no later than the
 * reading that shows it, after the last reading that showed an older one, and at most STALE_MAX_MS
 * before its reading: each bounds the start; the freshest reading bounds it best from above.
 */
function startBounds(run) {
    let hi = Infinity;
    let lo = -Infinity;
    // The start as the stalest reading shows it: every reading is at most STALE_MAX_MS stale, that one too.
    let stalestShows = -Infinity;
    let previous;
    for (const { reading, at } of run) {
        const cur = reading.curDuration;
        // A negative CurDuration would put the start in the future: no figure at all.
        if (cur === undefined || cur < 0)
            continue;
        hi = Math.min(hi, at - cur * 1_000);
        stalestShows = Math.max(stalestShows, at - cur * 1_000);
        if (previous !== undefined && cur > previous.cur)
            lo = Math.max(lo, previous.at - (cur + 1) * 1_000);
        previous = { cur, at };
    }
    if (hi === Infinity)
        return undefined;
    return { lo: Math.min(hi, Math.max(lo, stalestShows - STALE_MAX_MS - 1_000)), hi, spreadMs: stalestShows - hi };
}
/** The distinct snapshots the readings showed, each dated by the first reading that showed it. */
function snapshotsOf(run, start) {
    const snapshots = [];
    let previous;
    for (const { reading, at } of run) {
        const fraction = progressFraction(reading);
        const cur = reading.curDuration;
        const repeated = previous !== undefined && progressFraction(previous) === fraction && previous.curDuration === cur;
        previous = reading;
        if (fraction === undefined || repeated)
            continue;
        snapshots.push(start === undefined || cur === undefined || cur < 0
            ? { fraction, takenAt: at, earliestAt: at - FRESH_MS }
            : { fraction, takenAt: Math.min(at, start.hi + (cur + 1) * 1_000), earliestAt: Math.max(at - STALE_MAX_MS, start.lo + cur * 1_000) });
    }
    return snapshots;
}

;// CONCATENATED MODULE: ./src/wait/schedule.ts
/**
 * When to poll a task next: at the interval, or spread over the window of its finish (finish-window.ts)
 * without ever getting more than SPARE_POLLS ahead of a fixed loop; and the backoff of retries.
 */

/** Never plan a poll for an estimated finish sooner than this after the last one. */
const ETA_FLOOR_MS = 1_000;
/** The first retry after a transient fault waits at most this; each further one doubles it, up to interval. */
const RETRY_BASE_MS = 500;
/** Polls a wait may make beyond those of a loop polling every interval, to land near the finish. */
const SPARE_POLLS = 2;
/** Readings kept per task (besides the freshest): several intervals back, and every poll of the last ones. */
const RECENT_LIMIT = 8;
/** Within the window of the finish, polls come at most this far apart (at the top of it, when they cannot cover it all). */
const STEP_MS = 1_500;
/** The last poll aims this much past the window: the clock and the figures round. */
const MARGIN_MS = 100;
/**
 * The last interval poll before the window comes this much early (intervals of 4 times this or more),
 * unless the readings already differ in staleness: a progress period that divides the interval makes
 * every reading equally stale, and hides how stale; one reading off that beat shows it.
 */
const SHIFT_MS = 2_500;
/** Readings whose staleness differs by this much already show it (see SHIFT_MS). */
const PHASES_SEEN_MS = 1_500;
/** A probe into a wide window comes at least this long after the last snapshot, so that the bend shows. */
const PROBE_GAP_MS = 6_000;
/** Pure: the recent readings with one more: the oldest dropped beyond RECENT_LIMIT, the freshest kept. */
function remember(seen, latest) {
    const startBy = (t) => (t?.reading.curDuration === undefined ? Infinity : t.at - t.reading.curDuration * 1_000);
    const kept = seen?.freshest;
    // Stryker disable next-line UnaryOperator: a kept reading has CurDuration; with none kept, a reading with it dates the start better anyway
    const restarted = (latest.reading.curDuration ?? Infinity) < (kept?.reading.curDuration ?? -Infinity);
    const freshest = restarted || startBy(latest) < startBy(kept) ? latest : kept;
    if (seen === undefined)
        return { firstAt: latest.at, readings: 1, recent: [latest], freshest };
    return { firstAt: seen.firstAt, readings: seen.readings + 1, recent: [...seen.recent, latest].slice(-RECENT_LIMIT), freshest };
}
/**
 * Pure: how long to wait after the latest reading before polling a task that is still running.
 *
 * The interval, unless the finish may come before the next interval poll: then the polls the wait may
 * still make there (never more than SPARE_POLLS ahead of a loop polling every interval since the first
 * reading) are spread over the window, at most STEP_MS apart from its top down, the last just past it,
 * each at least ETA_FLOOR_MS after the one before. Each reading narrows the window for the next.
 */
function planNextPoll(seen, intervalMs) {
    const { recent, freshest } = seen;
    const nowAt = recent.at(-1)?.at ?? seen.firstAt;
    const window = finishWindow(freshest === undefined || recent.includes(freshest) ? recent : [freshest, ...recent]);
    // Poll number n of the wait may come (n - 1 - SPARE_POLLS) intervals after the first, no sooner: so
    // the poll after any one can still come by the loop's next, and a miss costs no more than the loop.
    const pollAllowedAt = (n) => seen.firstAt + (n - 1 - SPARE_POLLS) * intervalMs;
    // Negated so that a NaN estimate (absurd figures: infinity less infinity) falls back to the interval.
    if (window === undefined || !(window.earliestAt - nowAt < intervalMs)) {
        const nextIsLast = window !== undefined && window.earliestAt - nowAt < 2 * intervalMs && window.spreadMs < PHASES_SEEN_MS;
        if (!nextIsLast || intervalMs < 4 * SHIFT_MS)
            return { delayMs: intervalMs, aimedAtEta: false };
        // The early poll spends a spare too: an estimate that keeps moving must not make it a faster loop.
        const shiftedMs = Math.max(intervalMs - SHIFT_MS, pollAllowedAt(seen.readings + 1) - nowAt);
        return { delayMs: Math.min(intervalMs, shiftedMs), aimedAtEta: false };
    }
    const endAt = window.latestAt + MARGIN_MS;
    const fromAt = Math.max(nowAt, window.earliestAt);
    // The polls that may still land in the window: the spares left and the loop's own next one.
    let polls = 0;
    while (polls <= SPARE_POLLS && pollAllowedAt(seen.readings + 1 + polls) <= endAt)
        polls += 1;
    let aimAt = endAt;
    if (polls > 0) {
        aimAt = window.probe && endAt - fromAt > polls * STEP_MS
            ? Math.min(endAt, Math.max(fromAt + STEP_MS, nowAt + PROBE_GAP_MS))
            : Math.max(fromAt + (endAt - fromAt) / polls, endAt - (polls - 1) * STEP_MS);
    }
    const earliestAt = Math.max(nowAt + Math.min(ETA_FLOOR_MS, intervalMs), pollAllowedAt(seen.readings + 1));
    const delayMs = Math.min(intervalMs, Math.max(earliestAt, aimAt) - nowAt);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: not reached (the window is checked for NaN above, and a finite interval caps an infinity); kept against a tight loop
    return Number.isFinite(delayMs) ? { delayMs, aimedAtEta: true } : { delayMs: intervalMs, aimedAtEta: false };
}
/**
 * Capped exponential backoff with full jitter for the `attempt`-th retry in a row (1-based):
 * a random delay in [0, min(interval, RETRY_BASE_MS * 2^(attempt-1))).
 */
function retryDelay(attempt, intervalMs, random) {
    const capMs = Math.min(intervalMs, RETRY_BASE_MS * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
    return Math.floor(random() * capMs);
}

;// CONCATENATED MODULE: ./src/wait/task-machine.ts
/**
 * One task's polling loop as a small state machine: a pure transition takes what the last request
 * brought (a reading or a fault) and says what to do next. The waiter only carries it out (sleeps,
 * sends, stops), so every rule of the loop is tested here without a clock or a network.
 */



/** RetCode 230: "params not available", the API's answer for a task it does not know (yet). */
const RETCODE_NO_SUCH_TASK = 230;
/** Notes a task says at most: an API that invents a new state on every poll cannot flood the log. */
const NOTES_LIMIT = 32;
/** Statuses a task's timeline keeps: the first TIMELINE_FIRST and the latest, so a flapping API costs no more. */
const TIMELINE_LIMIT = 120;
const TIMELINE_FIRST = 10;
/** A task before its first request. */
function initialRecord(taskId, baseRequestTimeoutMs) {
    return { taskId, polls: 0, timeline: [], timelineCut: 0, faultsInRow: 0, requestTimeoutMs: baseRequestTimeoutMs, notesSaid: [] };
}
/** Pure: the record once a request for the task is sent. */
function sent(record) {
    return { ...record, polls: record.polls + 1 };
}
/** Pure: the next record and step after `event`. */
function nextStep(record, event, context) {
    return event.kind === 'reading' ? afterReading(record, event.reading, event.at, context) : afterFault(record, event.error, event.at, context);
}
function afterReading(record, reading, at, context) {
    const { options } = context;
    const judgement = judge(reading, options, record.judgement?.streak ?? 0);
    const recent = remember(record.recent, { reading, at });
    const said = sayOnce(record.notesSaid, judgement.note === undefined ? [] : [[judgement.note, noteKey(judgement.note, reading)]]);
    const next = {
        ...record,
        ...timelineWith(record, reading.status, context.startedWallAt + (at - context.startedAt)),
        reading,
        judgement,
        lastError: undefined,
        ...(judgement.verdict === 'pending' ? {} : { finishedAt: at }),
        faultsInRow: 0,
        requestTimeoutMs: context.baseRequestTimeoutMs,
        recent,
        notesSaid: said.notesSaid,
    };
    const done = (step) => ({ record: next, step, notes: said.notes });
    if (judgement.verdict !== 'pending')
        return done({ kind: 'finished', verdict: judgement.verdict });
    if (!options.wait)
        return done({ kind: 'checked' });
    // A success state waiting for more stable readings polls at the interval; the ETA is spent.
    if (judgement.streak > 0)
        return done({ kind: 'poll', delayMs: options.intervalMs });
    return done({ kind: 'poll', delayMs: planNextPoll(recent, options.intervalMs).delayMs });
}
/** The timeline with a status seen at `wallAt`, when it is not the latest already; bounded by TIMELINE_LIMIT. */
function timelineWith(record, status, wallAt) {
    const { timeline, timelineCut } = record;
    if (status === undefined || timeline.at(-1)?.status === status)
        return { timeline, timelineCut };
    const longer = [...timeline, { status, at: wallAt }];
    if (longer.length <= TIMELINE_LIMIT)
        return { timeline: longer, timelineCut };
    return { timeline: [...longer.slice(0, TIMELINE_FIRST), ...longer.slice(TIMELINE_FIRST + 1)], timelineCut: timelineCut + 1 };
}
function afterFault(record, error, at, context) {
    const { options } = context;
    if (!(error instanceof errors/* UdtsError */.JA)) {
        return { record, step: { kind: 'stop', error: error instanceof Error ? error : new Error(String(error)) }, notes: [] };
    }
    if (error.kind === 'transient') {
        const attempt = record.faultsInRow + 1;
        const delayMs = retryDelay(attempt, options.intervalMs, context.random);
        // Only a request that got no answer in time earns the next one more time: an API that is slow,
        // not dead, still gets read. Any other fault says nothing about how long an answer takes.
        const requestTimeoutMs = error.timedOut ? Math.min(context.maxRequestTimeoutMs, record.requestTimeoutMs * 2) : record.requestTimeoutMs;
        return {
            record: { ...record, lastError: error, faultsInRow: attempt, requestTimeoutMs },
            step: { kind: 'poll', delayMs },
            retry: { attempt, delayMs },
            notes: [],
        };
    }
    // A task created one step earlier may not be visible yet: within appear-timeout, "no such task"
    // means "not there yet", so it is asked again at the interval. Once seen, a 230 is an error as ever.
    const unseen = error.retCode === RETCODE_NO_SUCH_TASK && record.reading === undefined;
    if (unseen && at - context.startedAt < options.appearTimeoutMs) {
        // Stryker disable next-line StringLiteral: any fixed key says the note once
        const said = sayOnce(record.notesSaid, [['not-there-yet', 'not-there-yet']]);
        return { record: { ...record, lastError: error, notesSaid: said.notesSaid }, step: { kind: 'poll', delayMs: options.intervalMs }, notes: said.notes };
    }
    const step = unseen && options.appearTimeoutMs > 0 ? { kind: 'stop', error, appearWaitedMs: at - context.startedAt } : { kind: 'stop', error };
    return { record: { ...record, lastError: error }, step, notes: [] };
}
/** The notes not said before, and the updated record of what was said. */
function sayOnce(notesSaid, candidates) {
    const fresh = candidates.filter(([, key]) => !notesSaid.includes(key)).slice(0, NOTES_LIMIT - notesSaid.length);
    return { notes: fresh.map(([note]) => note), notesSaid: [...notesSaid, ...fresh.map(([, key]) => key)] };
}
/** Notes are said once: per state name for unknown states, per retry for the service's retries, else once. */
function noteKey(note, reading) {
    if (note === 'unknown-state')
        return `${note}:${reading.status}`;
    if (note === 'retrying')
        return `${note}:${reading.curRetryCount}`;
    return note;
}


/***/ }),

/***/ 107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A2: () => (/* binding */ DEFAULT_MAX_IN_FLIGHT),
/* harmony export */   th: () => (/* binding */ waitForTasks)
/* harmony export */ });
/* unused harmony exports MIN_REQUEST_TIMEOUT_MS, MAX_REQUEST_TIMEOUT_MS, MIN_REQUEST_BUDGET_MS, DEADLINE_GRACE_MS */
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8474);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_events__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _udts_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5992);
/* harmony import */ var _limiter_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8569);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7389);
/* harmony import */ var _udts_abort_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5634);
/* harmony import */ var _task_machine_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6182);






/** Requests in flight at once, all tasks together. */
const DEFAULT_MAX_IN_FLIGHT = 8;
/**
 * One request may take as long as the interval, within these bounds: a hung connection is given up
 * and retried about as soon as the next poll was due anyway. Each request of a task that timed out
 * doubles its task's allowance (an API that is slow, not dead, still gets read); an answer resets it.
 * The overall deadline shortens it further.
 */
const MIN_REQUEST_TIMEOUT_MS = 5_000;
const MAX_REQUEST_TIMEOUT_MS = 30_000;
/** A request that would get less than this before the deadline (plus grace) is not sent: it could only fail. */
const MIN_REQUEST_BUDGET_MS = 250;
/** A poll that starts at the deadline still gets this long to answer. */
const DEADLINE_GRACE_MS = 500;
/**
 * Polls every task until it reaches a verdict, the deadline passes, a fatal error stops the run or
 * the run is cancelled. Each task's record and rules are its machine's (task-machine.ts); this
 * function only carries out the steps: it sends, sleeps and stops. It knows nothing of HTTP or GitHub.
 */
async function waitForTasks(options, deps) {
    const { clock } = deps;
    const observers = (deps.observers ?? []).filter((o) => o !== undefined);
    const startedAt = clock.now();
    const deadline = startedAt + options.timeoutMs;
    // Stops every task's loop: on cancel, on a fatal error, and on the first failure with fail-fast.
    const stopper = (0,_udts_abort_js__WEBPACK_IMPORTED_MODULE_3__/* .linkAbort */ .H)(deps.signal);
    const stop = stopper.signal;
    const baseRequestTimeoutMs = Math.min(MAX_REQUEST_TIMEOUT_MS, Math.max(MIN_REQUEST_TIMEOUT_MS, options.intervalMs));
    // The one record of each task, replaced (never changed) on every transition.
    const records = options.taskIds.map((taskId) => (0,_task_machine_js__WEBPACK_IMPORTED_MODULE_2__/* .initialRecord */ .Kd)(taskId, baseRequestTimeoutMs));
    // Each sleeping task and each request in flight listens to it: many tasks are no leak.
    (0,node_events__WEBPACK_IMPORTED_MODULE_0__.setMaxListeners)(records.length + DEFAULT_MAX_IN_FLIGHT + 8, stop);
    const limiter = new _limiter_js__WEBPACK_IMPORTED_MODULE_4__/* .Limiter */ .j(deps.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, stop);
    let fatal;
    const context = { options, startedAt, startedWallAt: clock.wallNow(), baseRequestTimeoutMs, maxRequestTimeoutMs: MAX_REQUEST_TIMEOUT_MS, random: clock.random };
    // Sleeps, cut short so one last poll lands at the deadline; false when the deadline has passed.
    const pause = async (delayMs) => {
        const leftMs = deadline - clock.now();
        if (leftMs <= 0 || stop.aborted)
            return false;
        await clock.sleep(Math.min(delayMs, leftMs), stop);
        return !stop.aborted;
    };
    // One request, when a slot is free and enough time is left for it; undefined when none was sent
    // or the run stopped meanwhile (an aborted request is nobody's fault, never an error).
    const poll = async (index) => {
        await limiter.acquire();
        try {
            const record = records[index];
            const budgetMs = Math.min(record.requestTimeoutMs, deadline + DEADLINE_GRACE_MS - clock.now());
            if (budgetMs < MIN_REQUEST_BUDGET_MS)
                return undefined;
            records[index] = (0,_task_machine_js__WEBPACK_IMPORTED_MODULE_2__/* .sent */ .t$)(record);
            const reading = await deps.fetchStatus(record.taskId, { signal: stop, timeoutMs: budgetMs });
            return { kind: 'reading', reading, at: clock.now() };
        }
        catch (error) {
            // Stryker disable next-line StringLiteral: the machine tells a fault by its not being a reading
            return stop.aborted ? undefined : { kind: 'fault', error, at: clock.now() };
        }
        finally {
            limiter.release();
        }
    };
    const follow = async (index) => {
        for (;;) {
            const event = await poll(index).catch(() => undefined);
            if (event === undefined)
                return;
            const before = records[index];
            const transition = (0,_task_machine_js__WEBPACK_IMPORTED_MODULE_2__/* .nextStep */ .sk)(before, event, context);
            records[index] = transition.record;
            for (const observer of observers)
                tell(observer, before, transition);
            const { step } = transition;
            if (step.kind === 'poll') {
                if (await pause(step.delayMs))
                    continue;
                return;
            }
            if (step.kind === 'stop') {
                fatal ??= { taskId: before.taskId, error: step.error, appearWaitedMs: step.appearWaitedMs };
                stopper.abort();
                return;
            }
            // Stryker disable next-line ConditionalExpression: only a finished step has a verdict, so step.kind === 'finished' is for the type checker
            if (step.kind === 'finished' && step.verdict === 'failure' && options.failFast)
                stopper.abort();
            return;
        }
    };
    try {
        await Promise.all(records.map((_, index) => follow(index)));
    }
    finally {
        // If one task's loop threw (an observer failing, say), the others must not poll on unseen.
        stopper.abort();
        stopper.dispose();
    }
    const elapsedMs = clock.now() - startedAt;
    return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_5__/* .decideOutcome */ .dl)({ tasks: records, startedAt: context.startedWallAt, elapsedMs, cancelled: deps.signal.aborted, fatal, waited: options.wait, timeoutMs: options.timeoutMs });
}
/** Tells the observer what a transition brought: a reading (and whether it changed), a retry, notes. */
function tell(observer, before, { record, retry, notes }) {
    if (record.reading !== before.reading)
        observer.reading?.(record, progressKey(record) !== progressKey(before));
    else if (retry && record.lastError)
        observer.retry?.(record, record.lastError, retry.attempt, retry.delayMs);
    for (const note of notes)
        observer.note?.(record, note);
}
/**
 * What counts as "the reading changed" for the log: status, percentage, counts, retry count, the
 * replication lag (what a live-sync gate waits on) and the stable-readings count.
 */
function progressKey({ reading: r, judgement }) {
    return [r?.status, r?.percentage, r?.curCount, r?.totalCount, r?.curRetryCount, r && (0,_udts_status_js__WEBPACK_IMPORTED_MODULE_1__/* .lagSeconds */ .ID)(r), judgement?.streak].join('|');
}


/***/ }),

/***/ 7278:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ ProxyAgent)
/* harmony export */ });
// Stands in for undici inside @actions/http-client (see README.md beside this file). http-client
// imports ProxyAgent only for getAgentDispatcher(), which udts-wait never calls: its requests go
// through node:http and http-client's own proxy tunnel.
class ProxyAgent {
  constructor() {
    throw new Error('udts-wait does not bundle undici: ProxyAgent is not available');
  }
}


/***/ })

};
