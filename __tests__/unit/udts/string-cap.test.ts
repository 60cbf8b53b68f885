/** Every string of an answer cut as its bytes arrive, so a hostile answer never becomes a huge string. */
import { describe, expect, it } from 'vitest';
import { stringCapper } from '../../../src/udts/string-cap.js';
import { capText } from '../../../src/text.js';

/** The body as the capper passes it, fed in the given chunks. */
function capped(chunks: string[], keepBytes: number): string {
  const cap = stringCapper(keepBytes);
  return Buffer.concat(chunks.map((chunk) => cap(Buffer.from(chunk)))).toString('utf8');
}

describe('stringCapper', () => {
  it.each([
    ['a string within the cap passes whole', ['{"a":"abc","b":1}'], 3, { a: 'abc', b: 1 }],
    ['a longer one keeps its first bytes and says how many characters went', ['{"a":"hello world","b":1}'], 5, { a: 'hello… [6 more characters cut]', b: 1 }],
    ['across chunks, the same', ['{"a":"hel', 'lo wo', 'rld","b":"x"}'], 5, { a: 'hello… [6 more characters cut]', b: 'x' }],
    ['an escaped quote is no end, and an escape is never split', ['{"a":"ab\\"cdef"}'], 3, { a: 'ab"… [4 more characters cut]' }],
    ['a \\u escape is one character', ['{"a":"a\\u00e9\\u00e9bc"}'], 1, { a: 'a… [4 more characters cut]' }],
    ['UTF-8 is cut between characters; past U+FFFF counts two UTF-16 units', ['{"a":"aé😀bcd"}'], 2, { a: 'aé… [5 more characters cut]' }],
    ['keys, numbers and every string in turn', [JSON.stringify({ s: 'x'.repeat(100), n: 12345678, t: 'y'.repeat(50) })], 10, { s: `${'x'.repeat(10)}… [90 more characters cut]`, n: 12345678, t: `${'y'.repeat(10)}… [40 more characters cut]` }],
  ])('%s', (_what, chunks, keepBytes, parsed) => {
    expect(JSON.parse(capped(chunks, keepBytes))).toEqual(parsed);
  });

  it('a value cut as read, cut again later, counts everything it lost', () => {
    const read = JSON.parse(capped([JSON.stringify({ a: 'z'.repeat(1_000) })], 100)).a as string;
    expect(capText(read, 50)).toBe(`${'z'.repeat(22)}… [978 more characters cut]`);
    expect(capText('z'.repeat(1_000), 50)).toBe(capText(read, 50));
  });
});
