import { mkdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { defineConfig, MikroORM } from "@mikro-orm/core"
import { Migrator } from "@mikro-orm/migrations"
import { BoundSqliteDriver, CachingNodeSqliteDialect } from "./shared/sqlite-dialect.ts"
import { countingWrites } from "./shared/writes.ts"
import { HookDeliveryEntity, SystemHookEntity } from "./deliveries/entity.ts"
import { EventEntity } from "./events/entity.ts"
import { ProtectedBranchEntity } from "./repositories/entity.ts"
import { RepositoryIntentEntity } from "./repositories/intents.ts"
import { IssueEntity, IssueLabelEntity } from "./issues/entity.ts"
import { MilestoneEntity } from "./milestones/entity.ts"
import { NoteEntity } from "./notes/entity.ts"
import { ProjectCounterEntity } from "./shared/counters.ts"
import { SnippetEntity } from "./snippets/entity.ts"
import { GroupMemberEntity } from "./groups/entity.ts"
import { HookEntity } from "./hooks/entity.ts"
import { KeyEntity } from "./keys/entity.ts"
import { MembershipEntity } from "./members/entity.ts"
import { DeletedProjectEntity, ProjectEntity } from "./projects/entity.ts"
import { NamespaceEntity } from "./namespaces/entity.ts"
import { OutboxEventEntity } from "./shared/outbox.ts"
import { TeamMemberEntity, TeamProjectEntity, UserTeamEntity } from "./teams/entity.ts"
import { UserEntity } from "./users/entity.ts"
import { migrations as postgresqlMigrations } from "../migrations/postgresql/index.ts"
import { migrations as sqliteMigrations } from "../migrations/sqlite/index.ts"

export const entities = [
  SystemHookEntity,
  HookDeliveryEntity,
  UserEntity,
  NamespaceEntity,
  KeyEntity,
  OutboxEventEntity,
  ProjectEntity,
  DeletedProjectEntity,
  MembershipEntity,
  HookEntity,
  EventEntity,
  GroupMemberEntity,
  UserTeamEntity,
  TeamMemberEntity,
  TeamProjectEntity,
  ProjectCounterEntity,
  MilestoneEntity,
  IssueEntity,
  IssueLabelEntity,
  NoteEntity,
  SnippetEntity,
  ProtectedBranchEntity,
  RepositoryIntentEntity,
]

export type Dialect = "sqlite" | "postgresql"

export interface DatabaseTarget {
  readonly dialect: Dialect
  /** A file path for SQLite (":memory:" works too), a postgres:// URL for PostgreSQL. */
  readonly location: string
}

/** Where `scripts/make-migration.ts` writes a dialect's new migrations. */
export const migrationsDir = (dialect: Dialect) => fileURLToPath(new URL(`../migrations/${dialect}`, import.meta.url))

/** Reads LABRADOR_DATABASE_URL's shape: postgres(ql):// selects PostgreSQL, sqlite:path or a bare path SQLite. */
export const parseDatabaseUrl = (url: string): DatabaseTarget | { readonly error: string } => {
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: "postgresql", location: url }
  if (url.startsWith("sqlite:"))
    return { dialect: "sqlite", location: url.slice("sqlite:".length).replace(/^\/\//, "") }
  return {
    error: `unsupported database URL scheme in "${url.replace(/\/\/[^@/]*@/, "//***@")}" (use postgres://… or sqlite:<path>)`,
  }
}

/** The ORM configuration of a target; the PostgreSQL driver is only loaded when one is used. */
export const configFor = async (
  target: DatabaseTarget,
  debug = false,
): Promise<Parameters<typeof MikroORM.init>[0]> => {
  const common = {
    entities,
    extensions: [Migrator],
    debug,
    allowGlobalContext: false,
    // The committed list, not a folder scan: the server also runs from a bundle.
    migrations: {
      migrationsList: target.dialect === "postgresql" ? postgresqlMigrations : sqliteMigrations,
      snapshot: false,
      silent: true,
    },
  }
  return target.dialect === "postgresql"
    ? defineConfig({
        ...common,
        driver: (await import("./shared/postgresql-driver.ts")).CountingPostgreSqlDriver,
        clientUrl: target.location,
        pool: { min: 0, max: 10 },
      })
    : defineConfig({
        ...common,
        driver: BoundSqliteDriver,
        dbName: target.location,
        driverOptions: countingWrites(new CachingNodeSqliteDialect(target.location)),
      })
}

/** Opens the database and brings its schema up to date with the committed migrations. */
export type Orm = Awaited<ReturnType<typeof MikroORM.init>>

export const openDatabase = async (
  target: DatabaseTarget,
  options: { readonly migrate?: boolean } = {},
): Promise<Orm> => {
  if (target.dialect === "sqlite" && target.location !== ":memory:")
    mkdirSync(
      fileURLToPath(
        new URL(".", `file://${target.location.startsWith("/") ? "" : process.cwd() + "/"}${target.location}`),
      ),
      { recursive: true },
    )
  const orm = await MikroORM.init(await configFor(target))
  if (target.dialect === "sqlite") {
    const connection = orm.em.getConnection()
    await connection.execute("pragma journal_mode = wal")
    await connection.execute("pragma busy_timeout = 5000")
    await connection.execute("pragma synchronous = normal")
  }
  if (options.migrate !== false) await migrate(orm, target.dialect)
  return orm
}

/**
 * Applies pending migrations. On PostgreSQL several servers may start at once: a transaction
 * holding an advisory lock makes them take turns (the migrator runs on other pool connections),
 * and the ones after the first find nothing pending.
 */
const migrate = async (orm: Orm, dialect: Dialect): Promise<void> => {
  if (dialect === "sqlite") {
    await orm.migrator.up()
    return
  }
  await orm.em.fork().transactional(async (em) => {
    await em.getConnection().execute("select pg_advisory_xact_lock(7361)", [], "all", em.getTransactionContext())
    await orm.migrator.up()
  })
}

/** True when the database answers a trivial query (readiness). */
export const isReachable = async (orm: Orm): Promise<boolean> => {
  try {
    await orm.em.getConnection().execute("select 1")
    return true
  } catch {
    return false
  }
}
