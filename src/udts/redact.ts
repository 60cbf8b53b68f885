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
export function signatureRemover(signature: string, privateKey: string): (text: string) => string {
  // A hex digest holds no character special to a RegExp; a key may.
  const ours = new RegExp(signature, 'gi');
  const key = privateKey === '' ? undefined : new RegExp([...privateKey].map(anyEncoding).join(''), 'g');
  return (text) => {
    const unsigned = text.replace(ours, SIGNATURE_REMOVED).replace(ECHOED, `$1${SIGNATURE_REMOVED}`);
    return key ? unsigned.replace(key, KEY_REMOVED) : unsigned;
  };
}

/** One character of the key as a pattern: itself, or its UTF-8 percent-encoding in either case (a space also `+`). */
function anyEncoding(char: string): string {
  const literal = char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const hex = [...Buffer.from(char)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const escapes = `${hex.replace(/../g, '%$&')}|${hex.toUpperCase().replace(/../g, '%$&')}`;
  return `(?:${literal}|${escapes}${char === ' ' ? '|\\+' : ''})`;
}
