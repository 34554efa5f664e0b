/**
 * Classifies IP addresses, and decides which ones a request may connect to.
 *
 * A grant names hosts, but a name can resolve to anything: a servlet granted `https://*.example.com`
 * must not reach the person's router, a service on loopback or the cloud metadata endpoint just
 * because someone pointed a DNS record there (SSRF through DNS). So every address actually
 * connected to is checked: public addresses are fine; any other address only when the grant that
 * matched names that very address (`http://127.0.0.1:8080`, `http://[::1]:9000`), or `localhost`
 * for loopback.
 *
 * Parsing goes through the WHATWG URL parser, which every runtime has and which canonicalises every
 * spelling of an address (`2130706433`, `0177.0.0.1`, `0x7f.1`, `::ffff:127.0.0.1`): the check
 * sees one canonical form, whatever form the guest or the resolver used.
 */

/** What kind of address something is. Everything but `public` is refused unless granted literally. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmark'
  | 'reserved';

/** Which non-public addresses one request may connect to; plain data, so it can cross to a worker thread. */
export interface AddressPolicy {
  /** Canonical addresses the matched grant names literally (IPv4 dotted, IPv6 without brackets). */
  readonly literal: readonly string[];
  /** Whether loopback addresses are allowed: the matched grant names `localhost`. */
  readonly loopback: boolean;
}

/** The policy of a request whose URL matched no address grant: public addresses only. */
export const PUBLIC_ONLY: AddressPolicy = { literal: [], loopback: false };

