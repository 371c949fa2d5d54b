import { Migration } from "@mikro-orm/migrations"

export class Migration20261201135816_projects extends Migration {
  override name = "Migration20261201135816_projects"

  override up(): void | Promise<void> {
    this.addSql(
      `create table "deleted_projects" ("id" serial primary key, "former_owner_id" int null, "deleted_at" timestamptz not null);`,
    )

    this.addSql(
      `create table "projects" ("id" serial primary key, "name" varchar(255) not null, "path" varchar(255) not null, "description" text null, "default_branch" varchar(255) null, "public" boolean not null default false, "issues_enabled" boolean not null default true, "wall_enabled" boolean not null default false, "merge_requests_enabled" boolean not null default true, "wiki_enabled" boolean not null default true, "snippets_enabled" boolean not null default false, "namespace_id" int not null, "creator_id" int null, "forked_from_project_id" int null, "created_at" timestamptz not null, "last_activity_at" timestamptz not null);`,
    )
    this.addSql(`create index "projects_forked_from_project_id_index" on "projects" ("forked_from_project_id");`)
    this.addSql(
      `alter table "projects" add constraint "projects_namespace_path_unique" unique ("namespace_id", "path");`,
    )
    this.addSql(
      `alter table "projects" add constraint "projects_namespace_name_unique" unique ("namespace_id", "name");`,
    )

    this.addSql(
      `create table "web_hooks" ("id" serial primary key, "project_id" int not null, "url" varchar(2000) not null, "push_events" boolean not null default true, "issues_events" boolean not null default false, "merge_requests_events" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`create index "web_hooks_project_id_index" on "web_hooks" ("project_id");`)

    this.addSql(
      `create table "events" ("id" serial primary key, "project_id" int not null, "action_name" varchar(32) not null, "target_id" int null, "target_type" varchar(32) null, "target_title" varchar(255) null, "title" varchar(255) null, "author_id" int not null, "data" jsonb null, "created_at" timestamptz not null);`,
    )
    this.addSql(`create index "events_project_created_index" on "events" ("project_id", "created_at", "id");`)

    this.addSql(
      `create table "project_members" ("id" serial primary key, "project_id" int not null, "user_id" int not null, "access_level" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`create index "project_members_user_id_index" on "project_members" ("user_id");`)
    this.addSql(
      `alter table "project_members" add constraint "project_members_project_user_unique" unique ("project_id", "user_id");`,
    )

    this.addSql(
      `alter table "projects" add constraint "projects_namespace_id_foreign" foreign key ("namespace_id") references "namespaces" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "web_hooks" add constraint "web_hooks_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "events" add constraint "events_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "project_members" add constraint "project_members_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    )
    this.addSql(
      `alter table "project_members" add constraint "project_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "web_hooks" drop constraint "web_hooks_project_id_foreign";`)
    this.addSql(`alter table "events" drop constraint "events_project_id_foreign";`)
    this.addSql(`alter table "project_members" drop constraint "project_members_project_id_foreign";`)

    this.addSql(`drop table if exists "deleted_projects" cascade;`)
    this.addSql(`drop table if exists "projects" cascade;`)
    this.addSql(`drop table if exists "web_hooks" cascade;`)
    this.addSql(`drop table if exists "events" cascade;`)
    this.addSql(`drop table if exists "project_members" cascade;`)
  }
}
