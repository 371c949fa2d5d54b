import { describe, expect, it } from "vitest"
import { isLocalAddress, MAX_ATTEMPTS, outcomeOf, retryDelayMs } from "@labrador/domain"

const now = new Date("2026-01-01T00:00:00Z")
const result = (statusCode: number | null) => ({ statusCode, durationMs: 1, responseExcerpt: null, error: statusCode === null ? "ECONNREFUSED" : null })

describe("hook delivery rules", () => {
  it("a 2xx is delivered; anything else retries with exponential backoff, then gives up", () => {
    expect(outcomeOf(result(204), 1, now)).toEqual({ delivered: true, retryAt: null })
    expect(outcomeOf(result(500), 1, now)).toEqual({ delivered: false, retryAt: new Date(now.getTime() + 10_000) })
    expect(outcomeOf(result(null), 2, now).retryAt).toEqual(new Date(now.getTime() + 40_000))
    expect(outcomeOf(result(302), MAX_ATTEMPTS, now)).toEqual({ delivered: false, retryAt: null })
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([10_000, 40_000, 160_000, 640_000])
  })

  it.each([
    ["127.0.0.1", true], ["10.1.2.3", true], ["172.16.0.1", true], ["172.31.255.255", true], ["192.168.1.1", true], ["169.254.169.254", true],
    ["0.0.0.0", true], ["100.64.0.1", true], ["::1", true], ["::", true], ["fe80::1", true], ["fd00::1", true], ["::ffff:127.0.0.1", true],
    ["8.8.8.8", false], ["172.32.0.1", false], ["2001:db8::1", false], ["::ffff:93.184.216.34", false],
  ])("isLocalAddress(%s) is %s", (ip, local) => {
    expect(isLocalAddress(ip)).toBe(local)
  })
})