/** An address in canonical form: `127.0.0.1`, `::ffff:7f00:1`. Undefined when `text` is not an IP address. */
export function canonicalAddress(text: string): string | undefined {
  // Zone ids (`fe80::1%eth0`) do not change what kind of address it is, and URL rejects them.
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (bare === '') return undefined;
  try {
    if (bare.includes(':')) return new URL(`http://[${bare}]`).hostname.slice(1, -1);
    const host = new URL(`http://${bare}`).hostname;
    return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

function ipv4Number(dotted: string): number {
  return dotted.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function inV4(value: number, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(value / size) === Math.floor(ipv4Number(base) / size);
}

function classifyIpv4(dotted: string): AddressClass {
  const value = ipv4Number(dotted);
  if (inV4(value, '0.0.0.0', 8)) return 'unspecified'; // "this network": 0.0.0.0 reaches the local host on Linux
  if (inV4(value, '127.0.0.0', 8)) return 'loopback';
  if (inV4(value, '10.0.0.0', 8) || inV4(value, '172.16.0.0', 12) || inV4(value, '192.168.0.0', 16)) return 'private';
  if (inV4(value, '100.64.0.0', 10)) return 'shared'; // carrier-grade NAT (RFC 6598), also some clouds' metadata
  if (inV4(value, '169.254.0.0', 16)) return 'link-local'; // includes 169.254.169.254, the cloud metadata endpoint
  if (inV4(value, '192.0.2.0', 24) || inV4(value, '198.51.100.0', 24) || inV4(value, '203.0.113.0', 24)) return 'documentation';
  if (inV4(value, '198.18.0.0', 15)) return 'benchmark';
  if (inV4(value, '192.0.0.0', 24) || inV4(value, '192.88.99.0', 24)) return 'reserved';
  if (inV4(value, '224.0.0.0', 4)) return 'multicast';
  if (value === 0xffffffff) return 'broadcast';
  if (inV4(value, '240.0.0.0', 4)) return 'reserved';
  return 'public';
}

/** The eight 16-bit groups of a canonical IPv6 address (the URL serialiser writes hex groups only). */
function ipv6Groups(canonical: string): number[] {
  const [head = '', tail] = canonical.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function embeddedIpv4(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The class of an IPv4 address carried inside IPv6; never public for forms that do not route as such. */
function embeddedClass(ipv4: string, routesAsIpv4: boolean): AddressClass {
  const inner = classifyIpv4(ipv4);
  return inner === 'public' && !routesAsIpv4 ? 'reserved' : inner;
}

function classifyIpv6(canonical: string): AddressClass {
  const g = ipv6Groups(canonical);
  const zeroPrefix = (count: number) => g.slice(0, count).every((group) => group === 0);
  if (zeroPrefix(8)) return 'unspecified';
  if (zeroPrefix(7) && g[7] === 1) return 'loopback';
  if (zeroPrefix(5) && g[5] === 0xffff) return embeddedClass(embeddedIpv4(g[6]!, g[7]!), true); // ::ffff:a.b.c.d, mapped
  if (zeroPrefix(6)) return embeddedClass(embeddedIpv4(g[6]!, g[7]!), false); // ::a.b.c.d, deprecated "compatible"
  if (zeroPrefix(4) && g[4] === 0xffff && g[5] === 0) return embeddedClass(embeddedIpv4(g[6]!, g[7]!), false); // ::ffff:0:a.b.c.d (SIIT)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0)) {
    return embeddedClass(embeddedIpv4(g[6]!, g[7]!), true); // NAT64 well-known prefix: reaches the embedded IPv4
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'private'; // local-use NAT64
  if (g[0] === 0x2002) return embeddedClass(embeddedIpv4(g[1]!, g[2]!), true); // 6to4 carries an IPv4 address
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation';
  if (g[0] === 0x3fff && g[1]! < 0x1000) return 'documentation';
  if (g[0] === 0x2001 && g[1] === 2 && g[2] === 0) return 'benchmark';
  if (g[0] === 0x2001 && (g[1] === 0 || g[1]! >> 4 === 1 || g[1]! >> 4 === 2)) return 'reserved'; // Teredo, ORCHID
  if (g[0]! >> 9 === 0x7e) return 'unique-local'; // fc00::/7, including fd00:ec2::254 (cloud metadata over IPv6)
  if (g[0]! >> 6 === 0x3fa) return 'link-local'; // fe80::/10
  if (g[0]! >> 6 === 0x3fb) return 'private'; // fec0::/10, deprecated site-local
  if (g[0]! >> 8 === 0xff) return 'multicast';
  if (g[0]! >> 13 !== 1) return 'reserved'; // only 2000::/3 is global unicast
  return 'public';
}

/** The class of an address; undefined when `text` is not an IP address. */
export function classifyAddress(text: string): AddressClass | undefined {
  const canonical = canonicalAddress(text);
  if (canonical === undefined) return undefined;
  return canonical.includes(':') ? classifyIpv6(canonical) : classifyIpv4(canonical);
}

/** The IPv4 address an IPv4-mapped IPv6 address stands for, else the address itself (both canonical). */
function unmapped(canonical: string): string {
  const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  return match ? embeddedIpv4(parseInt(match[1]!, 16), parseInt(match[2]!, 16)) : canonical;
}

/** The address policy of a request that matched grant host `host` (a pattern's host, brackets allowed). */
export function policyForHost(host: string): AddressPolicy {
  const literal = canonicalAddress(host);
  return { literal: literal === undefined ? [] : [unmapped(literal)], loopback: host === 'localhost' };
}

/** What checking one address found: allowed, or refused with a reason in plain words. */
export type AddressVerdict = { allowed: true } | { allowed: false; addressClass: AddressClass | 'invalid'; reason: string };

/** Plain words for an address class, for messages and the audit log. */
export function describeAddressClass(addressClass: AddressClass | 'invalid', address: string): string {
  if (address === '169.254.169.254' || address === 'fd00:ec2::254') return 'the cloud metadata endpoint';
  const words: Record<AddressClass | 'invalid', string> = {
    public: 'a public address',
    loopback: 'a loopback address',
    private: 'a private-network address',
    shared: 'a carrier-grade NAT address',
    'link-local': 'a link-local address',
    'unique-local': 'a unique-local address',
    unspecified: 'the unspecified address',
    multicast: 'a multicast address',
    broadcast: 'the broadcast address',
    documentation: 'a documentation address',
    benchmark: 'a benchmarking address',
    reserved: 'a reserved address',
    invalid: 'not an IP address',
  };
  return words[addressClass];
}

/** Whether a request under `policy` may connect to `address` (as resolved, or as the socket reports it). */
export function checkAddress(address: string, policy: AddressPolicy): AddressVerdict {
  const canonical = canonicalAddress(address);
  if (canonical === undefined) return { allowed: false, addressClass: 'invalid', reason: `${address} is not an IP address` };
  const addressClass = canonical.includes(':') ? classifyIpv6(canonical) : classifyIpv4(canonical);
  if (addressClass === 'public') return { allowed: true };
  if (policy.literal.includes(unmapped(canonical))) return { allowed: true };
  if (addressClass === 'loopback' && policy.loopback) return { allowed: true };
  const what = describeAddressClass(addressClass, unmapped(canonical));
  return {
    allowed: false,
    addressClass,
    reason: `${address} is ${what}, reachable only when granted by address (for example http://${canonical.includes(':') && unmapped(canonical) === canonical ? `[${canonical}]` : unmapped(canonical)}:PORT)`,
  };
}
