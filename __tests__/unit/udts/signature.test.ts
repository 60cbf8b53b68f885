import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sentParams, sign, type ParamValue } from '../../../src/udts/signature.js';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

describe('sign', () => {
  // The test vectors UCloud publishes beside its signature algorithm, keys given out of order: sign() sorts them itself.
  const PUBLIC_KEY = 'ucloudsomeone@example.com1296235120854146120';
  const PRIVATE_KEY = '46f09bb9fab4f12dfc160dae12273d5332b5debe';
  it.each<[string, Record<string, ParamValue>, string]>([
    ['DescribeUHostInstance', { Region: 'cn-bj2', Limit: 10, PublicKey: PUBLIC_KEY, Action: 'DescribeUHostInstance' }, 'cba5cf5ec4d4233d206b1b54951e3787350a642f'],
    ['CreateUHostInstance (CPU sorts before ChargeType: code-unit order, not locale order)', {
      Zone: 'cn-bj2-04', Region: 'cn-bj2', Quantity: 1, PublicKey: PUBLIC_KEY, Password: 'VUNsb3VkLmNu', Name: 'Host01', Memory: 2048, LoginMode: 'Password',
      ImageId: 'f43736e1-65a5-4bea-ad2e-8a46e18883c2', DiskSpace: 10, ChargeType: 'Month', CPU: 2, Action: 'CreateUHostInstance',
    }, '4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65'],
  ])('matches the published vector %s', (_what, params, signature) => {
    expect(sign(params, PRIVATE_KEY)).toBe(signature);
  });

  const base = { Action: 'GetUDTSTaskStatus', PublicKey: 'pub', TaskId: 'udts-1' };
  const BASE_TEXT = 'ActionGetUDTSTaskStatusPublicKeypubTaskIdudts-1';
  it.each<[string, Record<string, ParamValue>, string, string]>([
    ['drops an undefined parameter', { ...base, ProjectId: undefined }, 'priv', `${BASE_TEXT}priv`],
    ['drops a null parameter', { ...base, ProjectId: null }, 'priv', `${BASE_TEXT}priv`],
    ['drops an empty string parameter', { ...base, ProjectId: '' }, 'priv', `${BASE_TEXT}priv`],
    ['drops several empties', { ...base, ProjectId: '', Type: undefined, Zone: null }, 'priv', `${BASE_TEXT}priv`],
    ['never signs a Signature parameter', { ...base, Signature: 'abc' }, 'priv', `${BASE_TEXT}priv`],
    ['keeps a parameter that is set, in its sorted place', { ...base, ProjectId: 'org-1', Type: 'transfer' }, 'priv',
      'ActionGetUDTSTaskStatusProjectIdorg-1PublicKeypubTaskIdudts-1Typetransferpriv'],
    ['signs with the private key given', base, 'other', `${BASE_TEXT}other`],
    ['signs the values given', { ...base, TaskId: 'udts-2' }, 'priv', 'ActionGetUDTSTaskStatusPublicKeypubTaskIdudts-2priv'],
    ['hashes the text as UTF-8', { Name: 'héllo' }, 'k', 'Namehéllok'],
  ])('%s', (_what, params, privateKey, signed) => {
    expect(sign(params, privateKey)).toBe(sha1(signed));
  });
});

describe('number and boolean formatting', () => {
  it.each<[ParamValue, string]>([
    [10, '10'], [0, '0'], [-3, '-3'], [2.0, '2'], [1.5, '1.5'], [0.25, '0.25'], [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'], [1.2345e-9, '0.0000000012345'], [-3.5e-8, '-0.000000035'], [0.000001, '0.000001'],
    [true, 'true'], [false, 'false'], ['x y', 'x y'],
  ])('%j is sent and signed as %j', (value, text) => {
    expect(sentParams({ Value: value })).toEqual({ Value: text });
    expect(sign({ Value: value }, 'k')).toBe(sha1(`Value${text}k`));
  });

  it('sentParams keeps the given keys and drops the empty ones', () => {
    expect(sentParams({ A: 'a', B: '', C: null, D: undefined, E: 0, F: false })).toEqual({ A: 'a', E: '0', F: 'false' });
  });
});
