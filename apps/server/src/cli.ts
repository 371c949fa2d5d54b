// The server process: reads the environment, starts the server, stops gracefully on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from "./config.ts"
import { startServer } from "./server.ts"

const fail = (message: string): never => {
  process.stderr.write(`labrador: ${message}\n`)
  process.exit(1)
}

let config
try {
  config = loadConfig()
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error))
}

const server = await startServer(config!).catch((error: unknown) =>
  fail(`cannot start: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`),
)
server.logger.info(
  { url: server.url, database: config!.database.dialect, data_dir: config!.dataDir },
  "labrador listening",
)
if (server.seeded?.generated) {
  process.stdout.write(
    `\nroot account created (shown once):\n  username: root\n  password: ${server.seeded.password}\n  private token: ${server.seeded.token}\n\n`,
  )
}

const stop = (signal: string) => {
  server.logger.info({ signal }, "shutting down")
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once("SIGTERM", () => stop("SIGTERM"))
process.once("SIGINT", () => stop("SIGINT"))
