import { Migration } from "@mikro-orm/migrations"

export class Migration20261207170131_repository_intents extends Migration {
  override name = "Migration20261207170131_repository_intents"

  override up(): void | Promise<void> {
    this.addSql(
      `create table "repository_intents" ("id" serial primary key, "kind" varchar(16) not null, "project_id" int null, "path" varchar(512) not null, "target" varchar(512) null, "trash" varchar(64) not null, "created_at" timestamptz not null);`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "repository_intents" cascade;`)
  }
}
