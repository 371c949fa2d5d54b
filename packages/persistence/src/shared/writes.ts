import type { CompiledQuery, DatabaseConnection, Dialect, QueryResult } from "kysely"

/**
 * A count of the statements this process ran that may have changed data. The read caches keep a
 * value only while the count is what it was when the value was read, so this process never reads
 * back older data than it wrote, whichever repository, unit of work or raw query wrote it.
 */
let writes = 0

export const writeCount = (): number => writes

/** Statements that cannot change data; anything else (COMMIT included) counts as a write. */
const READ_ONLY = /^\s*(select|pragma|show|explain)\b/i
const RETURNING = /\breturning\b/i
const isReadOnly = (sql: string) => READ_ONLY.test(sql) && !RETURNING.test(sql)

const observed = new WeakSet<DatabaseConnection>()

/** Counts a connection's writes as they complete (also when one fails: part of it may have applied). */
const observe = (connection: DatabaseConnection): DatabaseConnection => {
  if (observed.has(connection)) return connection
  observed.add(connection)
  const execute = connection.executeQuery.bind(connection)
  connection.executeQuery = <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
    if (isReadOnly(query.sql)) return execute(query)
    return execute<R>(query).finally(() => void writes++)
  }
  return connection
}

/** The dialect, changed so that every connection it hands out counts its writes. */
export const countingWrites = <D extends Dialect>(dialect: D): D => {
  const createDriver = dialect.createDriver.bind(dialect)
  dialect.createDriver = () => {
    const driver = createDriver()
    const acquire = driver.acquireConnection.bind(driver)
    driver.acquireConnection = async () => observe(await acquire())
    return driver
  }
  return dialect
}
