import type { StatementSync } from "node:sqlite"
import { SqliteDialect } from "kysely"

const READS = /^\s*(select|pragma|explain|with)/i
const RETURNING = /\breturning\b/i

/**
 * Kysely's SQLite dialect over `node:sqlite`, like MikroORM's NodeSqliteDialect but keeping the
 * prepared statements: preparing a join costs far more than running it, and every request runs
 * the same few shapes of query. Bounded; a statement is reusable once its last run has returned.
 */
export class CachingNodeSqliteDialect extends SqliteDialect {
  constructor(dbName: string, capacity = 500) {
    const { DatabaseSync } = process.getBuiltinModule("node:sqlite")
    super({
      database: () => {
        const db = new DatabaseSync(dbName)
        const statements = new Map<string, StatementSync>()
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
  }
}
