import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pino from "pino"
import { afterAll, describe, expect, it } from "vitest"
import { dialects, freshDatabase } from "@labrador/persistence/testing"
import { loadConfig, startServer } from "@labrador/server"
import { startWorker } from "../src/worker.ts"
import { startReceiver } from "../../server/test/support/receiver.ts"

const TOKEN = "worker-test-root-token"

describe.each(dialects)("the worker as its own processes on %s", (dialect) => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const cleanup of cleanups.toReversed()) await cleanup()
  })

  it("two workers beside a server with LABRADOR_WORKER=off deliver every event once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "labrador-worker-"))
    const db = await freshDatabase(dialect)
    const env = {
      LABRADOR_PORT: "0",
      LABRADOR_DATA_DIR: dataDir,
      LABRADOR_DATABASE_URL: dialect === "sqlite" ? `sqlite:${db.target.location}` : db.target.location,
      LABRADOR_ROOT_TOKEN: TOKEN,
      LABRADOR_ROOT_PASSWORD: "root-password",
      LABRADOR_HOOKS_ALLOW_LOCAL: "true",
      LABRADOR_WORKER: "off",
    }
    const config = loadConfig(env)
    const server = await startServer(config, { logger: pino({ level: "silent" }) })
    const receiver = await startReceiver()
    cleanups.push(async () => {
      await server.close()
      await receiver.close()
      await db.dispose()
      rmSync(dataDir, { recursive: true, force: true })
    })
    const api = (path: string, body?: unknown) =>
      fetch(`${server.url}/api/v3${path}`, {
        method: body ? "POST" : "GET",
        headers: { "PRIVATE-TOKEN": TOKEN, "content-type": "application/json" },
        body: body ? JSON.stringify(body) : undefined,
      })
    expect((await api("/hooks", { url: receiver.url() })).status).toBe(201)
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api("/users", { email: `w${i}@example.com`, password: "password1", name: `W${i}`, username: `w${i}` }).then(
          (r) => r.json() as Promise<{ id: number }>,
        ),
      ),
    )
    expect(server.worker).toBeUndefined()
    const workers = [
      await startWorker(config, { logger: pino({ level: "silent" }), pollMs: 20 }),
      await startWorker(config, { logger: pino({ level: "silent" }), pollMs: 20 }),
    ]
    cleanups.push(async () => {
      for (const w of workers) await w.close()
    })
    const expected = new Set(created.map((u) => u.id))
    for (let i = 0; i < 50; i++) {
      const seen = receiver.received.filter(
        (r) => r.body.event_name === "user_create" && expected.has(r.body.user_id as number),
      )
      if (seen.length >= expected.size) break
      await Promise.all(workers.map((w) => w.worker.nextRound()))
    }
    const ids = receiver.received
      .filter((r) => r.body.event_name === "user_create")
      .map((r) => r.body.user_id as number)
    expect(ids.filter((id) => expected.has(id)).toSorted((a, b) => a - b)).toEqual(
      [...expected].toSorted((a, b) => a - b),
    )
  })
})
