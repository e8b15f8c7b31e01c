import * as dns from 'node:dns';
import * as net from 'node:net';

/** Ranges a callback may not reach unless allowed: loopback, link-local, private, and the like. */
const BLOCKED = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata at 169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const)
  BLOCKED.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['fc00::', 7], // unique local
  ['ff00::', 8], // multicast
] as const)
  BLOCKED.addSubnet(prefix, bits, 'ipv6');

/** The 16 bytes of an IPv6 address (with or without a dotted IPv4 tail, `::` anywhere). */
function ipv6Bytes(address: string): number[] {
  let text = address.split('%')[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text =
      text.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => {
    const n = Number.parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
}

/**
 * The IPv4 address an IPv6 address carries, where it can stand for one: IPv4-mapped
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`), IPv4-compatible (`::127.0.0.1`), NAT64 (`64:ff9b::/96`)
 * and 6to4 (`2002:AABB:CCDD::/48`).
 */
export function embeddedIpv4(address: string): string | undefined {
  const b = ipv6Bytes(address);
  const v4 = (at: number) => b.slice(at, at + 4).join('.');
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4(12);
  if (zero(0, 12) && !zero(12, 16) && !(zero(12, 15) && b[15] === 1)) return v4(12);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return v4(12);
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2);
  return undefined;
}

/** Whether an address is loopback, link-local, private or otherwise not a public host (IPv4 or IPv6). */
export function isInternalAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  if (v4 !== undefined && BLOCKED.check(v4, 'ipv4')) return true;
  return BLOCKED.check(address.split('%')[0]!, 'ipv6');
}

/** `IPLUS_CALLBACK_ALLOW`: host names, addresses and CIDR ranges callbacks may reach although internal. */
export class CallbackAllowList {
  private readonly names = new Set<string>();
  private readonly ranges = new net.BlockList();

  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, '');
      if (!entry) continue;
      const [ip, bits] = entry.split('/');
      const family = net.isIP(ip!);
      if (family === 0) this.names.add(entry);
      else {
        const type = family === 4 ? 'ipv4' : 'ipv6';
        this.ranges.addSubnet(ip!, bits === undefined ? (family === 4 ? 32 : 128) : Number(bits), type);
      }
    }
  }

  /** Parses the comma-separated setting. */
  static parse(setting: string | undefined): CallbackAllowList {
    return new CallbackAllowList((setting ?? '').split(','));
  }

  allowsName(hostname: string): boolean {
    return this.names.has(hostname.toLowerCase().replace(/^\[|\]$/g, ''));
  }

  allowsAddress(address: string): boolean {
    const family = net.isIP(address);
    if (family === 0) return false;
    if (this.ranges.check(address, family === 4 ? 'ipv4' : 'ipv6')) return true;
    const v4 = family === 6 ? embeddedIpv4(address) : undefined;
    return v4 !== undefined && this.ranges.check(v4, 'ipv4');
  }
}

/** Where a callback may go: the address to connect to, or why not. */
export type CallbackTarget = { ok: true; address: string; family: 4 | 6 } | { ok: false; reason: string };

/**
 * Resolves a callback URL's host once and decides on the addresses found: every one must be public,
 * unless the host name or the address is on the allow-list. The caller connects to the address
 * returned (never resolving again), so a name that answers a public address now and `127.0.0.1` a
 * moment later (DNS rebinding) cannot steer the request inside.
 */
export async function resolveCallbackTarget(
  url: URL,
  allow: CallbackAllowList,
  lookup: (host: string) => Promise<Array<{ address: string; family: number }>> = (host) =>
    dns.promises.lookup(host, { all: true, verbatim: true }),
): Promise<CallbackTarget> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let found: Array<{ address: string; family: number }>;
  if (net.isIP(host)) found = [{ address: host, family: net.isIP(host) }];
  else {
    try {
      found = await lookup(host);
    } catch (e) {
      return {
        ok: false,
        reason: `host ${host} does not resolve (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      };
    }
  }
  if (found.length === 0) return { ok: false, reason: `host ${host} does not resolve` };
  if (!allow.allowsName(host)) {
    const internal = found.filter((a) => isInternalAddress(a.address) && !allow.allowsAddress(a.address));
    if (internal.length > 0) {
      return {
        ok: false,
        reason:
          `${host} is ${internal.map((a) => a.address).join(', ')}: loopback, link-local and private addresses ` +
          'are not callback targets (an operator can allow a host with IPLUS_CALLBACK_ALLOW)',
      };
    }
  }
  return { ok: true, address: found[0]!.address, family: found[0]!.family === 6 ? 6 : 4 };
}
