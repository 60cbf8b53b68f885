import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sentParams, sign, type ParamValue } from '../../../src/udts/signature.js';

// The test vectors UCloud publishes beside its API signature algorithm (the API documentation's "Signature" page).
const PUBLIC_KEY = 'ucloudsomeone@example.com1296235120854146120';
const PRIVATE_KEY = '46f09bb9fab4f12dfc160dae12273d5332b5debe';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

describe('sign: published vectors', () => {
  // Keys given out of order: sign() sorts them itself.
  it('DescribeUHostInstance', () => {
    const params = { Region: 'cn-bj2', Limit: 10, PublicKey: PUBLIC_KEY, Action: 'DescribeUHostInstance' };
    expect(sign(params, PRIVATE_KEY)).toBe('cba5cf5ec4d4233d206b1b54951e3787350a642f');
  });

  it('CreateUHostInstance (CPU sorts before ChargeType: code-unit order, not locale order)', () => {
    const params = {
      Zone: 'cn-bj2-04', Region: 'cn-bj2', Quantity: 1, PublicKey: PUBLIC_KEY, Password: 'VUNsb3VkLmNu',
      Name: 'Host01', Memory: 2048, LoginMode: 'Password', ImageId: 'f43736e1-65a5-4bea-ad2e-8a46e18883c2',
      DiskSpace: 10, ChargeType: 'Month', CPU: 2, Action: 'CreateUHostInstance',
    };
    expect(sign(params, PRIVATE_KEY)).toBe('4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65');
  });
});

describe('sign: what is signed', () => {
  const base = { Action: 'GetUDTSTaskStatus', PublicKey: 'pub', TaskId: 'udts-1' };
  const expected = sha1('ActionGetUDTSTaskStatusPublicKeypubTaskIdudts-1priv');

  it.each<[string, Record<string, ParamValue>]>([
    ['undefined', { ProjectId: undefined }],
    ['null', { ProjectId: null }],
    ['empty string', { ProjectId: '' }],
    ['several empties', { ProjectId: '', Type: undefined, Zone: null }],
  ])('drops %s parameters', (_what, extra) => {
    expect(sign({ ...base, ...extra }, 'priv')).toBe(expected);
  });

  it('never signs a Signature parameter', () => {
    expect(sign({ ...base, Signature: 'abc' }, 'priv')).toBe(expected);
  });

  it('keeps a parameter that is set, in its sorted place', () => {
    expect(sign({ ...base, ProjectId: 'org-1', Type: 'transfer' }, 'priv')).toBe(
      sha1('ActionGetUDTSTaskStatusProjectIdorg-1PublicKeypubTaskIdudts-1Typetransferpriv'),
    );
  });

  it('gives a different signature for another private key or value', () => {
    expect(sign(base, 'other')).not.toBe(expected);
    expect(sign({ ...base, TaskId: 'udts-2' }, 'priv')).not.toBe(expected);
  });

  it('hashes the text as UTF-8', () => {
    expect(sign({ Name: 'héllo' }, 'k')).toBe(sha1('Namehéllok'));
  });
});

describe('number and boolean formatting', () => {
  it.each<[ParamValue, string]>([
    [10, '10'],
    [0, '0'],
    [-3, '-3'],
    [2.0, '2'],
    [1.5, '1.5'],
    [0.25, '0.25'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [1.2345e-9, '0.0000000012345'],
    [-3.5e-8, '-0.000000035'],
    [0.000001, '0.000001'],
    [true, 'true'],
    [false, 'false'],
    ['x y', 'x y'],
  ])('%j is sent and signed as %j', (value, text) => {
    expect(sentParams({ Value: value })).toEqual({ Value: text });
    expect(sign({ Value: value }, 'k')).toBe(sha1(`Value${text}k`));
  });

  it('sentParams keeps the given keys and drops the empty ones', () => {
    expect(sentParams({ A: 'a', B: '', C: null, D: undefined, E: 0, F: false })).toEqual({ A: 'a', E: '0', F: 'false' });
  });
});
