/**
 * What a GetUDTSTaskStatus reading is: the status vocabulary, the StatusData shape, and the tolerant
 * reading of a response body (any field may be missing; numbers may come as strings).
 */
import { SHORT_FIELD_CHARS } from '../text.js';
import { asNumber, asObject, asText } from './fields.js';

/** The API action this product calls (and the emulator answers). */
export const STATUS_ACTION = 'GetUDTSTaskStatus';

/** Every status the provider documents, spelled as the API spells them. */
export const KNOWN_STATUSES = [
  'Created', 'Checking', 'Starting', 'Started', 'Dumping', 'Loading', 'Syncing', 'Synced', 'Done',
  'Success', 'Failed', 'RetryPending', 'Stopping', 'Stopped', 'FailedUnrecoverable', 'StoppedUnrecoverable',
] as const;

type KnownStatus = (typeof KNOWN_STATUSES)[number];

export const DEFAULT_SUCCESS_STATES: readonly KnownStatus[] = ['Done', 'Success'];
export const DEFAULT_FAILURE_STATES: readonly KnownStatus[] = [
  'Failed', 'FailedUnrecoverable', 'StoppedUnrecoverable', 'Stopped',
];

const CANONICAL_BY_LOWER = new Map<string, KnownStatus>(KNOWN_STATUSES.map((s) => [s.toLowerCase(), s]));

/**
 * The documented spelling of a status name given in any case and spacing ("\n\t done ",
 * "Failed Unrecoverable"), or undefined when it is not one.
 */
export function canonicalStatus(name: string): KnownStatus | undefined {
  return CANONICAL_BY_LOWER.get(name.replace(/[\s\u0085]/g, '').toLowerCase());
}

/** One reading of a task, flattened from StatusData; undefined where the API gave nothing. */
export interface Reading {
  status?: string;
  failedMessage?: string;
  curRetryCount?: number;
  maxRetryCount?: number;
  totalCount?: number;
  curCount?: number;
  totalDuration?: number;
  curDuration?: number;
  percentage?: number;
  redisOffsetSize?: number;
  redisDelayTime?: number;
  mongoDelayTime?: number;
  binlogName?: string;
  binlogPos?: number;
  binlogGtid?: string;
  /** A lag field was sent but is no lag (not a finite number of seconds, 0 or more). */
  lagUnreadable?: true;
}

/** The lag fields: a number of seconds, 0 or more; null or absent is no figure. */
const LAG_FIELDS = ['RedisDelayTime', 'MongoDelayTime'] as const;

/** Reads the `Data` object of a GetUDTSTaskStatus response into a Reading. */
export function readingFromData(data: unknown): Reading {
  const root = asObject(data);
  const progress = asObject(root.Progress);
  const sync = asObject(root.Sync);
  const reading: Reading = {
    status: asText(root.Status, SHORT_FIELD_CHARS),
    failedMessage: asText(root.FailedMessage),
    curRetryCount: asNumber(root.CurRetryCount),
    maxRetryCount: asNumber(root.MaxRetryCount),
    totalCount: asNumber(progress.TotalCount),
    curCount: asNumber(progress.CurCount),
    totalDuration: asNumber(progress.TotalDuration),
    curDuration: asNumber(progress.CurDuration),
    percentage: asNumber(progress.Percentage),
    redisOffsetSize: asNumber(progress.RedisOffsetSize),
    redisDelayTime: asLag(progress.RedisDelayTime),
    mongoDelayTime: asLag(progress.MongoDelayTime),
    binlogName: asText(sync.BinlogName, SHORT_FIELD_CHARS),
    binlogPos: asNumber(sync.BinlogPos),
    binlogGtid: asText(sync.BinlogGTID),
    // A lag that is there but unreadable must not count as "within max-lag" (1e999, "abc", -100).
    lagUnreadable: LAG_FIELDS.some((field) => progress[field] !== undefined && progress[field] !== null && asLag(progress[field]) === undefined) || undefined,
  };
  // Drop the undefined keys so readings compare and serialise cleanly.
  return Object.fromEntries(Object.entries(reading).filter(([, v]) => v !== undefined)) as Reading;
}

function asLag(value: unknown): number | undefined {
  const seconds = asNumber(value);
  return seconds !== undefined && seconds >= 0 ? seconds : undefined;
}

/** The replication lag the task reports, in seconds (Redis or MongoDB); MySQL reports none. */
export function lagSeconds(reading: Reading): number | undefined {
  return reading.redisDelayTime ?? reading.mongoDelayTime;
}

/** Seconds left by the service's own estimate, when it gives one. */
export function remainingSeconds(reading: Reading): number | undefined {
  const { totalDuration, curDuration } = reading;
  if (totalDuration === undefined || curDuration === undefined || totalDuration <= 0) return undefined;
  return Math.max(0, totalDuration - curDuration);
}
