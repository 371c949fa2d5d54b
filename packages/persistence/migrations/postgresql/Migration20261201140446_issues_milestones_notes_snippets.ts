import { Migration } from "@mikro-orm/migrations"

export class Migration20261201140446_issues_milestones_notes_snippets extends Migration {
  override name = "Migration20261201140446_issues_milestones_notes_snippets"

  override up(): void | Promise<void> {
    this.addSql(
      `create table "snippets" ("id" serial primary key, "project_id" int not null, "title" varchar(255) not null, "file_name" varchar(255) not null, "content" text not null, "author_id" int not null, "expires_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`create index "snippets_author_id_index" on "snippets" ("author_id");`)
    this.addSql(`create index "snippets_project_list_index" on "snippets" ("project_id", "id");`)

    this.addSql(
      `create table "project_counters" ("id" serial primary key, "project_id" int not null, "name" varchar(32) not null, "value" int not null);`,
    )
    this.addSql(
      `alter table "project_counters" add constraint "project_counters_project_name_unique" unique ("project_id", "name");`,
    )

    this.addSql(
      `create table "notes" ("id" serial primary key, "project_id" int not null, "note" text not null, "attachment" varchar(255) null, "author_id" int not null, "noteable_type" varchar(32) null, "noteable_id" int null, "system" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`create index "notes_author_id_index" on "notes" ("author_id");`)
    this.addSql(
      `create index "notes_noteable_list_index" on "notes" ("project_id", "noteable_type", "noteable_id", "id");`,
    )

    this.addSql(
      `create table "milestones" ("id" serial primary key, "project_id" int not null, "title" varchar(255) not null, "description" text null, "due_date" varchar(10) null, "state" varchar(16) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`create index "milestones_project_list_index" on "milestones" ("project_id", "id");`)

    this.addSql(
      `create table "issues" ("id" serial primary key, "project_id" int not null, "iid" int not null, "title" varchar(255) not null, "description" text null, "milestone_id" int null, "assignee_id" int null, "author_id" int not null, "state" varchar(16) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`create index "issues_project_list_index" on "issues" ("project_id", "id");`)
    this.addSql(`create index "issues_author_list_index" on "issues" ("author_id", "id");`)
    this.addSql(`create index "issues_milestone_list_index" on "issues" ("milestone_id", "id");`)
    this.addSql(`create index "issues_assignee_index" on "issues" ("assignee_id");`)
    this.addSql(`alter table "issues" add constraint "issues_project_iid_unique" unique ("project_id", "iid");`)

    this.addSql(
      `create table "issue_labels" ("id" serial primary key, "issue_id" int not null, "project_id" int not null, "name" varchar(255) not null, "position" int not null);`,
    )
    this.addSql(`create index "issue_labels_issue_position_index" on "issue_labels" ("issue_id", "position");`)
    this.addSql(`create index "issue_labels_project_name_index" on "issue_labels" ("project_id", "name");`)
    this.addSql(
      `alter table "issue_labels" add constraint "issue_labels_issue_name_unique" unique ("issue_id", "name");`,
    )

    this.addSql(
      `alter table "snippets" add constraint "snippets_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    )
    this.addSql(
      `alter table "snippets" add constraint "snippets_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "project_counters" add constraint "project_counters_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "notes" add constraint "notes_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    )
    this.addSql(
      `alter table "notes" add constraint "notes_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "milestones" add constraint "milestones_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "issues" add constraint "issues_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    )
    this.addSql(
      `alter table "issues" add constraint "issues_milestone_id_foreign" foreign key ("milestone_id") references "milestones" ("id") on delete set null;`,
    )
    this.addSql(
      `alter table "issues" add constraint "issues_assignee_id_foreign" foreign key ("assignee_id") references "users" ("id") on delete set null;`,
    )
    this.addSql(
      `alter table "issues" add constraint "issues_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "issue_labels" add constraint "issue_labels_issue_id_foreign" foreign key ("issue_id") references "issues" ("id") on delete cascade;`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "issues" drop constraint "issues_milestone_id_foreign";`)
    this.addSql(`alter table "issue_labels" drop constraint "issue_labels_issue_id_foreign";`)

    this.addSql(`drop table if exists "snippets" cascade;`)
    this.addSql(`drop table if exists "project_counters" cascade;`)
    this.addSql(`drop table if exists "notes" cascade;`)
    this.addSql(`drop table if exists "milestones" cascade;`)
    this.addSql(`drop table if exists "issues" cascade;`)
    this.addSql(`drop table if exists "issue_labels" cascade;`)
  }
}
