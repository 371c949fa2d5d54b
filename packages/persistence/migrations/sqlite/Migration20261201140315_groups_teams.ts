import { Migration } from "@mikro-orm/migrations"

export class Migration20261201140315_groups_teams extends Migration {
  override name = "Migration20261201140315_groups_teams"

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`group_members\` (\`id\` integer not null primary key autoincrement, \`group_id\` integer not null, \`user_id\` integer not null, \`access_level\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`group_members_group_id_foreign\` foreign key (\`group_id\`) references \`namespaces\` (\`id\`) on delete cascade, constraint \`group_members_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`group_members_group_id_index\` on \`group_members\` (\`group_id\`);`)
    this.addSql(`create index \`group_members_user_id_index\` on \`group_members\` (\`user_id\`);`)
    this.addSql(
      `create unique index \`group_members_group_user_unique\` on \`group_members\` (\`group_id\`, \`user_id\`);`,
    )

    this.addSql(
      `create table \`user_teams\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`path\` text not null, \`owner_id\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`user_teams_owner_id_foreign\` foreign key (\`owner_id\`) references \`users\` (\`id\`) on delete set null);`,
    )
    this.addSql(`create unique index \`user_teams_name_unique\` on \`user_teams\` (\`name\`);`)
    this.addSql(`create unique index \`user_teams_path_unique\` on \`user_teams\` (\`path\`);`)
    this.addSql(`create index \`user_teams_owner_id_index\` on \`user_teams\` (\`owner_id\`);`)

    this.addSql(
      `create table \`user_team_project_relationships\` (\`id\` integer not null primary key autoincrement, \`user_team_id\` integer not null, \`project_id\` integer not null, \`greatest_access\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`user_team_project_relationships_user_team_id_foreign\` foreign key (\`user_team_id\`) references \`user_teams\` (\`id\`) on delete cascade, constraint \`user_team_project_relationships_project_id_foreign\` foreign key (\`project_id\`) references \`projects\` (\`id\`) on delete cascade);`,
    )
    this.addSql(
      `create index \`user_team_project_relationships_user_team_id_index\` on \`user_team_project_relationships\` (\`user_team_id\`);`,
    )
    this.addSql(
      `create index \`user_team_project_relationships_project_id_index\` on \`user_team_project_relationships\` (\`project_id\`);`,
    )
    this.addSql(
      `create unique index \`user_team_project_relationships_team_project_unique\` on \`user_team_project_relationships\` (\`user_team_id\`, \`project_id\`);`,
    )

    this.addSql(
      `create table \`user_team_user_relationships\` (\`id\` integer not null primary key autoincrement, \`user_team_id\` integer not null, \`user_id\` integer not null, \`permission\` integer not null, \`group_admin\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`user_team_user_relationships_user_team_id_foreign\` foreign key (\`user_team_id\`) references \`user_teams\` (\`id\`) on delete cascade, constraint \`user_team_user_relationships_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade);`,
    )
    this.addSql(
      `create index \`user_team_user_relationships_user_team_id_index\` on \`user_team_user_relationships\` (\`user_team_id\`);`,
    )
    this.addSql(
      `create index \`user_team_user_relationships_user_id_index\` on \`user_team_user_relationships\` (\`user_id\`);`,
    )
    this.addSql(
      `create unique index \`user_team_user_relationships_team_user_unique\` on \`user_team_user_relationships\` (\`user_team_id\`, \`user_id\`);`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`group_members\`;`)
    this.addSql(`drop table if exists \`user_teams\`;`)
    this.addSql(`drop table if exists \`user_team_project_relationships\`;`)
    this.addSql(`drop table if exists \`user_team_user_relationships\`;`)
  }
}
