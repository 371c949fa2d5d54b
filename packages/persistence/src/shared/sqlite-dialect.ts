import type { StatementSync } from "node:sqlite"
import { SqliteDialect } from "kysely"
import type { Configuration } from "@mikro-orm/core"
import { BaseSqliteConnection, SqliteDriver } from "@mikro-orm/sql"
import { bindingParameters } from "./bound.ts"

const READS = /^\s*(select|pragma|explain|with)/i
const RETURNING = /\breturning\b/i

/**
 * Kysely's SQLite dialect over `node:sqlite`, like MikroORM's NodeSqliteDialect but keeping the
 * prepared statements: preparing a join costs far more than running it, and every request runs
 * the same few shapes of query. Bounded; a statement is reusable once its last run has returned.
 */
export class CachingNodeSqliteDialect extends SqliteDialect {
  readonly #caches: Array<Map<string, StatementSync>>

  constructor(dbName: string, capacity = 500) {
    const { DatabaseSync } = process.getBuiltinModule("node:sqlite")
    const caches: Array<Map<string, StatementSync>> = []
    super({
      database: () => {
        const db = new DatabaseSync(dbName)
        const statements = new Map<string, StatementSync>()
        caches.push(statements)
        const statementFor = (sql: string): StatementSync => {
          let statement = statements.get(sql)
          if (statement === undefined) {
            if (statements.size >= capacity) statements.clear()
            statement = db.prepare(sql)
            statements.set(sql, statement)
          }
          return statement
        }
        return {
          prepare(sql: string) {
            const statement = statementFor(sql)
            return {
              reader: READS.test(sql) || RETURNING.test(sql),
              all: (params: ReadonlyArray<unknown>) => statement.all(...(params as Array<never>)),
              run: (params: ReadonlyArray<unknown>) => statement.run(...(params as Array<never>)),
              get: (params: ReadonlyArray<unknown>) => statement.get(...(params as Array<never>)),
              iterate: (params: ReadonlyArray<unknown>) => statement.iterate(...(params as Array<never>)),
            }
          },
          close() {
            statements.clear()
            db.close()
          },
        } as never
      },
    })
    this.#caches = caches
  }

  /** How many prepared statements the connections keep (tests watch it stay small). */
  cachedStatements(): number {
    return this.#caches.reduce((sum, statements) => sum + statements.size, 0)
  }
}

/** MikroORM's SQLite connection with its values bound (see bound.ts). */
class BoundSqliteConnection extends bindingParameters(BaseSqliteConnection, "sqlite") {}

/** MikroORM's SQLite driver on that connection (the driver makes its connection itself). */
export class BoundSqliteDriver extends SqliteDriver {
  constructor(config: Configuration) {
    super(config)
    Object.assign(this, { connection: new BoundSqliteConnection(this.config) })
  }
}
