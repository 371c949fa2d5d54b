import { Migration } from "@mikro-orm/migrations"

export class Migration20261201133144_initial extends Migration {
  override name = "Migration20261201133144_initial"

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`outbox_events\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`project_id\` integer null, \`payload\` json not null, \`occurred_at\` datetime not null);`,
    )
    this.addSql(`create index \`outbox_events_project_id_index\` on \`outbox_events\` (\`project_id\`);`)

    this.addSql(
      `create table \`users\` (\`id\` integer not null primary key autoincrement, \`username\` text not null, \`email\` text not null, \`name\` text not null, \`password_hash\` text not null, \`token_digest\` text not null, \`token_sealed\` text not null, \`bio\` text null, \`skype\` text not null default '', \`linkedin\` text not null default '', \`twitter\` text not null default '', \`website_url\` text not null default '', \`theme_id\` integer not null default 1, \`color_scheme_id\` integer not null default 1, \`state\` text not null default 'active', \`extern_uid\` text null, \`provider\` text null, \`projects_limit\` integer not null default 10, \`can_create_group\` integer not null default true, \`can_create_team\` integer not null default true, \`admin\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    )
    this.addSql(`create unique index \`users_username_unique\` on \`users\` (\`username\`);`)
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`)
    this.addSql(`create unique index \`users_token_digest_unique\` on \`users\` (\`token_digest\`);`)

    this.addSql(
      `create table \`namespaces\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`path\` text not null, \`owner_id\` integer null, \`type\` text null, \`description\` text not null default '', \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`namespaces_owner_id_foreign\` foreign key (\`owner_id\`) references \`users\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create unique index \`namespaces_path_unique\` on \`namespaces\` (\`path\`);`)
    this.addSql(`create index \`namespaces_owner_id_index\` on \`namespaces\` (\`owner_id\`);`)

    this.addSql(
      `create table \`keys\` (\`id\` integer not null primary key autoincrement, \`user_id\` integer null, \`title\` text not null, \`key\` text not null, \`fingerprint\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`keys_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`keys_user_id_index\` on \`keys\` (\`user_id\`);`)
    this.addSql(`create unique index \`keys_fingerprint_unique\` on \`keys\` (\`fingerprint\`);`)
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`outbox_events\`;`)
    this.addSql(`drop table if exists \`users\`;`)
    this.addSql(`drop table if exists \`namespaces\`;`)
    this.addSql(`drop table if exists \`keys\`;`)
  }
}
