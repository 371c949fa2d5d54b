import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Effect } from "effect"
import { HookSender } from "@labrador/domain"
import { hookSenderLayer, type SenderOptions } from "./sender.ts"

const send = (options: SenderOptions, url: string, payload: Record<string, unknown> = { event_name: "x" }) =>
  Effect.runPromise(
    Effect.provide(
      HookSender.use((sender) => sender.send(url, payload)),
      hookSenderLayer(options),
    ),
  )

/** A resolver that answers `answers[n]` to its n-th question (the last one after that), and counts them. */
const scriptedResolver = (...answers: Array<Array<string>>) => {
  const asked: Array<string> = []
  const resolve = async (hostname: string) => {
    asked.push(hostname)
    return (answers[asked.length - 1] ?? answers.at(-1)!).map((address) => ({
      address,
      family: address.includes(":") ? 6 : 4,
    }))
  }
  return { resolve, asked }
}

describe("the hook sender", () => {
  let server: Server
  let base: string
  let port: number
  const received: Array<{ type: string | undefined; body: string; host?: string | undefined }> = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ""
      req.on("data", (c: Buffer) => (body += c.toString()))
      req.on("end", () => {
        if (req.url === "/slow") return void setTimeout(() => res.end("late"), 2_000)
        received.push({ type: req.headers["content-type"], body, host: req.headers.host })
        res.writeHead(req.url === "/fail" ? 503 : 200).end("x".repeat(5000))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    port = (server.address() as AddressInfo).port
    base = `http://127.0.0.1:${port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it("POSTs the payload as JSON and records status, duration and a bounded excerpt", async () => {
    const result = await send({ allowLocal: true }, `${base}/ok`, { event_name: "push", n: 1 })
    expect(result).toMatchObject({ statusCode: 200, error: null })
    expect(result.responseExcerpt).toHaveLength(1024)
    expect(result.durationMs).toBeGreaterThan(0)
    expect(received.at(-1)).toEqual({
      type: "application/json",
      body: '{"event_name":"push","n":1}',
      host: `127.0.0.1:${port}`,
    })
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

  /** Every spelling of a loopback address the URL parser accepts for this receiver's port. */
  const loopbackSpellings = () => [
    `http://[::ffff:127.0.0.1]:${port}/ok`,
    `http://[::ffff:7f00:1]:${port}/ok`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/ok`,
    `http://2130706433:${port}/ok`,
    `http://0x7f.1:${port}/ok`,
    `http://0177.0.0.1:${port}/ok`,
    `http://127.1:${port}/ok`,
  ]

  it("refuses every spelling of a local address, IPv4-mapped, NAT64, 6to4 and Teredo forms included, without sending anything", async () => {
    const before = received.length
    const urls = [
      ...loopbackSpellings(),
      `http://[::ffff:a9fe:a9fe]/latest/meta-data/`,
      `http://[::ffff:169.254.169.254]/`,
      `http://[::127.0.0.1]:${port}/ok`,
      `http://[64:ff9b::7f00:1]:${port}/ok`,
      `http://[64:ff9b:1::a00:1]:${port}/ok`,
      `http://[2002:7f00:1::1]:${port}/ok`,
      `http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:${port}/ok`,
      `http://0/`,
      `http://0:${port}/ok`,
      `http://[::]:${port}/ok`,
      `http://[fd00::1]/`,
      `http://100.64.0.1/`,
      `http://198.18.0.1/`,
      `http://255.255.255.255/`,
      `http://224.0.0.1/`,
    ]
    for (const url of urls) {
      const result = await send({ allowLocal: false }, url)
      expect([url, result.statusCode, result.error]).toEqual([
        url,
        null,
        expect.stringMatching(/^refused: .* is a local address/),
      ])
    }
    expect(received.length).toBe(before)
  })

  it("delivers to those spellings when local hooks are allowed (they do name the loopback receiver)", async () => {
    for (const url of loopbackSpellings()) {
      const before = received.length
      expect([url, (await send({ allowLocal: true }, url)).statusCode]).toEqual([url, 200])
      expect(received.length).toBe(before + 1)
    }
  })

  it("resolves a name once and connects to the address it checked, keeping the name in Host", async () => {
    const dns = scriptedResolver(["127.0.0.1"], ["192.0.2.1"])
    const result = await send({ allowLocal: true, resolve: dns.resolve }, `http://hooks.example.test:${port}/ok`)
    expect(result.statusCode).toBe(200)
    expect(dns.asked).toEqual(["hooks.example.test"])
    expect(received.at(-1)?.host).toBe(`hooks.example.test:${port}`)
  })

  it("a name that answers a public address, then loopback, never reaches loopback", async () => {
    const before = received.length
    const dns = scriptedResolver(["93.184.216.34"], ["127.0.0.1"])
    // The public address is not reachable from here: the attempt ends in an error or the timeout.
    const result = await send(
      { allowLocal: false, resolve: dns.resolve, timeoutMs: 300 },
      `http://rebind.example.test:${port}/ok`,
    )
    expect(result.statusCode).toBeNull()
    expect(result.error).not.toMatch(/local address/)
    expect(dns.asked).toEqual(["rebind.example.test"])
    expect(received.length).toBe(before)
  })

  it("a name with any local answer is refused, whatever it answers next", async () => {
    const before = received.length
    for (const answers of [["127.0.0.1"], ["93.184.216.34", "127.0.0.1"], ["2606:4700::1111", "::ffff:7f00:1"]]) {
      const dns = scriptedResolver(answers, ["93.184.216.34"])
      const result = await send({ allowLocal: false, resolve: dns.resolve }, `http://mixed.example.test:${port}/ok`)
      expect(result.error).toMatch(/^refused: mixed\.example\.test is a local address/)
      expect(dns.asked).toHaveLength(1)
    }
    expect(received.length).toBe(before)
  })
})

describe("the hook sender reading an answer", () => {
  /** A receiver that answers 200, then streams its body without end in chunks of `chunkBytes`, `pauseMs` apart; it sees its socket close. */
  const streamingReceiver = async (chunkBytes: number, pauseMs: number) => {
    const seen = { written: 0, requests: 0 }
    let closed!: () => void
    const socketClosed = new Promise<void>((resolve) => (closed = resolve))
    const server = createServer((req, res) => {
      seen.requests++
      req.resume()
      res.writeHead(200, { "content-type": "text/plain" })
      res.on("close", () => closed())
      const chunk = Buffer.alloc(chunkBytes, "y")
      const pump = () => {
        while (!res.destroyed) {
          seen.written += chunk.length
          if (!res.write(chunk)) return void res.once("drain", pump)
          if (pauseMs > 0) return void setTimeout(pump, pauseMs)
        }
      }
      pump()
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    return { url, seen, socketClosed, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
  }

  it("an endless body: the excerpt is kept, the rest never read, the connection destroyed", async () => {
    const receiver = await streamingReceiver(64 * 1024, 0)
    try {
      const result = await send({ allowLocal: true, timeoutMs: 60_000 }, receiver.url)
      expect(result).toMatchObject({ statusCode: 200, error: null, responseExcerpt: "y".repeat(1024) })
      await receiver.socketClosed
      // What the receiver could write before the socket went is bounded by the socket buffers, not the body.
      expect(receiver.seen.written).toBeLessThan(64 * 1024 * 1024)
    } finally {
      await receiver.close()
    }
  })

  it("a body that trickles on forever: the attempt ends at its deadline with the status answered", async () => {
    // A byte every 20 ms: never idle, and the excerpt would take 20 s to fill.
    const receiver = await streamingReceiver(1, 20)
    try {
      const result = await send({ allowLocal: true, timeoutMs: 300 }, receiver.url)
      expect(result).toMatchObject({ statusCode: 200, error: null })
      await receiver.socketClosed
    } finally {
      await receiver.close()
    }
  })
})
