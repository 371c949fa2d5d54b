// Loaded only when a postgres:// URL is configured: it pulls in the PostgreSQL driver.
import type { Configuration } from "@mikro-orm/core"
import { PostgreSqlConnection, PostgreSqlDriver } from "@mikro-orm/postgresql"
import { bindingParameters } from "./bound.ts"
import { countingWrites } from "./writes.ts"

/** MikroORM's PostgreSQL connection, its values bound (see bound.ts) and its writes counted (see writes.ts). */
class CountingPostgreSqlConnection extends bindingParameters(PostgreSqlConnection, "postgresql") {
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
