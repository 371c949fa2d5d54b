import { Migration } from "@mikro-orm/migrations"

export class Migration20261201133144_initial extends Migration {
  override name = "Migration20261201133144_initial"

  override up(): void | Promise<void> {
    this.addSql(
      `create table "outbox_events" ("id" serial primary key, "name" varchar(64) not null, "project_id" int null, "payload" jsonb not null, "occurred_at" timestamptz not null);`,
    )
    this.addSql(`create index "outbox_events_project_id_index" on "outbox_events" ("project_id");`)

    this.addSql(
      `create table "users" ("id" serial primary key, "username" varchar(255) not null, "email" varchar(255) not null, "name" varchar(255) not null, "password_hash" varchar(255) not null, "token_digest" varchar(64) not null, "token_sealed" varchar(255) not null, "bio" varchar(255) null, "skype" varchar(255) not null default '', "linkedin" varchar(255) not null default '', "twitter" varchar(255) not null default '', "website_url" varchar(255) not null default '', "theme_id" int not null default 1, "color_scheme_id" int not null default 1, "state" varchar(16) not null default 'active', "extern_uid" varchar(255) null, "provider" varchar(255) null, "projects_limit" int not null default 10, "can_create_group" boolean not null default true, "can_create_team" boolean not null default true, "admin" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`)
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`)
    this.addSql(`alter table "users" add constraint "users_token_digest_unique" unique ("token_digest");`)

    this.addSql(
      `create table "namespaces" ("id" serial primary key, "name" varchar(255) not null, "path" varchar(255) not null, "owner_id" int null, "type" varchar(32) null, "description" varchar(255) not null default '', "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`alter table "namespaces" add constraint "namespaces_path_unique" unique ("path");`)
    this.addSql(`create index "namespaces_owner_id_index" on "namespaces" ("owner_id");`)

    this.addSql(
      `create table "keys" ("id" serial primary key, "user_id" int null, "title" varchar(255) not null, "key" text not null, "fingerprint" varchar(128) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`create index "keys_user_id_index" on "keys" ("user_id");`)
    this.addSql(`alter table "keys" add constraint "keys_fingerprint_unique" unique ("fingerprint");`)

    this.addSql(
      `alter table "namespaces" add constraint "namespaces_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "keys" add constraint "keys_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "namespaces" drop constraint "namespaces_owner_id_foreign";`)
    this.addSql(`alter table "keys" drop constraint "keys_user_id_foreign";`)

    this.addSql(`drop table if exists "outbox_events" cascade;`)
    this.addSql(`drop table if exists "users" cascade;`)
    this.addSql(`drop table if exists "namespaces" cascade;`)
    this.addSql(`drop table if exists "keys" cascade;`)
  }
}
