/**
 * The inputs of the action (and flags of the CLI), one table: names, what they mean, their defaults.
 * action.yml and the README carry the same table; a test keeps the three identical.
 */
import { DEFAULT_FAILURE_STATES, DEFAULT_SUCCESS_STATES } from '../udts/status.js';

export interface InputSpec {
  name: string;
  description: string;
  /** The default as action.yml states it ('' where the action has none). */
  default: string;
  required?: boolean;
  /** Only the action has it (it talks to GitHub); the CLI has no such flag. */
  actionOnly?: boolean;
}

export const INPUTS = [
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
    default: DEFAULT_SUCCESS_STATES.join(', '),
  },
  {
    name: 'failure-states',
    description: 'Task states that fail the job, comma separated (any case).',
    default: DEFAULT_FAILURE_STATES.join(', '),
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
] as const satisfies readonly InputSpec[];

export type InputName = (typeof INPUTS)[number]['name'];

/** Raw input text by name, as the action or the CLI received it; absent or '' means "not given". */
export type RawInputs = Partial<Record<InputName, string>>;

/** The inputs the CLI has as flags: all but the action-only ones. */
export const CLI_INPUTS = INPUTS.filter((input) => !('actionOnly' in input && input.actionOnly));
