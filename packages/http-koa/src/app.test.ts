import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { Readable } from "node:stream"
import { Layer, ManagedRuntime } from "effect"
import type { Middleware } from "koa"
import pino from "pino"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { createApp } from "./app.ts"
import type { AppRuntime } from "./runtime.ts"

interface LogLine {
  readonly level: number
  readonly msg: string
  readonly path?: string
  readonly status?: number | null
  readonly completed?: boolean
  readonly err?: { readonly message: string; readonly stack: string }
}

const ERROR = 50

/**
 * Bodies that fail only once the route is done: what Koa would serialise or stream after the
 * middleware. They come in through the app's `git` mount, which takes any path outside the API.
 */
const failingBodies: Middleware = (ctx, next) => {
  if (ctx.path === "/too-large")
    ctx.body = {
      get commits(): never {
        throw new RangeError("Invalid string length")
      },
    }
  else if (ctx.path === "/bigint") ctx.body = [{ id: 1n }]
  else if (ctx.path === "/broken-stream")
    ctx.body = new Readable({
      read() {
        this.destroy(new Error("git died before its first byte"))
      },
    })
  else if (ctx.path === "/fine") ctx.body = { ok: true }
  else return next()
}

describe("createApp: what fails after the route", () => {
  const lines: Array<LogLine> = []
  let server: Server
  let base: string
  // No API route is requested here: the runtime is never run.
  const runtime = ManagedRuntime.make(Layer.empty) as unknown as AppRuntime
  beforeAll(async () => {
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) })
    const { app } = createApp({
      runtime,
      logger,
      ready: async () => true,
      externalUrl: "http://localhost",
      git: failingBodies,
    })
    server = createServer(app.callback())
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))
  beforeEach(() => void lines.splice(0))

  /** The answer, and the log lines of its request once the response is over. */
  const fetchLogged = async (path: string) => {
    const res = await fetch(`${base}${path}`)
    const answer = { status: res.status, body: await res.text() }
    await new Promise((r) => setImmediate(r))
    return { ...answer, logged: lines.filter((line) => line.path === path) }
  }

  for (const [path, message] of [
    ["/too-large", "Invalid string length"],
    ["/bigint", "BigInt"],
  ] as const)
    it(`a body that cannot be serialised (${path}) answers GitLab's 500, logged as 500 at error level with its stack`, async () => {
      const { status, body, logged } = await fetchLogged(path)
      expect([status, body]).toEqual([500, '{"message":"500 Internal Server Error"}'])
      expect(logged).toHaveLength(1)
      expect(logged[0]).toMatchObject({ level: ERROR, msg: "request failed", status: 500 })
      expect(logged[0]!.err!.message).toContain(message)
      expect(logged[0]!.err!.stack).toMatch(/\n\s+at /)
    })

  it("a body stream that fails before its first byte: the client's connection is cut, and that is logged at error level with its stack", async () => {
    await expect(fetch(`${base}/broken-stream`).then((res) => res.text())).rejects.toThrow()
    await new Promise((r) => setImmediate(r))
    const logged = lines.filter((line) => line.path === "/broken-stream")
    // The route's own line (it answered a stream), then how the response ended: no status reached the client.
    expect(logged).toMatchObject([
      { level: 30, msg: "request", status: 200 },
      {
        level: ERROR,
        msg: "response failed",
        status: null,
        completed: false,
        err: { message: "git died before its first byte" },
      },
    ])
    expect(logged[1]!.err!.stack).toMatch(/\n\s+at /)
  })

  it("a body that serialises is answered and logged as before", async () => {
    const { status, body, logged } = await fetchLogged("/fine")
    expect([status, body]).toEqual([200, '{"ok":true}'])
    expect(logged).toEqual([expect.objectContaining({ level: 30, msg: "request", status: 200 })])
  })
})
