import ipaddr from "ipaddr.js"

/** The IPv4 address a transition form of IPv6 carries, when it is one (its locality is the IPv4's). */
const embeddedIPv4 = (address: ipaddr.IPv6): ReadonlyArray<ipaddr.IPv4> | undefined => {
  const p = address.parts
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff])
  switch (address.range()) {
    case "ipv4Mapped": // ::ffff:a.b.c.d
    case "rfc6145": // ::ffff:0:a.b.c.d
      return [v4(p[6]!, p[7]!)]
    case "rfc6052": // NAT64 64:ff9b::a.b.c.d; the local-use 64:ff9b:1::/48 is refused whole (below)
      return p[1] === 0xff9b && p[2] === 0 ? [v4(p[6]!, p[7]!)] : undefined
    case "6to4": // 2002:AABB:CCDD::/48
      return [v4(p[1]!, p[2]!)]
    case "teredo": // 2001:0:<server>:<flags>:<port>:<client XOR ffff:ffff>
      return [v4(p[2]!, p[3]!), v4(p[6]! ^ 0xffff, p[7]! ^ 0xffff)]
    default:
      return undefined
  }
}

/**
 * Whether a hook may not reach `ip` unless the operator allows local requests: anything but a
 * global unicast address (loopback, private, shared, link-local, unique-local, multicast,
 * broadcast, benchmark, documentation and other reserved ranges of both families), and every
 * IPv6 form that carries such an IPv4 address (mapped, translated, NAT64, 6to4, Teredo). The
 * IPv4-compatible block ::/96 is deprecated and never a hook's address: refused whole. An
 * address that does not parse is refused.
 */
export const isLocalAddress = (ip: string): boolean => {
  if (!ipaddr.isValid(ip)) return true
  const address = ipaddr.parse(ip)
  if (address.kind() === "ipv4") return address.range() !== "unicast"
  const v6 = address as ipaddr.IPv6
  if (v6.parts.slice(0, 6).every((part) => part === 0)) return true
  const carried = embeddedIPv4(v6)
  if (carried !== undefined) return carried.some((v4) => v4.range() !== "unicast")
  return v6.range() !== "unicast"
}

/** The address inside a URL's hostname when it is an IP literal (brackets dropped), else undefined. */
export const ipLiteral = (hostname: string): string | undefined => {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname
  // The URL parser has already normalised every IPv4 spelling (2130706433, 0x7f.1, 0) to dotted decimal.
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || (bare.includes(":") && ipaddr.IPv6.isValid(bare))
    ? bare
    : undefined
}
