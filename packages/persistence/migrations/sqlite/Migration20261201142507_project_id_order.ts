import { Migration } from "@mikro-orm/migrations"

export class Migration20261201142507_project_id_order extends Migration {
  override name = "Migration20261201142507_project_id_order"

  override up(): void | Promise<void> {
    this.addSql(`create index \`projects_id_order_index\` on \`projects\` (\`id\`);`)
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`projects_id_order_index\`;`)
  }
}
