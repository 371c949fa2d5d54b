import { UniqueConstraintViolationException } from "@mikro-orm/core"
import type { Orm } from "../database.ts"
import type { InferKyselyDB, Kysely, SqlEntityManager } from "@mikro-orm/sql"
import type { entities } from "../database.ts"
import { Context, Effect, Exit, Layer } from "effect"
import { Conflict, Transactions } from "@labrador/domain"

export type Em = SqlEntityManager

/** The tables and columns as the entities declare them: a misspelt table or column does not compile. */
export type DB = InferKyselyDB<(typeof entities)[number]>

/** The entity manager of the transaction the fiber runs in, when it runs in one. */
const CurrentTransaction = Context.Reference<Em | undefined>("@labrador/persistence/CurrentTransaction", {
  defaultValue: () => undefined,
})

/** The open ORM. Every repository reaches the database through `run`. */
export class Database extends Context.Service<
  Database,
  {
    readonly orm: Orm
    readonly dialect: "sqlite" | "postgresql"
    /**
     * A time as this dialect's raw column takes it through Kysely, which bypasses the ORM's
     * conversion: SQLite keeps epoch milliseconds. Typed as the entity's Date so typed queries take it.
     */
    sqlTime(date: Date): Date
    /** Runs a query on the current transaction, or on a fresh fork of the entity manager. */
    run<A>(query: (em: Em) => Promise<A>): Effect.Effect<A>
    /** Runs a Kysely query, typed by the entities, like `run`. */
    query<A>(query: (k: Kysely<DB>) => Promise<A>): Effect.Effect<A>
    /** Like run, but a unique-index violation is a 409 naming `field`. */
    runUnique<A>(field: string, query: (em: Em) => Promise<A>): Effect.Effect<A, Conflict>
  }
>()("@labrador/persistence/Database") {
  static layer(orm: Orm): Layer.Layer<Database | Transactions> {
    const fresh = () => orm.em.fork() as unknown as Em
    const dialect = orm.em.getPlatform().constructor.name.toLowerCase().includes("postgre") ? "postgresql" : "sqlite"
    const current = Effect.service(CurrentTransaction)
    const run = <A>(query: (em: Em) => Promise<A>): Effect.Effect<A> =>
      Effect.flatMap(current, (tx) => Effect.promise(() => query(tx ?? fresh())))
    const typedQuery = <A>(build: (k: Kysely<DB>) => Promise<A>): Effect.Effect<A> =>
      run((em) => build(em.getKysely<DB>()))
    const runUnique = <A>(field: string, query: (em: Em) => Promise<A>): Effect.Effect<A, Conflict> =>
      Effect.flatMap(current, (tx) =>
        Effect.tryPromise({ try: () => query(tx ?? fresh()), catch: (error) => error }).pipe(
          Effect.catch((error) =>
            error instanceof UniqueConstraintViolationException
              ? Effect.fail(Conflict.taken(field))
              : Effect.die(error),
          ),
        ),
      )
    const transact = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      Effect.flatMap(current, (outer) =>
        outer !== undefined
          ? effect
          : Effect.acquireUseRelease(
              Effect.promise(async () => {
                const em = fresh()
                await em.begin()
                return em
              }),
              (em) => Effect.provideService(effect, CurrentTransaction, em),
              (em, exit) => Effect.promise(() => (Exit.isSuccess(exit) ? em.commit() : em.rollback())),
            ),
      )
    return Layer.mergeAll(
      Layer.succeed(
        Database,
        Database.of({
          orm,
          dialect,
          sqlTime: (date) => (dialect === "sqlite" ? (date.getTime() as unknown as Date) : date),
          run,
          query: typedQuery,
          runUnique,
        }),
      ),
      Layer.succeed(Transactions, Transactions.of({ transact })),
    )
  }
}
