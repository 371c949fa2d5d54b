import type { Context } from "koa"
import { describe, expect, it } from "vitest"
import { Invalid } from "@labrador/domain"
import { decodeParams, Param, requestParams } from "./params.ts"

const ctx = (querystring: string, body?: unknown, params?: Record<string, string>) =>
  ({ querystring, request: { body }, params, state: {} }) as unknown as Context

describe("requestParams", () => {
  it("merges the query string (with a[]= arrays and h[k]= hashes), the body and the route params", () => {
    const bag = requestParams(ctx("labels[]=a&labels[]=b&h[k]=v&page=2&title=query", { title: "body", n: 1 }, { id: "7" }))
    expect(bag).toEqual({ labels: ["a", "b"], h: { k: "v" }, page: "2", title: "body", n: 1, id: "7" })
  })

  it("route params win over anything the client sends under the same name", () => {
    expect(requestParams(ctx("id=1", { id: 2 }, { id: "3" })).id).toBe("3")
  })

  it("ignores a body that is not an object", () => {
    expect(requestParams(ctx("", ["x"]))).toEqual({})
  })
})

describe("decodeParams", () => {
  const spec = { name: Param.string, limit: Param.int, admin: Param.boolean, labels: Param.stringArray }

  it("accepts JSON types and their form-encoded spellings alike", () => {
    expect(decodeParams(spec, { name: "x", limit: 3, admin: true, labels: ["a"] })).toEqual({ name: "x", limit: 3, admin: true, labels: ["a"] })
    expect(decodeParams(spec, { name: 5, limit: "3", admin: "false", labels: "a, b" })).toEqual({ name: "5", limit: 3, admin: false, labels: ["a", "b"] })
  })

  it("treats absent and null as not given, and an empty non-string as not given", () => {
    expect(decodeParams(spec, { name: null, limit: "", admin: undefined })).toEqual({})
    expect(decodeParams(spec, { name: "" })).toEqual({ name: "" })
  })

  it("names every field that does not decode", () => {
    const result = decodeParams(spec, { name: { a: 1 }, limit: "1.5", admin: "maybe", labels: [1] })
    expect(result).toBeInstanceOf(Invalid)
    expect((result as Invalid).errors).toEqual({ name: ["is invalid"], limit: ["is invalid"], admin: ["is invalid"], labels: ["is invalid"] })
  })

  it("ignores parameters it does not declare", () => {
    expect(decodeParams({ name: Param.string }, { name: "x", state: "blocked" })).toEqual({ name: "x" })
  })
})
