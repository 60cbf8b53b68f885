// @ts-check
// Loaded into the action's process by the proxy tests (NODE_OPTIONS=--import): a hosts file for the
// names in UDTS_TEST_HOSTS ({"name": "127.0.0.1"}), so that a direct connection (NO_PROXY) to the
// test's host name reaches 127.0.0.1 without asking any DNS server. Other names resolve as usual.
import dns from 'node:dns';

/** @type {Record<string, string>} */
const hosts = JSON.parse(process.env.UDTS_TEST_HOSTS ?? '{}');
const lookup = dns.lookup;

/**
 * dns.lookup with the test's names answered locally; the signature is node's (options optional).
 * @param {string} hostname
 * @param {unknown} options
 * @param {unknown} [callback]
 */
function testLookup(hostname, options, callback) {
  const address = hosts[hostname];
  if (address === undefined) return Reflect.apply(lookup, dns, [hostname, options, callback].filter((a) => a !== undefined));
  const done = /** @type {(...args: unknown[]) => void} */ (typeof options === 'function' ? options : callback);
  const family = address.includes(':') ? 6 : 4;
  const all = typeof options === 'object' && options !== null && /** @type {{ all?: boolean }} */ (options).all;
  if (all) process.nextTick(done, null, [{ address, family }]);
  else process.nextTick(done, null, address, family);
}

Object.defineProperty(dns, 'lookup', { value: testLookup, writable: true, configurable: true });
