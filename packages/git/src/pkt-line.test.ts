import { PassThrough } from "node:stream"
import { describe, expect, it } from "vitest"
import { MalformedRequest, parseCommands, pktLine, readCommands } from "./pkt-line.ts"

const A = "a".repeat(40)
const B = "b".repeat(40)
const Z = "0".repeat(40)
const pkt = (payload: string) => (payload.length + 4).toString(16).padStart(4, "0") + payload

describe("pktLine", () => {
  it("frames a line with its length, newline included", () => {
    expect(pktLine("# service=git-upload-pack")).toBe("001e# service=git-upload-pack\n")
  })
})

describe("parseCommands", () => {
  it("reads the ref updates up to the flush, capabilities and shallow lines left out", () => {
    const body =
      pkt(`shallow ${A}\n`) +
      pkt(`${A} ${B} refs/heads/master\0 report-status side-band-64k agent=git/2.39\n`) +
      pkt(`${Z} ${B} refs/tags/v1\n`) +
      "0000PACK..."
    expect(parseCommands(Buffer.from(body))).toEqual([
      { before: A, after: B, ref: "refs/heads/master" },
      { before: Z, after: B, ref: "refs/tags/v1" },
    ])
  })

  it("asks for more bytes while the list is incomplete", () => {
    const whole = pkt(`${A} ${B} refs/heads/master\0caps\n`) + "0000"
    for (const cut of [2, 10, whole.length - 4, whole.length - 1])
      expect(parseCommands(Buffer.from(whole.slice(0, cut)))).toBeUndefined()
    expect(parseCommands(Buffer.from(whole))).toHaveLength(1)
  })

  it("refuses what is not a command list", () => {
    for (const body of ["zzzz", "0003", pkt("hello world\n") + "0000", pkt(`${A} ${B}\n`) + "0000"])
      expect(() => parseCommands(Buffer.from(body))).toThrow(MalformedRequest)
  })
})

describe("readCommands", () => {
  it("returns every byte read and leaves the rest of the body unread", async () => {
    const body = new PassThrough()
    const head = pkt(`${A} ${B} refs/heads/x\0caps\n`) + "0000"
    const reading = readCommands(body)
    body.write(head.slice(0, 20))
    body.write(head.slice(20) + "PACK1")
    const result = await reading
    expect(result.updates).toEqual([{ before: A, after: B, ref: "refs/heads/x" }])
    expect(result.bytes.toString()).toBe(head + "PACK1")
    body.end("PACK2")
    const rest: Array<Buffer> = []
    for await (const chunk of body) rest.push(chunk as Buffer)
    expect(Buffer.concat(rest).toString()).toBe("PACK2")
  })

  it("fails when the body ends inside the list", async () => {
    const body = new PassThrough()
    const reading = readCommands(body)
    body.end(pkt(`${A} ${B} refs/heads/x\n`))
    await expect(reading).rejects.toBeInstanceOf(MalformedRequest)
  })
})
