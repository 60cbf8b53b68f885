/**
 * SIGINT and SIGTERM, listened for from the first moment: the entry imports this module before any
 * other, so it evaluates first (imports evaluate in order, and the bundle keeps that order), and a
 * Ctrl-C while the rest still loads is handled. The CLI stays one file (what npm installs), so its
 * entry imports statically, where the action's loads the rest by a dynamic import.
 */
import { cancelOnSignals, tolerateClosedStreams } from '../core/process.js';

/** Aborted on the first SIGINT or SIGTERM; a second one ends the CLI at once (130). */
export const cancelSignal: AbortSignal = cancelOnSignals('exit');
tolerateClosedStreams();
