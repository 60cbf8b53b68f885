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
export function stringCapper(keepBytes: number = STRING_KEEP_BYTES): (chunk: Buffer) => Buffer {
  let inString = false;
  // Bytes of the current escape still to come: 1 after a backslash, then 4 more after `\u`.
  let escapeLeft = 0;
  let kept = 0;
  let cutting = false;
  let droppedUnits = 0;
  return (chunk) => {
    const out: Buffer[] = [];
    // Where the run of bytes passing through began in this chunk; -1 while a string's tail is dropped.
    let from = cutting ? -1 : 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i] as number;
      if (!inString) {
        if (byte === QUOTE) [inString, kept, cutting, droppedUnits] = [true, 0, false, 0];
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
      if (inEscape) escapeLeft = escapeLeft === 1 && byte === LETTER_U ? 4 : escapeLeft - 1;
      else if (byte === BACKSLASH) escapeLeft = 1;
      // One UTF-16 unit per character or escape dropped; two for a character past U+FFFF (a 4-byte lead).
      if (!cutting) kept += 1;
      else if (startsCharacter) droppedUnits += byte >= 0xf0 ? 2 : 1;
    }
    if (from >= 0) out.push(chunk.subarray(from));
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  };
}
