import pino, { type Logger } from "pino"
import { openDatabase } from "@labrador/persistence"
import { makeRuntime, type Config } from "@labrador/server"
import { startDeliveryWorker, type DeliveryWorker } from "@labrador/webhooks"

export interface RunningWorker {
  readonly worker: DeliveryWorker
  /** Finishes the round in progress, then closes the database. */
  close(): Promise<void>
}

/** The hook delivery worker as its own process: the servers then run with LABRADOR_WORKER=off. */
export const startWorker = async (
  config: Config,
  options: { readonly logger?: Logger; readonly pollMs?: number } = {},
): Promise<RunningWorker> => {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: "labrador-worker" } })
  const orm = await openDatabase(config.database)
  const runtime = makeRuntime(orm, config.secret, config.dataDir, { hooksAllowLocal: config.hooksAllowLocal })
  const worker = startDeliveryWorker(runtime, {
    pollMs: options.pollMs,
    onError: (err) => logger.error({ err }, "hook delivery round failed"),
  })
  return {
    worker,
    close: async () => {
      await worker.stop()
      await runtime.dispose()
      await orm.close(true)
    },
  }
}
