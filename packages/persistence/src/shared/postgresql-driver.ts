// Loaded only when a postgres:// URL is configured: it pulls in the PostgreSQL driver.
import type { Configuration } from "@mikro-orm/core"
import { PostgreSqlConnection, PostgreSqlDriver } from "@mikro-orm/postgresql"
import { countingWrites } from "./writes.ts"

/** MikroORM's PostgreSQL connection, its writes counted (see writes.ts). */
class CountingPostgreSqlConnection extends PostgreSqlConnection {
  override createKyselyDialect(overrides: Parameters<PostgreSqlConnection["createKyselyDialect"]>[0]) {
    return countingWrites(super.createKyselyDialect(overrides))
  }
}

/** MikroORM's PostgreSQL driver on that connection (the driver makes its connection itself). */
export class CountingPostgreSqlDriver extends PostgreSqlDriver {
  constructor(config: Configuration) {
    super(config)
    Object.assign(this, { connection: new CountingPostgreSqlConnection(this.config) })
  }
}
