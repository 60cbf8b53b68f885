/**
 * The check runs the fake GitHub API keeps, shaped as GitHub's REST API answers them, and GitHub's
 * validation (422) of what a client sends to create or update one.
 */

/** A check run as GitHub answers it (the fields a client reads). */
export interface CheckRun {
  id: number;
  node_id: string;
  name: string;
  head_sha: string;
  external_id: string | null;
  url: string;
  html_url: string;
  details_url: string | null;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number; annotations_url: string };
  check_suite: { id: number };
  app: { slug: string; name: string };
  pull_requests: unknown[];
}

/** A kept check run and the repository (`owner/repo`) it belongs to. */
export interface KeptCheckRun {
  repository: string;
  run: CheckRun;
}

type Body = Record<string, unknown>;

/** GitHub's answer to a body it refuses (HTTP 422). */
export interface GithubRefusalBody {
  message: string;
  errors?: Array<{ resource: string; code: string; field: string; message: string }>;
}

const STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'];
/** What a client may set; `stale` and `startup_failure` only GitHub sets. */
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'timed_out'];
const OUTPUT_FIELDS = ['title', 'summary', 'text'] as const;
/** GitHub's limit on output.title, summary and text: 65,535 characters, and since 2024 as many UTF-8 bytes. */
const OUTPUT_LIMIT = 65_535;

/** At most this many annotations and actions a request. */
const MAX_ANNOTATIONS = 50;
const MAX_ACTIONS = 3;
/** A date-time as GitHub reads it: ISO 8601, `YYYY-MM-DDTHH:MM:SSZ` (fractions and offsets allowed). */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

const tooMany = (field: string, count: number, max: number) => invalid(`For 'properties/${field}', ${count} items are more than the maximum of ${max}.`);
const invalid = (detail: string): GithubRefusalBody => ({ message: `Invalid request.\n\n${detail}` });
const notMember = (field: string, value: unknown, allowed: string[]) =>
  invalid(`For 'properties/${field}', ${JSON.stringify(value)} is not a member of ${JSON.stringify(allowed)}.`);

/** GitHub's 422 answer to a create (`creating`) or update body, or undefined when GitHub would take it. */
export function validationError(body: Body, creating: boolean): GithubRefusalBody | undefined {
  for (const field of creating ? ['name', 'head_sha'] : []) {
    if (typeof body[field] !== 'string' || body[field] === '') return invalid(`"${field}" wasn't supplied.`);
  }
  if (body.status !== undefined && !STATUSES.includes(body.status as string)) return notMember('status', body.status, STATUSES);
  if (body.conclusion !== undefined && !CONCLUSIONS.includes(body.conclusion as string)) {
    return notMember('conclusion', body.conclusion, CONCLUSIONS);
  }
  if ((body.status === 'completed' || body.completed_at !== undefined) && body.conclusion === undefined) {
    return invalid('"conclusion" wasn\'t supplied.');
  }
  for (const field of ['started_at', 'completed_at']) {
    if (body[field] !== undefined && !(typeof body[field] === 'string' && ISO_8601.test(body[field]))) {
      return invalid(`For 'properties/${field}', ${JSON.stringify(body[field])} is not a date-time.`);
    }
  }
  if (Array.isArray(body.actions) && body.actions.length > MAX_ACTIONS) return tooMany('actions', body.actions.length, MAX_ACTIONS);
  return body.output === undefined ? undefined : outputError(body.output, creating);
}

function outputError(output: unknown, creating: boolean): GithubRefusalBody | undefined {
  if (typeof output !== 'object' || output === null) return invalid(`For 'properties/output', ${JSON.stringify(output)} is not an object.`);
  const fields = output as Body;
  for (const field of creating ? ['title', 'summary'] : ['summary']) {
    if (typeof fields[field] !== 'string') return invalid(`"${field}" wasn't supplied.`);
  }
  if (Array.isArray(fields.annotations) && fields.annotations.length > MAX_ANNOTATIONS) {
    return tooMany('output/annotations', fields.annotations.length, MAX_ANNOTATIONS);
  }
  for (const field of OUTPUT_FIELDS) {
    const text = fields[field];
    if (typeof text !== 'string') continue;
    const characters = [...text].length;
    if (characters > OUTPUT_LIMIT) return invalid(`Only ${OUTPUT_LIMIT} characters are allowed; ${characters} were supplied.`);
    if (Buffer.byteLength(text, 'utf8') > OUTPUT_LIMIT) {
      const message = `${field} exceeds a maximum bytesize of ${OUTPUT_LIMIT}`;
      return { message: 'Validation Failed', errors: [{ resource: 'CheckRun', code: 'custom', field, message }] };
    }
  }
  return undefined;
}

/** A new check run from a valid create body; `apiUrl` is where it can be read back. */
export function newCheckRun(id: number, body: Body, apiUrl: string, htmlUrl: string, nowIso: string): CheckRun {
  const run: CheckRun = {
    id,
    node_id: Buffer.from(`CheckRun${id}`).toString('base64'),
    name: body.name as string,
    head_sha: body.head_sha as string,
    external_id: '',
    url: apiUrl,
    html_url: htmlUrl,
    details_url: null,
    status: 'queued',
    conclusion: null,
    started_at: nowIso,
    completed_at: null,
    output: { title: null, summary: null, text: null, annotations_count: 0, annotations_url: `${apiUrl}/annotations` },
    check_suite: { id: 900_000 + id },
    app: { slug: 'github-actions', name: 'GitHub Actions' },
    pull_requests: [],
  };
  applyUpdate(run, body, nowIso);
  return run;
}

/** Applies a valid update body as GitHub does: a conclusion completes the run. */
export function applyUpdate(run: CheckRun, body: Body, nowIso: string): void {
  for (const field of ['name', 'details_url', 'external_id', 'started_at'] as const) {
    if (typeof body[field] === 'string') run[field] = body[field];
  }
  // GitHub never reopens a completed run: its status and conclusion stay; the rest still changes.
  if (run.status === 'completed') {
    applyOutput(run, body);
    return;
  }
  if (typeof body.status === 'string') run.status = body.status;
  if (typeof body.conclusion === 'string') {
    run.conclusion = body.conclusion;
    run.status = 'completed';
    run.completed_at = typeof body.completed_at === 'string' ? body.completed_at : nowIso;
  } else if (body.status !== undefined && body.status !== 'completed') {
    run.conclusion = null;
    run.completed_at = null;
  }
  applyOutput(run, body);
}

function applyOutput(run: CheckRun, body: Body): void {
  const output = body.output as Body | undefined;
  for (const field of OUTPUT_FIELDS) {
    if (typeof output?.[field] === 'string') run.output[field] = output[field];
  }
}

/** GitHub's list answer: the repository's runs on `ref`, the latest per name unless `filter=all`, newest first. */
export function listRuns(kept: KeptCheckRun[], repository: string, ref: string, query: URLSearchParams) {
  const name = query.get('check_name');
  const status = query.get('status');
  let runs: CheckRun[] = kept
    .filter((entry) => entry.repository === repository && entry.run.head_sha === ref)
    .map((entry) => entry.run)
    .filter((run) => (name === null || run.name === name) && (status === null || run.status === status))
    .sort((a, b) => b.id - a.id);
  if (query.get('filter') !== 'all') runs = runs.filter((run, index) => runs.findIndex((other) => other.name === run.name) === index);
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  return { total_count: runs.length, check_runs: runs.slice((page - 1) * perPage, page * perPage) };
}
