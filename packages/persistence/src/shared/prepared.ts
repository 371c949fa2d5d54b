/**
 * A Kysely query built and compiled once, then run with new values: for the queries every request
 * runs, building and compiling (≈100 µs for a project lookup) costs more than executing them.
 * `build` gets placeholder values that no real query uses; each is swapped for the caller's value
 * wherever it landed among the compiled parameters. Compiled lazily, once per SQL dialect (one
 * process may talk to SQLite and PostgreSQL at once: the tests do).
 */
export const prepared = <Args extends Record<string, string | number>>(placeholders: Args, build: (k: any, args: Args) => any) => {
  const byDialect = new Map<string, { readonly sql: string; readonly parameters: ReadonlyArray<unknown>; readonly query: unknown }>()
  const keys = Object.keys(placeholders) as Array<keyof Args>
  return async (k: any, args: Args): Promise<Array<Record<string, unknown>>> => {
    const dialect: string = k.getExecutor().adapter.constructor.name
    let compiled = byDialect.get(dialect)
    if (compiled === undefined) {
      compiled = build(k, placeholders).compile() as { readonly sql: string; readonly parameters: ReadonlyArray<unknown>; readonly query: unknown }
      byDialect.set(dialect, compiled)
    }
    const parameters = compiled.parameters.map((value) => {
      const key = keys.find((name) => placeholders[name] === value)
      return key === undefined ? value : args[key]
    })
    const result = await k.executeQuery({ ...compiled, parameters })
    return result.rows as Array<Record<string, unknown>>
  }
}
