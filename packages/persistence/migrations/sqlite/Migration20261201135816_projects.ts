import { Migration } from "@mikro-orm/migrations"

export class Migration20261201135816_projects extends Migration {
  override name = "Migration20261201135816_projects"

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`deleted_projects\` (\`id\` integer not null primary key autoincrement, \`former_owner_id\` integer null, \`deleted_at\` datetime not null);`,
    )

    this.addSql(
      `create table \`projects\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`path\` text not null, \`description\` text null, \`default_branch\` text null, \`public\` integer not null default false, \`issues_enabled\` integer not null default true, \`wall_enabled\` integer not null default false, \`merge_requests_enabled\` integer not null default true, \`wiki_enabled\` integer not null default true, \`snippets_enabled\` integer not null default false, \`namespace_id\` integer not null, \`creator_id\` integer null, \`forked_from_project_id\` integer null, \`created_at\` datetime not null, \`last_activity_at\` datetime not null, constraint \`projects_namespace_id_foreign\` foreign key (\`namespace_id\`) references \`namespaces\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`projects_namespace_id_index\` on \`projects\` (\`namespace_id\`);`)
    this.addSql(`create index \`projects_forked_from_project_id_index\` on \`projects\` (\`forked_from_project_id\`);`)
    this.addSql(`create unique index \`projects_namespace_path_unique\` on \`projects\` (\`namespace_id\`, \`path\`);`)
    this.addSql(`create unique index \`projects_namespace_name_unique\` on \`projects\` (\`namespace_id\`, \`name\`);`)

    this.addSql(
      `create table \`web_hooks\` (\`id\` integer not null primary key autoincrement, \`project_id\` integer not null, \`url\` text not null, \`push_events\` integer not null default true, \`issues_events\` integer not null default false, \`merge_requests_events\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`web_hooks_project_id_foreign\` foreign key (\`project_id\`) references \`projects\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`web_hooks_project_id_index\` on \`web_hooks\` (\`project_id\`);`)

    this.addSql(
      `create table \`events\` (\`id\` integer not null primary key autoincrement, \`project_id\` integer not null, \`action_name\` text not null, \`target_id\` integer null, \`target_type\` text null, \`target_title\` text null, \`title\` text null, \`author_id\` integer not null, \`data\` json null, \`created_at\` datetime not null, constraint \`events_project_id_foreign\` foreign key (\`project_id\`) references \`projects\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`events_project_id_index\` on \`events\` (\`project_id\`);`)
    this.addSql(`create index \`events_project_created_index\` on \`events\` (\`project_id\`, \`created_at\`, \`id\`);`)

    this.addSql(
      `create table \`project_members\` (\`id\` integer not null primary key autoincrement, \`project_id\` integer not null, \`user_id\` integer not null, \`access_level\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`project_members_project_id_foreign\` foreign key (\`project_id\`) references \`projects\` (\`id\`) on delete cascade, constraint \`project_members_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`project_members_project_id_index\` on \`project_members\` (\`project_id\`);`)
    this.addSql(`create index \`project_members_user_id_index\` on \`project_members\` (\`user_id\`);`)
    this.addSql(
      `create unique index \`project_members_project_user_unique\` on \`project_members\` (\`project_id\`, \`user_id\`);`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`deleted_projects\`;`)
    this.addSql(`drop table if exists \`projects\`;`)
    this.addSql(`drop table if exists \`web_hooks\`;`)
    this.addSql(`drop table if exists \`events\`;`)
    this.addSql(`drop table if exists \`project_members\`;`)
  }
}
