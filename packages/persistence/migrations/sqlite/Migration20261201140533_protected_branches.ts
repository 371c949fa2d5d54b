import { Migration } from "@mikro-orm/migrations"

export class Migration20261201140533_protected_branches extends Migration {
  override name = "Migration20261201140533_protected_branches"

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`protected_branches\` (\`id\` integer not null primary key autoincrement, \`project_id\` integer not null, \`name\` text not null, \`created_at\` datetime not null, constraint \`protected_branches_project_id_foreign\` foreign key (\`project_id\`) references \`projects\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`protected_branches_project_id_index\` on \`protected_branches\` (\`project_id\`);`)
    this.addSql(
      `create unique index \`protected_branches_project_name_unique\` on \`protected_branches\` (\`project_id\`, \`name\`);`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`protected_branches\`;`)
  }
}
