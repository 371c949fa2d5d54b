// Baseline server for the bench, run as its own child process: a bare Koa app that answers every
// request with fixed bytes and content type (those Labrador returned), on the same HTTP server setup.
// Env: BENCH_PORT, BENCH_BODY_FILE, BENCH_CONTENT_TYPE.
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import Koa from "koa"

const required = (name: string): string => {
  const value = process.env[name]
  if (!value) {
    process.stderr.write(`bare-koa: ${name} is not set\n`)
    process.exit(1)
  }
  return value
}

const port = Number(required("BENCH_PORT"))
const body = readFileSync(required("BENCH_BODY_FILE"))
const contentType = required("BENCH_CONTENT_TYPE")

const app = new Koa()
app.use((ctx) => {
  ctx.body = body
  ctx.set("Content-Type", contentType)
})

const server = createServer(app.callback())
server.keepAliveTimeout = 65_000 // as Labrador's server
server.listen(port, "127.0.0.1")
process.once("SIGTERM", () => {
  server.close(() => process.exit(0))
  server.closeIdleConnections()
})
