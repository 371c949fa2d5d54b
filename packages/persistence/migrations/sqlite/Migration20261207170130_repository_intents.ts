import { Migration } from "@mikro-orm/migrations"

export class Migration20261207170130_repository_intents extends Migration {
  override name = "Migration20261207170130_repository_intents"

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`repository_intents\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`project_id\` integer null, \`path\` text not null, \`target\` text null, \`trash\` text not null, \`created_at\` datetime not null);`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`repository_intents\`;`)
  }
}
