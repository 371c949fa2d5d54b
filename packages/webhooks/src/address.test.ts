import { describe, expect, it } from "vitest"
import { ipLiteral, isLocalAddress } from "./address.ts"

describe("local addresses", () => {
  it.each([
    // IPv4: unspecified, private, loopback, link-local, shared, benchmark, documentation, reserved, multicast, broadcast
    "0.0.0.0",
    "0.1.2.3",
    "10.1.2.3",
    "127.0.0.1",
    "127.255.255.254",
    "169.254.169.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "100.127.255.254",
    "198.18.0.1",
    "198.19.255.255",
    "192.0.0.8",
    "192.0.2.1",
    "198.51.100.7",
    "203.0.113.9",
    "240.0.0.1",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    // IPv6: unspecified, loopback, link-local, unique-local, multicast, documentation, benchmark, site-local, discard
    "::",
    "::1",
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "2001:db8::1",
    "2001:2::1",
    "fec0::1",
    "100::1",
    // IPv4-mapped (every spelling the URL parser can leave), translated and compatible forms
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0:0:0:0:0:ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "::ffff:10.0.0.1",
    "::ffff:0:7f00:1",
    "::7f00:1",
    "::a9fe:a9fe",
    "::808:808",
    // NAT64 (well-known prefix with a local IPv4; the local-use prefix whole), 6to4, Teredo (server or client local)
    "64:ff9b::7f00:1",
    "64:ff9b::a9fe:a9fe",
    "64:ff9b:1::808:808",
    "2002:7f00:1::",
    "2002:a9fe:a9fe::1",
    "2002:c0a8:101::",
    "2001:0:7f00:1::",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",
    // what does not parse is refused
    "",
    "not-an-ip",
    "300.1.1.1",
  ])("%s is local", (ip) => {
    expect(isLocalAddress(ip)).toBe(true)
  })

  it.each([
    "8.8.8.8",
    "93.184.216.34",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700::1111",
    "::ffff:93.184.216.34",
    "64:ff9b::808:808",
    "2002:5db8:d822::1",
    "2001:0:4136:e378:8000:63bf:a247:27dd",
  ])("%s is not local", (ip) => {
    expect(isLocalAddress(ip)).toBe(false)
  })

  it("an URL's hostname is an IP literal in every spelling the URL parser normalises", () => {
    const hostOf = (url: string) => ipLiteral(new URL(url).hostname)
    expect(
      ["http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/", "http://127.1/", "http://0x7f000001/"].map(hostOf),
    ).toEqual(Array(5).fill("127.0.0.1"))
    expect(hostOf("http://0/")).toBe("0.0.0.0")
    expect(hostOf("http://[::ffff:127.0.0.1]/")).toBe("::ffff:7f00:1")
    expect(hostOf("http://[0:0:0:0:0:ffff:127.0.0.1]/")).toBe("::ffff:7f00:1")
    expect(hostOf("http://example.com/")).toBeUndefined()
    expect(hostOf("http://1.2.3.4.example/")).toBeUndefined()
  })
})
