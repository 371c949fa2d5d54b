import type { Readable } from "node:stream"
import type { RefUpdate } from "@labrador/domain"

/** pkt-line framing: four hex digits of length (themselves included), then the payload. */
export const pktLine = (text: string): string => (text.length + 5).toString(16).padStart(4, "0") + text + "\n"
export const FLUSH = "0000"

/** A receive-pack request's command list that cannot be read. */
export class MalformedRequest extends Error {}

const COMMAND = /^([0-9a-f]{40}) ([0-9a-f]{40}) (\S+)$/

/**
 * The ref updates at the head of a receive-pack request (`old new ref` pkt-lines up to the first
 * flush), or undefined while more bytes are needed.
 */
export const parseCommands = (buffer: Buffer): ReadonlyArray<RefUpdate> | undefined => {
  const updates: Array<RefUpdate> = []
  let at = 0
  while (at + 4 <= buffer.length) {
    const lengthText = buffer.toString("latin1", at, at + 4)
    if (!/^[0-9a-f]{4}$/.test(lengthText)) throw new MalformedRequest("not a pkt-line")
    const length = parseInt(lengthText, 16)
    if (length === 0) return updates
    if (length < 4) throw new MalformedRequest("unexpected special packet")
    if (at + length > buffer.length) return undefined
    const payload = buffer.toString("utf8", at + 4, at + length)
    at += length
    const line = payload.split("\0", 1)[0]!.replace(/\n$/, "")
    // A shallow clone pushing says which of its commits are shallow first.
    if (line.startsWith("shallow ")) continue
    const command = COMMAND.exec(line)
    if (command === null) throw new MalformedRequest("not a ref update command")
    updates.push({ before: command[1]!, after: command[2]!, ref: command[3]! })
  }
  return undefined
}

/** No honest command list comes near this. */
const MAX_COMMANDS_BYTES = 8 * 1024 * 1024

export interface CommandsHead {
  readonly updates: ReadonlyArray<RefUpdate>
  /** Every byte read so far (the commands and maybe the start of the pack): to be passed on first. */
  readonly bytes: Buffer
  /** The body ended within those bytes (a push that only deletes refs). */
  readonly ended: boolean
}

/** Reads the command list off the body and leaves the stream paused right after it. */
export const readCommands = (body: Readable): Promise<CommandsHead> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let length = 0
    const finish = (result: CommandsHead | Error) => {
      body.off("data", onData).off("end", onEnd).off("error", onError)
      if (result instanceof Error) reject(result)
      else resolve(result)
    }
    const attempt = (ended: boolean) => {
      const bytes = Buffer.concat(chunks, length)
      try {
        const updates = parseCommands(bytes)
        if (updates !== undefined) return finish({ updates, bytes, ended })
        if (ended) return finish(new MalformedRequest("the request ended inside its command list"))
        if (length > MAX_COMMANDS_BYTES) finish(new MalformedRequest("command list too long"))
      } catch (error) {
        finish(error as Error)
      }
    }
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      length += chunk.length
      body.pause()
      attempt(false)
      if (body.listenerCount("data") > 0) body.resume()
    }
    const onEnd = () => attempt(true)
    const onError = (error: Error) => finish(error)
    body.on("data", onData).on("end", onEnd).on("error", onError)
  })

/** The capabilities a receive-pack request asks for: what follows the NUL of its first command. */
export const requestCapabilities = (bytes: Buffer): ReadonlySet<string> => {
  for (let at = 0; at + 4 <= bytes.length;) {
    const length = parseInt(bytes.toString("latin1", at, at + 4), 16)
    if (!(length >= 4) || at + length > bytes.length) break
    const payload = bytes.toString("utf8", at + 4, at + length)
    at += length
    if (payload.startsWith("shallow ")) continue
    const nul = payload.indexOf("\0")
    return new Set(
      nul < 0
        ? []
        : payload
            .slice(nul + 1)
            .replace(/\n$/, "")
            .split(" ")
            .filter((capability) => capability !== ""),
    )
  }
  return new Set()
}

/** One pkt-line of bytes (pktLine counts characters, fine for the ASCII it frames). */
const packet = (payload: Buffer): Buffer =>
  Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, "0")), payload])

/** Most data in one side-band packet: LARGE_PACKET_MAX (65520) less the length and the band byte. */
const SIDE_BAND_DATA = 65515

/**
 * receive-pack's answer refusing every command of a push before any of its pack is read: the
 * report-status ("unpack <reason>", then "ng <ref> <reason>" per ref, then a flush), in band 1
 * when the client asked for side-band. git then prints "remote unpack failed: <reason>" and
 * "[remote rejected] <ref> (<reason>)" for each ref, as for a refusal of git's own.
 */
export const refusalReport = (
  refs: ReadonlyArray<string>,
  capabilities: ReadonlySet<string>,
  reason: string,
): Buffer => {
  const why = reason.replace(/[\r\n]+/g, " ")
  const status = Buffer.concat([
    ...[`unpack ${why}\n`, ...refs.map((ref) => `ng ${ref} ${why}\n`)].map((line) => packet(Buffer.from(line))),
    Buffer.from(FLUSH),
  ])
  if (!capabilities.has("side-band-64k") && !capabilities.has("side-band")) return status
  const size = capabilities.has("side-band-64k") ? SIDE_BAND_DATA : 995
  const bands: Array<Buffer> = []
  for (let at = 0; at < status.length; at += size)
    bands.push(packet(Buffer.concat([Buffer.from([1]), status.subarray(at, at + size)])))
  return Buffer.concat([...bands, Buffer.from(FLUSH)])
}
