import { CompiledQuery } from "kysely"
import { isRaw, JsonProperty, raw, Utils, type AnyEntity, type EntityData, type QueryResult } from "@mikro-orm/core"
import { AbstractSqlConnection, NativeQueryBuilder } from "@mikro-orm/sql"

type Execute = AbstractSqlConnection["execute"]
type Dialect = "sqlite" | "postgresql"

/** A value as the driver takes it bound (what MikroORM's `escape` would have written into the SQL). */
const driverValue = (dialect: Dialect, value: unknown, formatDate: (date: Date) => string): unknown => {
  if (value === undefined || value === null) return null
  if (Utils.isPlainObject(value) || (typeof value === "object" && JsonProperty in value)) return JSON.stringify(value)
  if (dialect === "sqlite") {
    if (typeof value === "boolean") return value ? 1 : 0
    if (value instanceof Date) return value.getTime()
    return value
  }
  if (typeof value === "bigint") return value.toString()
  if (value instanceof Date) return formatDate(value)
  return value
}

/**
 * MikroORM's `?` SQL and its values as a statement with bound parameters: `??` stays an inlined
 * (quoted) identifier, `\?` a literal question mark, an array a list of parameters (`in (?)`), a
 * raw fragment its own SQL with its values bound too.
 */
export const bindQuery = (
  dialect: Dialect,
  quoteIdentifier: (id: string) => string,
  formatDate: (date: Date) => string,
  sql: string,
  params: ReadonlyArray<unknown>,
): { readonly sql: string; readonly parameters: Array<unknown> } => {
  const parameters: Array<unknown> = []
  const placeholder = (value: unknown) => {
    parameters.push(driverValue(dialect, value, formatDate))
    return dialect === "sqlite" ? "?" : `$${parameters.length}`
  }
  const value = (v: unknown): string => {
    if (isRaw(v)) return fill(v.sql, v.params)
    if (Array.isArray(v) && !(typeof v === "object" && JsonProperty in v)) return v.map(value).join(", ")
    return placeholder(v)
  }
  const fill = (text: string, values: ReadonlyArray<unknown>): string => {
    if (values.length === 0) return text
    let next = 0
    let out = ""
    for (let i = 0; i < text.length; i++) {
      const c = text[i]
      if (c === "\\" && text[i + 1] === "?") {
        out += "?"
        i++
      } else if (c === "?" && text[i + 1] === "?") {
        out += quoteIdentifier(String(values[next++]))
        i++
      } else if (c === "?") out += value(values[next++])
      else out += c
    }
    return out
  }
  return { sql: fill(sql, params), parameters }
}

/** A constructor of a MikroORM SQL connection (a mixin base must take `any[]`: TypeScript's rule). */
type ConnectionClass = abstract new (...args: any[]) => AbstractSqlConnection

/**
 * The connection with every statement MikroORM runs (`em.insert`, `nativeUpdate`, flushes, its
 * query builder) sent with bound parameters. MikroORM's own `execute` writes the values into the
 * SQL text, so a NUL byte ended the statement early (500 `unrecognized token`), every write was a
 * new statement for SQLite's prepared-statement cache, and safety rested on an escaping function.
 */
export const bindingParameters = <C extends ConnectionClass>(Base: C, dialect: Dialect) => {
  abstract class BoundConnection extends Base {
    override async execute<
      T extends QueryResult | EntityData<AnyEntity> | Array<EntityData<AnyEntity>> = Array<EntityData<AnyEntity>>,
    >(...[query, params = [], method = "all", ctx, loggerContext]: Parameters<Execute>): Promise<T> {
      await this.ensureConnection()
      let sql = query instanceof NativeQueryBuilder ? query.toRaw() : query
      let values: ReadonlyArray<unknown> = Array.isArray(params) ? params : []
      // Named parameters (a plain object) are translated by MikroORM's `raw()` helper.
      if (typeof sql === "string" && !Array.isArray(params)) sql = raw(sql, params)
      if (isRaw(sql)) {
        values = sql.params
        sql = sql.sql
      }
      const text: string = this.config.get("onQuery")(sql, values)
      const platform = this.getPlatform() as unknown as {
        quoteIdentifier(id: string): string
        formatDate?(date: Date): string
      }
      const bound = bindQuery(
        dialect,
        (id) => platform.quoteIdentifier(id),
        (date) => platform.formatDate?.(date) ?? date.toISOString(),
        text,
        values,
      )
      const { signal, inflightQueryAbortStrategy, ...logContext } = (loggerContext ?? {}) as Record<string, unknown>
      const abort =
        signal === undefined && inflightQueryAbortStrategy === undefined
          ? undefined
          : { signal, inflightQueryAbortStrategy }
      const client = ctx ?? this.getClient()
      // The values written into the SQL only for a log that asks for them.
      const logged = this.config.getLogger().isEnabled("query-params", logContext)
        ? this.getPlatform().formatQuery(text, values)
        : text
      return this.executeQuery(
        this.getSql(text, logged, logContext),
        async () =>
          this.transformRawResult<T>(
            await client.executeQuery(CompiledQuery.raw(bound.sql, bound.parameters), abort as never),
            method,
          ),
        { query: text, params: values, ...logContext },
      )
    }
  }
  return BoundConnection
}
