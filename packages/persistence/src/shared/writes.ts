import type { CompiledQuery, DatabaseConnection, Dialect, QueryResult } from "kysely"

/**
 * A count of the statements this process ran that changed data. The read caches keep a value only
 * while the count is what it was when the value was read, so this process never reads back older
 * data than it wrote, whichever repository, unit of work or raw query wrote it. A statement that
 * changed nothing (the delivery worker's poll, twice a second, finds nothing to claim) leaves the
 * caches alone.
 */
let writes = 0

export const writeCount = (): number => writes

/** Statements that cannot change data. */
const READ_ONLY = /^\s*(select|pragma|show|explain)\b/i
const RETURNING = /\breturning\b/i
const isReadOnly = (sql: string) => READ_ONLY.test(sql) && !RETURNING.test(sql)
/** Row changes, whose result tells how many rows they touched. */
const DML = /^\s*(insert|update|delete)\b/i
/** Where a transaction's changes become visible to other connections, or are undone. */
const TRANSACTION_END = /^\s*(commit|end|rollback)\b/i
const TRANSACTION_BEGIN = /^\s*(begin|start\s+transaction)\b/i
const TRANSACTION_STEP = /^\s*(savepoint|release)\b/i
const PARTIAL_ROLLBACK = /^\s*rollback\s+to\b/i

/** A row change that reports touching no row (by its count, or by RETURNING no row). */
const changedNothing = (sql: string, result: QueryResult<unknown>) =>
  DML.test(sql) &&
  (result.numAffectedRows !== undefined
    ? result.numAffectedRows === 0n
    : RETURNING.test(sql) && result.rows.length === 0)

const observed = new WeakSet<DatabaseConnection>()

/**
 * Counts a connection's writes as they complete (also when one fails: part of it may have
 * applied), and again when a transaction that wrote ends: a value read meanwhile on another
 * connection (PostgreSQL) still saw the data from before the commit.
 */
const observe = (connection: DatabaseConnection): DatabaseConnection => {
  if (observed.has(connection)) return connection
  observed.add(connection)
  const execute = connection.executeQuery.bind(connection)
  /** Since this connection's last BEGIN. */
  let wroteInTransaction = false
  const wrote = () => {
    writes++
    wroteInTransaction = true
  }
  connection.executeQuery = <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
    const sql = query.sql
    if (TRANSACTION_BEGIN.test(sql)) {
      wroteInTransaction = false
      return execute(query)
    }
    if (isReadOnly(sql) || TRANSACTION_STEP.test(sql)) return execute(query)
    if (TRANSACTION_END.test(sql)) {
      if (!wroteInTransaction) return execute(query)
      return execute<R>(query).finally(() => {
        writes++
        if (!PARTIAL_ROLLBACK.test(sql)) wroteInTransaction = false
      })
    }
    return execute<R>(query).then(
      (result) => {
        if (!changedNothing(sql, result)) wrote()
        return result
      },
      (error: unknown) => {
        wrote()
        throw error
      },
    )
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
