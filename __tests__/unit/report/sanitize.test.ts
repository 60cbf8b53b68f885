import { describe, expect, it } from 'vitest';
import { safeJson, sanitizeText } from '../../../src/report/sanitize.js';
import { capText } from '../../../src/text.js';

describe('sanitizeText', () => {
  it.each([
    ['plain text stays as it is', 'Loading 50%, binlog mysql-bin.000042', 'Loading 50%, binlog mysql-bin.000042'],
    ['line breaks become visible', 'Loading\n::stop-commands::tok\r\n::error::pwned', 'Loading\\n::stop-commands::tok\\r\\n::error::pwned'],
    ['a carriage return cannot start a line', 'b\r::add-mask::Done', 'b\\r::add-mask::Done'],
    ['ESC cannot colour a terminal', '\x1b[32mDone\x1b[0m', '\\x1b[32mDone\\x1b[0m'],
    ['tab, NUL, DEL and C1 controls', '\t\0\x7f\x85\x9b', '\\t\\x00\\x7f\\x85\\x9b'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['bidi overrides and zero-width characters', 'a\u202eb\u200bc\u2066d\ufeff', 'a\\u202eb\\u200bc\\u2066d\\ufeff'],
    ['a lone surrogate', 'a\ud800b', 'a\\ud800b'],
    ['a legacy command anywhere', 'Loading ##[add-mask]Done', 'Loading #\\x23[add-mask]Done'],
    ['three hashes', '###[error]x', '##\\x23[error]x'],
    ['an ignorable character between the hashes cannot hide one', '#\u00ad#[add-mask]x', '#\\xad#[add-mask]x'],
    ['a leading command', '::error::pwned', '\\x3a:error::pwned'],
    ['a leading command after Unicode spaces', '\u00a0\u2003\u3000::warning::x', '\u00a0\u2003\u3000\\x3a:warning::x'],
    ['a leading command after NEL', '\u0085::error::x', '\\x85::error::x'],
    ['"::" not at the start is left alone', 'std::string at ::1', 'std::string at ::1'],
    ['a single leading colon is left alone', ': not a command', ': not a command'],
    ['marks or a tatweel the runner may skip, inside ##[', '#\u0640#[add-mask]x #\u0591\u0592#\u0610[error]y', '#\u0640\\x23[add-mask]x #\u0591\u0592\\x23\u0610[error]y'],
    ['marks or a tatweel before or inside a leading ::', '\u0640::error::x', '\u0640\\x3a:error::x'],
    ['... between the colons', ':\u0640:error::x', '\\x3a\u0640:error::x'],
    ['percent encodings are text', '%0A::error::x', '%0A::error::x'],
    ['astral characters outside the unsafe classes stay', 'done 🎉', 'done 🎉'],
  ])('%s', (_name, text, expected) => {
    expect(sanitizeText(text)).toBe(expected);
  });

  it('is idempotent: a sink may check a line that already passed', () => {
    for (const text of ['a\nb', '::x::y', '##[a]b', '\u0085::z', 'x'.repeat(100_000)]) {
      const once = sanitizeText(text, 1_000);
      expect(sanitizeText(once, 1_000)).toBe(once);
    }
  });

  it('caps the result, after escaping, with a visible marker', () => {
    const text = sanitizeText('\0'.repeat(10_000), 1_000);
    expect(text).toHaveLength(1_000);
    expect(text).toMatch(/… \[\d+ more characters cut\]$/);
  });
});

describe('capText', () => {
  it('leaves text within the cap alone, and says how much it cut from the rest', () => {
    expect(capText('abc', 3)).toBe('abc');
    expect(capText('x'.repeat(200), 100)).toBe(`${'x'.repeat(100 - '… [127 more characters cut]'.length)}… [127 more characters cut]`);
  });

  it('never splits a surrogate pair', () => {
    const text = '🎉'.repeat(100);
    for (let cap = 40; cap < 60; cap += 1) expect(capText(text, cap)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('safeJson', () => {
  it('reads back the same value, with line separators, DEL, C1 and ##[ written as JSON escapes', () => {
    const value = { status: 'a\u2028b\u0085\x7f ##[add-mask]x \n\x1b', n: 1 };
    const json = safeJson(value);
    expect(JSON.parse(json)).toEqual(value);
    for (const char of ['\u2028', '\u2029', '\u0085', '\x7f', '\n', '\x1b', '##[']) expect(json).not.toContain(char);
    expect(json).toContain('#\\u0023[add-mask]');
  });

  it('writes a lone surrogate as U+FFFD, so the JSON is well-formed Unicode; a pair stays', () => {
    const json = safeJson({ status: 'a\ud800', gtid: ['\udfffb\ud83d\ude00'] });
    expect(json).toBe('{"status":"a\ufffd","gtid":["\ufffdb\ud83d\ude00"]}');
    const { status, gtid } = JSON.parse(json) as { status: string; gtid: string[] };
    expect([status, ...gtid].every((text) => text.isWellFormed())).toBe(true);
  });

  it('escapes astral default-ignorables as surrogate pairs, valid JSON', () => {
    const value = 'tag\u{e0001}';
    expect(JSON.parse(safeJson(value))).toBe(value);
    expect(safeJson(value)).toBe('"tag\\udb40\\udc01"');
  });
});
