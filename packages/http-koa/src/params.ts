import type { Context } from "koa"
import qs from "qs"
import { Option, Schema, SchemaTransformation } from "effect"
import { Invalid } from "@labrador/domain"

/**
 * Wire codecs for request parameters. Forms and query strings carry strings, JSON carries typed
 * values: each codec accepts both and yields one type. Absent, null and (for non-strings) empty
 * values mean "not given"; anything else that does not decode is a 400 on that field.
 */
export const Param = {
  string: Schema.Union([
    Schema.String,
    Schema.Finite.pipe(Schema.decodeTo(Schema.String, SchemaTransformation.transform({ decode: String, encode: Number }))),
  ]),
  int: Schema.Union([Schema.Int, Schema.NumberFromString.check(Schema.isInt())]),
  boolean: Schema.Union([
    Schema.Boolean,
    Schema.Literals(["true", "false", "1", "0"]).pipe(
      Schema.decodeTo(Schema.Boolean, SchemaTransformation.transform({ decode: (s) => s === "true" || s === "1", encode: (b) => (b ? "true" : "false") })),
    ),
  ]),
  stringArray: Schema.Union([Schema.Array(Schema.String), Schema.String.pipe(Schema.decodeTo(Schema.Array(Schema.String), SchemaTransformation.transform({ decode: (s): ReadonlyArray<string> => s.split(",").map((x) => x.trim()).filter(Boolean), encode: (a: ReadonlyArray<string>) => a.join(",") })))]),
} as const

export type ParamSpec = Readonly<Record<string, Schema.Top>>

export type Decoded<S extends ParamSpec> = { readonly [K in keyof S]?: S[K]["Type"] }

/**
 * One bag of parameters, as Grape merges them: route params, then the body, then the query
 * string (nested `a[]=` arrays and `h[k]=` hashes included). Read once per request.
 */
export const requestParams = (ctx: Context): Record<string, unknown> => {
  const cached = ctx.state.params as Record<string, unknown> | undefined
  if (cached) return cached
  const query = ctx.querystring ? (qs.parse(ctx.querystring, { depth: 5, arrayLimit: 100, parameterLimit: 1000 }) as Record<string, unknown>) : {}
  const body = isRecord(ctx.request.body) ? ctx.request.body : {}
  const bag = { ...query, ...body, ...(ctx.params as Record<string, unknown> | undefined) }
  ctx.state.params = bag
  return bag
}

type Decoder = (input: unknown) => Option.Option<unknown>

/** A spec's fields with their decoders, made once per spec (every request of the route reads them). */
const fieldsOf = new WeakMap<ParamSpec, ReadonlyArray<readonly [string, Schema.Top, Decoder]>>()

const fields = (spec: ParamSpec) => {
  let found = fieldsOf.get(spec)
  if (found === undefined)
    fieldsOf.set(spec, (found = Object.entries(spec).map(([name, codec]) => [name, codec, Schema.decodeUnknownOption(codec as Schema.Codec<unknown, unknown>)] as const)))
  return found
}

/** Decodes the declared parameters; every undecodable field is named in one Invalid. */
export const decodeParams = <S extends ParamSpec>(spec: S, bag: Record<string, unknown>): Decoded<S> | Invalid => {
  const out: Record<string, unknown> = {}
  let errors: Record<string, Array<string>> | undefined
  for (const [name, codec, decode] of fields(spec)) {
    const raw = bag[name]
    if (raw === undefined || raw === null || (raw === "" && codec !== Param.string)) continue
    const decoded = decode(raw)
    if (Option.isSome(decoded)) out[name] = decoded.value
    else (errors ??= {})[name] = ["is invalid"]
  }
  return errors !== undefined ? new Invalid({ errors }) : (out as Decoded<S>)
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value)
