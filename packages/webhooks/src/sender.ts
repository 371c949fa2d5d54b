import { lookup } from "node:dns/promises"
import { isIP } from "node:net"
import { Effect, Layer } from "effect"
import { HookSender, isLocalAddress, type AttemptResult } from "@labrador/domain"

export interface SenderOptions {
  /** LABRADOR_HOOKS_ALLOW_LOCAL: let hooks reach loopback and private networks. */
  readonly allowLocal: boolean
  readonly timeoutMs?: number
}

const EXCERPT_BYTES = 1024

/** Where the URL's host resolves, when any of it is a local address (and so refused). */
const localTarget = async (url: URL): Promise<string | undefined> => {
  const host = url.hostname.replace(/^\[|\]$/g, "")
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address)
  return addresses.find(isLocalAddress)
}

/**
 * The HTTP POST of a hook payload: JSON body, a timeout, no redirects followed, the status and
 * an excerpt of the answer recorded. Local addresses are refused unless the operator allows them.
 */
export const hookSenderLayer = (options: SenderOptions) =>
  Layer.succeed(
    HookSender,
    HookSender.of({
      send: (url, payload) =>
        Effect.promise(async (): Promise<AttemptResult> => {
          const started = performance.now()
          const elapsed = () => performance.now() - started
          try {
            const target = new URL(url)
            if (!options.allowLocal) {
              const local = await localTarget(target)
              if (local !== undefined) return { statusCode: null, durationMs: elapsed(), responseExcerpt: null, error: `refused: ${target.hostname} is a local address (${local})` }
            }
            const response = await fetch(target, {
              method: "POST",
              headers: { "content-type": "application/json", "user-agent": "Labrador-Hook" },
              body: JSON.stringify(payload),
              redirect: "manual",
              signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
            })
            const text = await response.text()
            return { statusCode: response.status, durationMs: elapsed(), responseExcerpt: text.slice(0, EXCERPT_BYTES), error: null }
          } catch (error) {
            const cause = (error as { cause?: { code?: string } }).cause?.code
            return { statusCode: null, durationMs: elapsed(), responseExcerpt: null, error: cause ?? (error instanceof Error ? error.message : String(error)) }
          }
        }),
    }),
  )
