import { Migration } from "@mikro-orm/migrations"

export class Migration20261201140554_hook_deliveries extends Migration {
  override name = "Migration20261201140554_hook_deliveries"

  override up(): void | Promise<void> {
    this.addSql(
      `create table "hook_deliveries" ("id" serial primary key, "event_id" int null, "url" varchar(2000) not null, "payload" jsonb not null, "status" varchar(16) not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "last_status_code" int null, "last_duration_ms" int null, "last_response_excerpt" varchar(1024) null, "last_error" varchar(1024) null, "delivered_at" timestamptz null, "created_at" timestamptz not null);`,
    )
    this.addSql(`create index "hook_deliveries_due_index" on "hook_deliveries" ("status", "next_attempt_at");`)

    this.addSql(
      `create table "system_hooks" ("id" serial primary key, "url" varchar(2000) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )

    this.addSql(`alter table "outbox_events" add "dispatched_at" timestamptz null;`)
    this.addSql(`create index "outbox_events_dispatched_at_index" on "outbox_events" ("dispatched_at");`)
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "hook_deliveries" cascade;`)
    this.addSql(`drop table if exists "system_hooks" cascade;`)

    this.addSql(`drop index "outbox_events_dispatched_at_index";`)
    this.addSql(`alter table "outbox_events" drop column "dispatched_at";`)
  }
}
