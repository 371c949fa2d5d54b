import { Migration } from "@mikro-orm/migrations"

export class Migration20261201140315_groups_teams extends Migration {
  override name = "Migration20261201140315_groups_teams"

  override up(): void | Promise<void> {
    this.addSql(
      `create table "group_members" ("id" serial primary key, "group_id" int not null, "user_id" int not null, "access_level" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`create index "group_members_user_id_index" on "group_members" ("user_id");`)
    this.addSql(
      `alter table "group_members" add constraint "group_members_group_user_unique" unique ("group_id", "user_id");`,
    )

    this.addSql(
      `create table "user_teams" ("id" serial primary key, "name" varchar(255) not null, "path" varchar(255) not null, "owner_id" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`alter table "user_teams" add constraint "user_teams_name_unique" unique ("name");`)
    this.addSql(`alter table "user_teams" add constraint "user_teams_path_unique" unique ("path");`)
    this.addSql(`create index "user_teams_owner_id_index" on "user_teams" ("owner_id");`)

    this.addSql(
      `create table "user_team_project_relationships" ("id" serial primary key, "user_team_id" int not null, "project_id" int not null, "greatest_access" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(
      `create index "user_team_project_relationships_project_id_index" on "user_team_project_relationships" ("project_id");`,
    )
    this.addSql(
      `alter table "user_team_project_relationships" add constraint "user_team_project_relationships_team_project_unique" unique ("user_team_id", "project_id");`,
    )

    this.addSql(
      `create table "user_team_user_relationships" ("id" serial primary key, "user_team_id" int not null, "user_id" int not null, "permission" int not null, "group_admin" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(
      `create index "user_team_user_relationships_user_id_index" on "user_team_user_relationships" ("user_id");`,
    )
    this.addSql(
      `alter table "user_team_user_relationships" add constraint "user_team_user_relationships_team_user_unique" unique ("user_team_id", "user_id");`,
    )

    this.addSql(
      `alter table "group_members" add constraint "group_members_group_id_foreign" foreign key ("group_id") references "namespaces" ("id") on delete cascade;`,
    )
    this.addSql(
      `alter table "group_members" add constraint "group_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "user_teams" add constraint "user_teams_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete set null;`,
    )

    this.addSql(
      `alter table "user_team_project_relationships" add constraint "user_team_project_relationships_user_team_id_foreign" foreign key ("user_team_id") references "user_teams" ("id") on delete cascade;`,
    )
    this.addSql(
      `alter table "user_team_project_relationships" add constraint "user_team_project_relationships_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "user_team_user_relationships" add constraint "user_team_user_relationships_user_team_id_foreign" foreign key ("user_team_id") references "user_teams" ("id") on delete cascade;`,
    )
    this.addSql(
      `alter table "user_team_user_relationships" add constraint "user_team_user_relationships_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "user_team_project_relationships" drop constraint "user_team_project_relationships_user_team_id_foreign";`,
    )
    this.addSql(
      `alter table "user_team_user_relationships" drop constraint "user_team_user_relationships_user_team_id_foreign";`,
    )

    this.addSql(`drop table if exists "group_members" cascade;`)
    this.addSql(`drop table if exists "user_teams" cascade;`)
    this.addSql(`drop table if exists "user_team_project_relationships" cascade;`)
    this.addSql(`drop table if exists "user_team_user_relationships" cascade;`)
  }
}
