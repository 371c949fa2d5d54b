/** Test support for every package that needs a real database: SQLite always, PostgreSQL when configured. */
export { dialects, freshDatabase } from "./databases.ts"
export { scratchPostgres } from "./postgres.ts"
