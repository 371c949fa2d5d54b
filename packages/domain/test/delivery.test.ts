import { describe, expect, it } from "vitest"
import { DeliverySlots, MAX_ATTEMPTS, outcomeOf, receiverOf, retryDelayMs } from "@labrador/domain"

const now = new Date("2026-01-01T00:00:00Z")
const result = (statusCode: number | null) => ({
  statusCode,
  durationMs: 1,
  responseExcerpt: null,
  error: statusCode === null ? "ECONNREFUSED" : null,
})

describe("hook delivery rules", () => {
  it("a 2xx is delivered; anything else retries with exponential backoff, then gives up", () => {
    expect(outcomeOf(result(204), 1, now)).toEqual({ delivered: true, retryAt: null })
    expect(outcomeOf(result(500), 1, now)).toEqual({ delivered: false, retryAt: new Date(now.getTime() + 10_000) })
    expect(outcomeOf(result(null), 2, now).retryAt).toEqual(new Date(now.getTime() + 40_000))
    expect(outcomeOf(result(302), MAX_ATTEMPTS, now)).toEqual({ delivered: false, retryAt: null })
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([10_000, 40_000, 160_000, 640_000])
  })

  it("at most `perReceiver` attempts to one receiver and `total` in all; a few more wait for the receiver's slot, the rest are handed back", () => {
    const delivery = (id: number, url: string) => ({ id, url, payload: {}, attempts: 0 })
    const slots = new DeliverySlots(4, 2, 1)
    const slow = [1, 2, 3, 4].map((id) => delivery(id, `http://slow.example:8080/hook/${id}`))
    const { start, handBack } = slots.admit([
      ...slow,
      delivery(5, "http://slow.example:9090/other"),
      delivery(6, "https://fast.example/x"),
      delivery(7, "https://b.example/"),
    ])
    expect(start.map((d) => d.id)).toEqual([1, 2, 5, 6])
    // 3 waits behind 1 and 2; 4 finds the wait full; 7's receiver has nothing running to wait behind.
    expect(handBack.map((d) => d.id)).toEqual([4, 7])
    expect(slots.free).toBe(0)
    expect(slots.excluded).toEqual([
      "http://slow.example:8080/hook/1",
      "http://slow.example:8080/hook/2",
      "http://slow.example:8080/hook/3",
    ])
    // 1's end hands its slot to 3, held for the same receiver; 2's end frees it.
    expect(slots.done(slow[0]!)).toEqual(slow[2])
    expect(slots.free).toBe(0)
    expect(slots.done(slow[1]!)).toBeUndefined()
    expect([slots.free, slots.excluded]).toEqual([1, []])
    expect(slots.admit([delivery(8, "http://SLOW.example:8080/again")]).start.map((d) => d.id)).toEqual([8])
  })

  it("a stopping worker takes back every held delivery", () => {
    const delivery = (id: number) => ({ id, url: "http://slow.example/hook", payload: {}, attempts: 0 })
    const slots = new DeliverySlots(8, 2, 4)
    slots.admit([1, 2, 3, 4].map(delivery))
    expect(slots.drain().map((d) => d.id)).toEqual([3, 4])
    expect(slots.done(delivery(1))).toBeUndefined()
    expect(slots.excluded).toEqual([])
  })

  it("a receiver is the URL's scheme, host and port", () => {
    expect(receiverOf("http://Example.com:80/a?b")).toBe("http://example.com")
    expect(receiverOf("http://example.com:8080/a")).toBe("http://example.com:8080")
    expect(receiverOf("https://example.com/a")).not.toBe(receiverOf("http://example.com/a"))
  })
})
