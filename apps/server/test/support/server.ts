import { mkdtempSync, rmSync } from "node:fs"
import { connect } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pino from "pino"
import { freshDatabase } from "@labrador/persistence/testing"
import { loadConfig } from "../../src/config.ts"
import { startServer, type RunningServer } from "../../src/server.ts"

export { dialects } from "@labrador/persistence/testing"

export interface Reply<T = any> {
  readonly status: number
  readonly body: T
  readonly headers: Headers
  readonly text: string
}

export interface RequestOptions {
  readonly token?: string | undefined
  readonly query?: Record<string, string | number | boolean>
  readonly headers?: Record<string, string>
  /** A JSON body (object), or a raw string body sent with `headers["content-type"]`. */
  readonly body?: unknown
  /** Send `body` (an object) form-encoded instead of JSON. */
  readonly form?: boolean
}

/**
 * A request with no body and neither Content-Length nor Transfer-Encoding, as `curl -X POST`
 * sends it (fetch always sends one of them): its status line and the raw answer.
 */
export const bodilessRequest = (
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ readonly statusLine: string; readonly raw: string }> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const lines = [
      `${method} ${path} HTTP/1.1`,
      `Host: ${hostname}`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      "Connection: close",
    ]
    const socket = connect(Number(port), hostname, () => socket.write(`${lines.join("\r\n")}\r\n\r\n`))
    let raw = ""
    socket.setEncoding("latin1").on("data", (chunk: string) => (raw += chunk))
    socket.on("end", () => resolve({ statusLine: raw.slice(0, raw.indexOf("\r\n")), raw })).on("error", reject)
  })

export interface TestServer {
  readonly server: RunningServer
  readonly url: string
  readonly rootToken: string
  readonly dataDir: string
  readonly databaseLocation: string
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Reply<T>>
  /** The v3 API as `token`'s owner: api(token).get("/users"). */
  api(token?: string): ApiClient
  /** Creates a user through the API as root; returns it with its private token. */
  createUser(
    overrides?: Record<string, unknown>,
  ): Promise<{ id: number; username: string; email: string; token: string; password: string }>
  close(): Promise<void>
}

export interface ApiClient {
  get<T = any>(path: string, options?: RequestOptions): Promise<Reply<T>>
  post<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<Reply<T>>
  put<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<Reply<T>>
  delete<T = any>(path: string, options?: RequestOptions): Promise<Reply<T>>
}

export const ROOT_TOKEN = "root-test-token-0001"
let counter = 0

/**
 * The real composed server on port 0, a temp data dir, and a fresh database of `dialect`.
 * `env` adds or overrides configuration. `sharing` starts a second server process-alike on the
 * database and data dir of a running one (as scaled-out servers share them); closing it leaves both.
 */
export const startTestServer = async (
  dialect: "sqlite" | "postgresql",
  env: Record<string, string> = {},
  sharing?: TestServer,
): Promise<TestServer> => {
  const dataDir = sharing?.dataDir ?? mkdtempSync(join(tmpdir(), "labrador-test-"))
  const db = sharing
    ? { target: { location: sharing.databaseLocation }, dispose: async () => {} }
    : await freshDatabase(dialect)
  const config = loadConfig({
    LABRADOR_PORT: "0",
    LABRADOR_DATA_DIR: dataDir,
    LABRADOR_DATABASE_URL: dialect === "sqlite" ? `sqlite:${db.target.location}` : db.target.location,
    LABRADOR_ROOT_TOKEN: ROOT_TOKEN,
    LABRADOR_ROOT_PASSWORD: "root-password",
    LABRADOR_WORKER: "off",
    ...env,
  })
  const server = await startServer(config, { logger: pino({ level: "silent" }) })

  const request = async <T>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> => {
    const url = new URL(path.startsWith("/-/") || path.startsWith("/api/") ? path : `/api/v3${path}`, server.url)
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v))
    const headers: Record<string, string> = {
      ...(options.token ? { "PRIVATE-TOKEN": options.token } : {}),
      ...options.headers,
    }
    let body: string | undefined
    if (typeof options.body === "string") body = options.body
    else if (options.body !== undefined && options.form) {
      body = new URLSearchParams(
        Object.entries(options.body as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      ).toString()
      headers["content-type"] = "application/x-www-form-urlencoded"
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      headers["content-type"] ??= "application/json"
    }
    const res = await fetch(url, { method, headers, body })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text === "" ? undefined : JSON.parse(text)
    } catch {}
    return { status: res.status, body: parsed as T, headers: res.headers, text }
  }

  const api = (token?: string): ApiClient => ({
    get: (path, options) => request("GET", path, { token, ...options }),
    post: (path, body, options) => request("POST", path, { token, body, ...options }),
    put: (path, body, options) => request("PUT", path, { token, body, ...options }),
    delete: (path, options) => request("DELETE", path, { token, ...options }),
  })

  const createUser: TestServer["createUser"] = async (overrides = {}) => {
    const n = ++counter
    const attrs = {
      email: `user${n}@example.com`,
      password: "password1",
      name: `User ${n}`,
      username: `user${n}`,
      ...overrides,
    }
    const created = await api(ROOT_TOKEN).post("/users", attrs)
    if (created.status !== 201) throw new Error(`createUser failed: ${created.status} ${created.text}`)
    const session = await api().post("/session", { login: attrs.username, password: attrs.password })
    return {
      id: created.body.id,
      username: created.body.username,
      email: created.body.email,
      token: session.body.private_token,
      password: String(attrs.password),
    }
  }

  return {
    server,
    url: server.url,
    rootToken: ROOT_TOKEN,
    dataDir,
    databaseLocation: db.target.location,
    request,
    api,
    createUser,
    close: async () => {
      await server.close()
      if (sharing) return
      await db.dispose()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
