import { createHash } from 'node:crypto';

/** A request parameter as the API takes it; null and undefined mean "not sent". */
export type ParamValue = string | number | boolean | null | undefined;

/**
 * The UCloud "VerifyAC" signature: sort the sent parameters (Signature excluded, empty ones dropped)
 * by plain code-unit order, concatenate key + value, append the private key, SHA-1, lowercase hex.
 * Only flat parameters: GetUDTSTaskStatus has no arrays or objects.
 */
export function sign(params: Readonly<Record<string, ParamValue>>, privateKey: string): string {
  const sent = sentParams(params);
  const signed = Object.keys(sent)
    .filter((key) => key !== 'Signature')
    // Plain sort() compares UTF-16 code units, as the API does ("CPU" before "ChargeType").
    .sort()
    .map((key) => key + sent[key])
    .join('');
  // A string is hashed as UTF-8.
  return createHash('sha1').update(signed + privateKey).digest('hex');
}

/** The parameters that go on the wire, as text: null, undefined and empty strings are left out. */
export function sentParams(params: Readonly<Record<string, ParamValue>>): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const text = paramText(value);
    if (text !== '') sent[key] = text;
  }
  return sent;
}

function paramText(value: ParamValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // Integral numbers without ".0" and never in exponent form; fractions as JS writes them.
    if (Number.isInteger(value)) return BigInt(value).toString();
    // Only fractions below 1e-6 print with an exponent ("1e-7"); the API signs them written out.
    // split() gives at least one part.
    const [mantissa, exponent] = String(value).split('e') as [string, string?];
    if (exponent === undefined) return mantissa;
    const [whole, fraction = ''] = mantissa.replace('-', '').split('.') as [string, string?];
    return `${mantissa.startsWith('-') ? '-' : ''}0.${'0'.repeat(-Number(exponent) - whole.length)}${whole}${fraction}`;
  }
  return String(value);
}
