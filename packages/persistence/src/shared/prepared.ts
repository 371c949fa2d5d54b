import type { Compilable, CompiledQuery, Kysely } from "kysely"
import type { DB } from "./em.ts"

/**
 * A Kysely query built and compiled once, then run with new values: for the queries every request
 * runs, building and compiling (≈100 µs for a project lookup) costs more than executing them.
 * `build` gets placeholder values that no real query uses; each is swapped for the caller's value
 * wherever it landed among the compiled parameters. Compiled lazily, once per SQL dialect (one
 * process may talk to SQLite and PostgreSQL at once: the tests do).
 */
export const prepared = <Args extends Record<string, string | number>, Row>(
  placeholders: Args,
  build: (k: Kysely<DB>, args: Args) => Compilable<Row>,
) => {
  const byDialect = new Map<string, CompiledQuery<Row>>()
  const keys = Object.keys(placeholders) as Array<keyof Args>
  return async (k: Kysely<DB>, args: Args): Promise<Array<Row>> => {
    const dialect: string = k.getExecutor().adapter.constructor.name
    let compiled = byDialect.get(dialect)
    if (compiled === undefined) {
      compiled = build(k, placeholders).compile()
      byDialect.set(dialect, compiled)
    }
    const parameters = compiled.parameters.map((value) => {
      const key = keys.find((name) => placeholders[name] === value)
      return key === undefined ? value : args[key]
    })
    const result = await k.executeQuery<Row>({ ...compiled, parameters })
    return result.rows
  }
}
