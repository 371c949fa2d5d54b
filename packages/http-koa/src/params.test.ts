import type { Context } from "koa"
import { describe, expect, it } from "vitest"
import { Invalid, MissingAttribute } from "@labrador/domain"
import { decodeParams, Param, path, required, requestParams } from "./params.ts"

const ctx = (querystring: string, body?: unknown, params?: Record<string, string>) =>
  ({ querystring, request: { body }, params, state: {} }) as unknown as Context

describe("requestParams", () => {
  it("merges the query string (with a[]= arrays and h[k]= hashes), the body and the route params", () => {
    const bag = requestParams(
      ctx("labels[]=a&labels[]=b&h[k]=v&page=2&title=query", { title: "body", n: 1 }, { id: "7" }),
    )
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
    expect(decodeParams(spec, { name: "x", limit: 3, admin: true, labels: ["a"] })).toEqual({
      name: "x",
      limit: 3,
      admin: true,
      labels: ["a"],
    })
    expect(decodeParams(spec, { name: 5, limit: "3", admin: "false", labels: "a, b" })).toEqual({
      name: "5",
      limit: 3,
      admin: false,
      labels: ["a", "b"],
    })
  })

  it("treats absent and null as not given, and an empty non-string as not given", () => {
    expect(decodeParams(spec, { name: null, limit: "", admin: undefined })).toEqual({})
    expect(decodeParams(spec, { name: "" })).toEqual({ name: "" })
  })

  it("names every field that does not decode", () => {
    const result = decodeParams(spec, { name: { a: 1 }, limit: "1.5", admin: "maybe", labels: [1] })
    expect(result).toBeInstanceOf(Invalid)
    expect((result as Invalid).errors).toEqual({
      name: ["is invalid"],
      limit: ["is invalid"],
      admin: ["is invalid"],
      labels: ["is invalid"],
    })
  })

  it("ignores parameters it does not declare", () => {
    expect(decodeParams({ name: Param.string }, { name: "x", state: "blocked" })).toEqual({ name: "x" })
  })
})

describe("required and path parameters", () => {
  const spec = { id: path(Param.int), title: required(Param.string), body: required(Param.string), note: Param.string }

  it("answers the first required attribute that is absent, null or blank, in declaration order", () => {
    expect(decodeParams(spec, { id: "1", body: "b" })).toEqual(new MissingAttribute({ attribute: "title" }))
    expect(decodeParams(spec, { id: "1", title: null, body: "b" })).toEqual(
      new MissingAttribute({ attribute: "title" }),
    )
    expect(decodeParams(spec, { id: "1", title: "  ", body: "" })).toEqual(new MissingAttribute({ attribute: "title" }))
    expect(decodeParams(spec, { id: "1", title: "t" })).toEqual(new MissingAttribute({ attribute: "body" }))
  })

  it("names undecodable fields before a missing one", () => {
    expect(decodeParams({ ...spec, count: Param.int }, { id: "1", count: "x" })).toEqual(
      new Invalid({ errors: { count: ["is invalid"] } }),
    )
  })

  it("reads them as present once given", () => {
    const decoded = decodeParams(spec, { id: "7", title: "t", body: "b" })
    if (decoded instanceof Invalid || decoded instanceof MissingAttribute) throw new Error("expected decoded params")
    const id: number = decoded.id
    const title: string = decoded.title
    expect({ id, title, note: decoded.note }).toEqual({ id: 7, title: "t", note: undefined })
  })

  it("takes a blank path segment as a value (the route decides what it names)", () => {
    expect(decodeParams({ query: path(Param.string) }, { query: " " })).toEqual({ query: " " })
    expect(decodeParams({ id: path(Param.int) }, {})).toEqual(new MissingAttribute({ attribute: "id" }))
  })
})

describe("text the databases cannot store", () => {
  const spec = { name: Param.string, labels: Param.stringArray, id: path(Param.string), count: Param.int }

  it("names every attribute holding a NUL byte, in the body, the query or the path", () => {
    const result = decodeParams(spec, { name: "a\u0000b", labels: ["ok", "x\u0000"], id: "p\u0000" })
    expect(result).toEqual(
      new Invalid({ errors: { name: ["is invalid"], labels: ["is invalid"], id: ["is invalid"] } }),
    )
    expect(decodeParams(spec, { id: "p", labels: "a,b\u0000c" })).toEqual(
      new Invalid({ errors: { labels: ["is invalid"] } }),
    )
    expect(decodeParams(spec, { id: "p", count: "1\u0000" })).toEqual(
      new Invalid({ errors: { count: ["is invalid"] } }),
    )
  })

  it("keeps other control characters and text as they are", () => {
    expect(decodeParams(spec, { id: "p", name: "tab\there\nline" })).toEqual({ id: "p", name: "tab\there\nline" })
  })
})
