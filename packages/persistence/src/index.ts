export {
  openDatabase,
  parseDatabaseUrl,
  configFor,
  isReachable,
  entities,
  type DatabaseTarget,
  type Dialect,
  type Orm,
} from "./database.ts"
export { persistenceLayer } from "./layer.ts"
export { Database } from "./shared/em.ts"
export { credentialsLayer } from "./shared/credentials.ts"
export { OutboxEventEntity } from "./shared/outbox.ts"
