// `pnpm worker`: hook delivery as its own process, with the server's environment.
import { ConfigError, loadConfig } from "@labrador/server"
import { startWorker } from "./worker.ts"

let config
try {
  config = loadConfig()
} catch (error) {
  process.stderr.write(`labrador-worker: ${error instanceof ConfigError ? error.message : String(error)}\n`)
  process.exit(1)
}
const running = await startWorker(config)
process.stdout.write(
  `${JSON.stringify({ level: 30, msg: "labrador worker delivering hooks", database: config.database.dialect })}\n`,
)
const stop = () =>
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
process.once("SIGTERM", stop)
process.once("SIGINT", stop)
