import { Migration } from "@mikro-orm/migrations"

export class Migration20261201140533_protected_branches extends Migration {
  override name = "Migration20261201140533_protected_branches"

  override up(): void | Promise<void> {
    this.addSql(
      `create table "protected_branches" ("id" serial primary key, "project_id" int not null, "name" text not null, "created_at" timestamptz not null);`,
    )
    this.addSql(
      `alter table "protected_branches" add constraint "protected_branches_project_name_unique" unique ("project_id", "name");`,
    )

    this.addSql(
      `alter table "protected_branches" add constraint "protected_branches_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "protected_branches" cascade;`)
  }
}
