import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Effect } from "effect"
import { HookSender } from "@labrador/domain"
import { hookSenderLayer } from "./sender.ts"

const send = (options: { allowLocal: boolean; timeoutMs?: number }, url: string, payload: Record<string, unknown> = { event_name: "x" }) =>
  Effect.runPromise(Effect.provide(HookSender.use((sender) => sender.send(url, payload)), hookSenderLayer(options)))

describe("the hook sender", () => {
  let server: Server
  let base: string
  const received: Array<{ type: string | undefined; body: string }> = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ""
      req.on("data", (c: Buffer) => (body += c.toString()))
      req.on("end", () => {
        if (req.url === "/slow") return void setTimeout(() => res.end("late"), 2_000)
        received.push({ type: req.headers["content-type"], body })
        res.writeHead(req.url === "/fail" ? 503 : 200).end("x".repeat(5000))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it("POSTs the payload as JSON and records status, duration and a bounded excerpt", async () => {
    const result = await send({ allowLocal: true }, `${base}/ok`, { event_name: "push", n: 1 })
    expect(result).toMatchObject({ statusCode: 200, error: null })
    expect(result.responseExcerpt).toHaveLength(1024)
    expect(result.durationMs).toBeGreaterThan(0)
    expect(received.at(-1)).toEqual({ type: "application/json", body: '{"event_name":"push","n":1}' })
    expect((await send({ allowLocal: true }, `${base}/fail`)).statusCode).toBe(503)
  })

  it("refuses loopback and private addresses unless allowed, without sending anything", async () => {
    const before = received.length
    for (const url of [`${base}/ok`, "http://localhost:9/x", "http://10.0.0.1/x", "http://[::1]:9/x"]) {
      const result = await send({ allowLocal: false }, url)
      expect(result.statusCode).toBeNull()
      expect(result.error).toMatch(/local address/)
    }
    expect(received.length).toBe(before)
  })

  it("reports a refused connection and a timeout as errors", async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve))
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/`
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    expect((await send({ allowLocal: true }, closed)).error).toBe("ECONNREFUSED")
    const slow = await send({ allowLocal: true, timeoutMs: 200 }, `${base}/slow`)
    expect([slow.statusCode, slow.error]).toEqual([null, expect.stringMatching(/timeout|aborted/i)])
  })
})
