import { Migration } from "@mikro-orm/migrations"

export class Migration20261201140554_hook_deliveries extends Migration {
  override name = "Migration20261201140554_hook_deliveries"

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`hook_deliveries\` (\`id\` integer not null primary key autoincrement, \`event_id\` integer null, \`url\` text not null, \`payload\` json not null, \`status\` text not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`lease_until\` datetime null, \`last_status_code\` integer null, \`last_duration_ms\` integer null, \`last_response_excerpt\` text null, \`last_error\` text null, \`delivered_at\` datetime null, \`created_at\` datetime not null);`,
    )
    this.addSql(`create index \`hook_deliveries_due_index\` on \`hook_deliveries\` (\`status\`, \`next_attempt_at\`);`)

    this.addSql(
      `create table \`system_hooks\` (\`id\` integer not null primary key autoincrement, \`url\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    )

    this.addSql(`alter table \`outbox_events\` add column \`dispatched_at\` datetime null;`)
    this.addSql(`create index \`outbox_events_dispatched_at_index\` on \`outbox_events\` (\`dispatched_at\`);`)
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`hook_deliveries\`;`)
    this.addSql(`drop table if exists \`system_hooks\`;`)

    this.addSql(`drop index \`outbox_events_dispatched_at_index\`;`)
    this.addSql(`alter table \`outbox_events\` drop column \`dispatched_at\`;`)
  }
}
