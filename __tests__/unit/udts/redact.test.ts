import { describe, expect, it } from 'vitest';
import { signatureRemover } from '../../../src/udts/redact.js';

const OURS = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
const OTHER = '4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65';
const KEY = 'pr1v+key/with.special*chars é\t';
const remove = signatureRemover(OURS, KEY);

describe('signatureRemover', () => {
  it.each([
    ['our signature alone', OURS, '[signature removed]'],
    ['our signature upper-cased, twice', `${OURS.toUpperCase()} and ${OURS}`, '[signature removed] and [signature removed]'],
    ['our signature inside other text', `x${OURS}y`, 'x[signature removed]y'],
    ['a form echo of another request', `TaskId=t&Signature=${OTHER}&PublicKey=p`, 'TaskId=t&Signature=[signature removed]&PublicKey=p'],
    ['a JSON echo', `{"Signature": "${OTHER}"}`, '{"Signature": "[signature removed]"}'],
    ['a header-style echo', `signature: ${OTHER}`, 'signature: [signature removed]'],
    ['an echo spaced around its =', `Signature = ${OTHER}`, 'Signature = [signature removed]'],
    ['a URL-encoded echo', `q=Signature%3D${OTHER.toUpperCase()}`, 'q=Signature%3D[signature removed]'],
    ['the private key quoted in the signed text', `StringToSign: ActionGetUDTSTaskStatusTaskIdt1${KEY}`, 'StringToSign: ActionGetUDTSTaskStatusTaskIdt1[private key removed]'],
    ['the private key URL-encoded', `key=${encodeURIComponent(KEY)}&x`, 'key=[private key removed]&x'],
    ['the private key percent-encoded in lower case', `key=${encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}&x`, 'key=[private key removed]&x'],
    ['the private key form-encoded', `${new URLSearchParams({ key: KEY })}`, 'key=[private key removed]'],
    ['the private key twice, once with a letter percent-encoded', `${KEY} ${KEY.replace('k', '%6B')}`, '[private key removed] [private key removed]'],
  ])('removes %s', (_what, text, expected) => {
    expect(remove(text)).toBe(expected);
  });

  it.each([
    ['another 40-hex value not named Signature', `BinlogGTID=${OTHER}`],
    ['a Signature value that is not 40 hex digits', 'Signature=abc123'],
    ['text without any', 'Loading 47%'],
    ['the key with a character other than its space written +', KEY.replace('1', '+')],
  ])('leaves %s as it is', (_what, text) => {
    expect(remove(text)).toBe(text);
    expect(signatureRemover(OURS, '')(text)).toBe(text);
  });
});
