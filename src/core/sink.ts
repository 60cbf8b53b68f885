import type { Settings } from './settings.js';
import type { ServiceHistory } from '../wait/service-history.js';
import type { WaitObserver, WaitResult } from '../wait/types.js';
import type { LineSink } from '../report/lines.js';

/** The process environment as the front doors and the check run read it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** What a wait leaves to publish: how it ended, and the service's own history of each task. */
export interface GateRecord {
  readonly result: WaitResult;
  readonly history: ServiceHistory;
}

/** The slice of the settings a sink reads: how a timeout ends, the check run, the tasks (they name its gate). */
export type PublishOptions = Pick<Settings, 'failOnTimeout' | 'checkRun' | 'taskIds'>;

/**
 * How a front door shows a run: progress lines as it goes, then the record. The action's sink writes
 * the log, annotations, outputs and job summary; the CLI's writes a terminal and stdout.
 */
export interface RecordSink {
  /** Named in the User-Agent. */
  readonly frontDoor: 'action' | 'cli';
  /** Hides a secret in everything printed after it (the action's add-mask). */
  secret(value: string): void;
  readonly lines: LineSink;
  /** Debug lines (each request's parameters, never a secret), when the front door wants them. */
  readonly debug?: (line: string) => void;
  /** Before the wait: an observer of its own (the action's check run), if the options ask for one. */
  watch?(options: PublishOptions): Promise<WaitObserver | undefined>;
  /** Publishes the record of a wait. Never throws: a failing part must not silence the others. */
  publish(record: GateRecord, options: PublishOptions): Promise<void>;
  /** Publishes a run that could not start (bad input, or an unexpected error). Never throws. */
  publishSetupError(error: Error): Promise<void>;
}
