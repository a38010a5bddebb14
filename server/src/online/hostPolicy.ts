/**
 * Which hosts online checks may contact (#27.1). A registry's entries name the hosts, so a pull request could point
 * the editor or CI at this machine, the local network or a cloud's metadata service. Only public addresses are
 * contacted, over HTTPS, unless the *user* allows a host (`kasm.images.allowHosts`, `--allow-host`); a repository
 * never can. Addresses are classified by ipaddr.js. This module judges what a URL names; the Node host judges the
 * address a name resolves to, at connect time (node/registryFetch.ts), with `addressRefusal`.
 */
import * as ipaddr from 'ipaddr.js';

/** The error code a refused connection carries, so that it is not mistaken for a registry that is down. */
// Stryker disable next-line StringLiteral: equivalent: only compared with itself, any value marks the same errors.
export const HOST_REFUSED = 'ERR_KASM_HOST_REFUSED';

/** ipaddr.js's ranges, as a person reads them; anything but a public unicast address is refused. */
const RANGE_NAMES: Readonly<Record<string, string>> = {
  loopback: 'a loopback address (this machine)', private: 'a private address', linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address', unspecified: 'the unspecified address', multicast: 'a multicast address',
  broadcast: 'the broadcast address', carrierGradeNat: 'a carrier-grade NAT address', reserved: 'a reserved address',
};
/** Cloud metadata services: link-local or unique-local already, named so that the message says what they are. */
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

/** Thrown before a request the policy refuses: the image is "not checked", with the reason. */
export class HostRefused extends Error {
  readonly code = HOST_REFUSED;
}

/** Why an address (IPv4 or IPv6, no brackets) may not be contacted, or undefined for a public one. */
export function addressRefusal(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try { parsed = ipaddr.parse(address); } catch { return undefined; }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  if (METADATA.has(parsed.toNormalizedString()) || METADATA.has(parsed.toString())) return `${address} is a cloud metadata address`;
  return `${address} is ${RANGE_NAMES[range] ?? `an address of the ${range} range`}`;
}

/** Whether the user allowed this host: `host` allows every port of it, `host:port` that port only. */
export function isAllowedHost(url: URL, allowed: readonly string[]): boolean {
  // Stryker disable next-line MethodExpression: equivalent: the URL parser lower-cases host names already.
  const host = url.host.toLowerCase();
  // Stryker disable next-line MethodExpression: equivalent, as above.
  const name = url.hostname.toLowerCase();
  return allowed.some((entry) => {
    const wanted = entry.trim().toLowerCase();
    return wanted === host || wanted === name;
  });
}

/**
 * Why a URL may not be asked, or undefined when it may: a host the user allowed always may; otherwise only HTTPS
 * to a name or a public address. (The WHATWG URL parser has already turned `2130706433`, `0x7f000001` and `127.1`
 * into 127.0.0.1.) A name's addresses are judged when it is resolved.
 */
export function urlRefusal(url: URL, allowed: readonly string[]): string | undefined {
  if (isAllowedHost(url, allowed)) return undefined;
  // Stryker disable next-line Regex,MethodExpression: equivalent: a host name has brackets only around an IPv6 address,
  // at its two ends, so anchoring either end changes nothing, and the URL parser lower-cases it already.
  const name = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const address = name === 'localhost' || name.endsWith('.localhost') ? `${name} is this machine` : ipaddr.isValid(name) ? addressRefusal(name) : undefined;
  if (address) return address;
  if (url.protocol !== 'https:') return `${url.host} would be asked over plain HTTP`;
  return undefined;
}
