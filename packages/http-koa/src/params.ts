import type { Context } from "koa"
import qs from "qs"
import { Option, Schema, SchemaTransformation } from "effect"
import { Invalid, isBlank, MissingAttribute } from "@labrador/domain"

/**
 * Wire codecs for request parameters. Forms and query strings carry strings, JSON carries typed
 * values: each codec accepts both and yields one type. Absent, null and (for non-strings) empty
 * values mean "not given"; anything else that does not decode is a 400 on that field.
 */
export const Param = {
  string: Schema.Union([
    Schema.String,
    Schema.Finite.pipe(
      Schema.decodeTo(Schema.String, SchemaTransformation.transform({ decode: String, encode: Number })),
    ),
  ]),
  int: Schema.Union([Schema.Int, Schema.NumberFromString.check(Schema.isInt())]),
  boolean: Schema.Union([
    Schema.Boolean,
    Schema.Literals(["true", "false", "1", "0"]).pipe(
      Schema.decodeTo(
        Schema.Boolean,
        SchemaTransformation.transform({
          decode: (s) => s === "true" || s === "1",
          encode: (b) => (b ? "true" : "false"),
        }),
      ),
    ),
  ]),
  stringArray: Schema.Union([
    Schema.Array(Schema.String),
    Schema.String.pipe(
      Schema.decodeTo(
        Schema.Array(Schema.String),
        SchemaTransformation.transform({
          decode: (s): ReadonlyArray<string> =>
            s
              .split(",")
              .map((x) => x.trim())
              .filter(Boolean),
          encode: (a: ReadonlyArray<string>) => a.join(","),
        }),
      ),
    ),
  ]),
} as const

/** A parameter the route cannot do without (Grape's `requires`, or a segment of its path). */
export interface RequiredParam<C extends Schema.Top = Schema.Top> {
  readonly _tag: "RequiredParam"
  readonly codec: C
  /** A path segment: the router guarantees it, and a blank one is a value like any other (a 404, say). */
  readonly inPath: boolean
}

/**
 * Declares a parameter required: absent, null or blank answers GitLab's 400 `"name" not given`
 * before the route runs, and the route reads it as present.
 */
export const required = <C extends Schema.Top>(codec: C): RequiredParam<C> => ({
  _tag: "RequiredParam",
  codec,
  inPath: false,
})

/** Declares a segment of the route's path (`:id`): the route reads it as present. */
export const path = <C extends Schema.Top>(codec: C): RequiredParam<C> => ({
  _tag: "RequiredParam",
  codec,
  inPath: true,
})

export type ParamSpec = Readonly<Record<string, Schema.Top | RequiredParam>>

type TypeOf<F> = F extends RequiredParam<infer C> ? C["Type"] : F extends Schema.Top ? F["Type"] : never

export type Decoded<S extends ParamSpec> = {
  readonly [K in keyof S as S[K] extends RequiredParam ? K : never]: TypeOf<S[K]>
} & {
  readonly [K in keyof S as S[K] extends RequiredParam ? never : K]?: TypeOf<S[K]>
}

/**
 * One bag of parameters, as Grape merges them: route params, then the body, then the query
 * string (nested `a[]=` arrays and `h[k]=` hashes included). Read once per request.
 */
export const requestParams = (ctx: Context): Record<string, unknown> => {
  const cached = ctx.state.params as Record<string, unknown> | undefined
  if (cached) return cached
  const query = ctx.querystring
    ? (qs.parse(ctx.querystring, { depth: 5, arrayLimit: 100, parameterLimit: 1000 }) as Record<string, unknown>)
    : {}
  const body = isRecord(ctx.request.body) ? ctx.request.body : {}
  const bag = { ...query, ...body, ...(ctx.params as Record<string, unknown> | undefined) }
  ctx.state.params = bag
  return bag
}

type Decoder = (input: unknown) => Option.Option<unknown>

interface Field {
  readonly name: string
  readonly codec: Schema.Top
  readonly decode: Decoder
  /** Absent (and, outside the path, blank) answers MissingAttribute. */
  readonly requirement: "no" | "present" | "non-blank"
}

/** A spec's fields with their decoders, made once per spec (every request of the route reads them). */
const fieldsOf = new WeakMap<ParamSpec, ReadonlyArray<Field>>()

const fields = (spec: ParamSpec): ReadonlyArray<Field> => {
  let found = fieldsOf.get(spec)
  if (found === undefined)
    fieldsOf.set(
      spec,
      (found = Object.entries(spec).map(([name, declared]) => {
        const declaration = "_tag" in declared && declared._tag === "RequiredParam" ? declared : undefined
        const codec = declaration?.codec ?? (declared as Schema.Top)
        const requirement = declaration === undefined ? "no" : declaration.inPath ? "present" : "non-blank"
        return { name, codec, decode: Schema.decodeUnknownOption(codec as Schema.Codec<unknown, unknown>), requirement }
      })),
    )
  return found
}

/**
 * Text the databases cannot store (a NUL byte: PostgreSQL refuses it in text, SQLite's C strings
 * end at it) is a bad value of that attribute, decided here so that no route writes it.
 */
const storable = (value: unknown): boolean =>
  typeof value === "string" ? !value.includes("\u0000") : Array.isArray(value) ? value.every(storable) : true

/**
 * Decodes the declared parameters: every undecodable or unstorable field is named in one Invalid;
 * failing that, the first required one missing (in declaration order, as `required_attributes!`
 * checks them) is a MissingAttribute.
 */
export const decodeParams = <S extends ParamSpec>(
  spec: S,
  bag: Record<string, unknown>,
): Decoded<S> | Invalid | MissingAttribute => {
  const out: Record<string, unknown> = {}
  let errors: Record<string, Array<string>> | undefined
  let missing: string | undefined
  for (const { name, codec, decode, requirement } of fields(spec)) {
    const raw = bag[name]
    if (raw !== undefined && raw !== null && (raw !== "" || codec === Param.string)) {
      const decoded = decode(raw)
      if (Option.isSome(decoded) && storable(decoded.value)) out[name] = decoded.value
      else {
        ;(errors ??= {})[name] = ["is invalid"]
        continue
      }
    }
    // Judged on the decoded value, as the use case's own `requireAttributes` would.
    if (requirement !== "no" && (requirement === "present" ? out[name] === undefined : isBlank(out[name])))
      missing ??= name
  }
  if (errors !== undefined) return new Invalid({ errors })
  return missing !== undefined ? new MissingAttribute({ attribute: missing }) : (out as Decoded<S>)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
