/**
 * Keeps the request's signature out of everything the client hands on. An API (or a proxy's error
 * page) that echoes the request would otherwise put it in messages, the log, the summary and outputs;
 * the signed parameters never change between polls, so whoever reads it could replay the call.
 */

/** What stands where a signature was. Removed, not masked: add-mask would print a command per poll. */
const SIGNATURE_REMOVED = '[signature removed]';

// "Signature=<40 hex>", "Signature: …", "\"Signature\":\"…\"", "Signature%3D…": any request echoed in any form.
const ECHOED = /(signature["']?\s*(?:=|:|%3D)\s*["']?)[0-9a-f]{40}/gi;

/** A function that removes `signature` (a lowercase SHA-1 hex, matched in any case) and any `Signature=<hex>` echo from text. */
export function signatureRemover(signature: string): (text: string) => string {
  // A hex digest holds no character special to a RegExp.
  const ours = new RegExp(signature, 'gi');
  return (text) => text.replace(ours, SIGNATURE_REMOVED).replace(ECHOED, `$1${SIGNATURE_REMOVED}`);
}
