import { Migration } from "@mikro-orm/migrations"

export class Migration20261201140446_issues_milestones_notes_snippets extends Migration {
  override name = "Migration20261201140446_issues_milestones_notes_snippets"

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`snippets\` (\`id\` integer not null primary key autoincrement, \`project_id\` integer not null, \`title\` text not null, \`file_name\` text not null, \`content\` text not null, \`author_id\` integer not null, \`expires_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`snippets_project_id_foreign\` foreign key (\`project_id\`) references \`projects\` (\`id\`) on delete cascade, constraint \`snippets_author_id_foreign\` foreign key (\`author_id\`) references \`users\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`snippets_project_id_index\` on \`snippets\` (\`project_id\`);`)
    this.addSql(`create index \`snippets_author_id_index\` on \`snippets\` (\`author_id\`);`)
    this.addSql(`create index \`snippets_project_list_index\` on \`snippets\` (\`project_id\`, \`id\`);`)

    this.addSql(
      `create table \`project_counters\` (\`id\` integer not null primary key autoincrement, \`project_id\` integer not null, \`name\` text not null, \`value\` integer not null, constraint \`project_counters_project_id_foreign\` foreign key (\`project_id\`) references \`projects\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`project_counters_project_id_index\` on \`project_counters\` (\`project_id\`);`)
    this.addSql(
      `create unique index \`project_counters_project_name_unique\` on \`project_counters\` (\`project_id\`, \`name\`);`,
    )

    this.addSql(
      `create table \`notes\` (\`id\` integer not null primary key autoincrement, \`project_id\` integer not null, \`note\` text not null, \`attachment\` text null, \`author_id\` integer not null, \`noteable_type\` text null, \`noteable_id\` integer null, \`system\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`notes_project_id_foreign\` foreign key (\`project_id\`) references \`projects\` (\`id\`) on delete cascade, constraint \`notes_author_id_foreign\` foreign key (\`author_id\`) references \`users\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`notes_project_id_index\` on \`notes\` (\`project_id\`);`)
    this.addSql(`create index \`notes_author_id_index\` on \`notes\` (\`author_id\`);`)
    this.addSql(
      `create index \`notes_noteable_list_index\` on \`notes\` (\`project_id\`, \`noteable_type\`, \`noteable_id\`, \`id\`);`,
    )

    this.addSql(
      `create table \`milestones\` (\`id\` integer not null primary key autoincrement, \`project_id\` integer not null, \`title\` text not null, \`description\` text null, \`due_date\` text null, \`state\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`milestones_project_id_foreign\` foreign key (\`project_id\`) references \`projects\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`milestones_project_id_index\` on \`milestones\` (\`project_id\`);`)
    this.addSql(`create index \`milestones_project_list_index\` on \`milestones\` (\`project_id\`, \`id\`);`)

    this.addSql(
      `create table \`issues\` (\`id\` integer not null primary key autoincrement, \`project_id\` integer not null, \`iid\` integer not null, \`title\` text not null, \`description\` text null, \`milestone_id\` integer null, \`assignee_id\` integer null, \`author_id\` integer not null, \`state\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`issues_project_id_foreign\` foreign key (\`project_id\`) references \`projects\` (\`id\`) on delete cascade, constraint \`issues_milestone_id_foreign\` foreign key (\`milestone_id\`) references \`milestones\` (\`id\`) on delete set null, constraint \`issues_assignee_id_foreign\` foreign key (\`assignee_id\`) references \`users\` (\`id\`) on delete set null, constraint \`issues_author_id_foreign\` foreign key (\`author_id\`) references \`users\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`issues_project_id_index\` on \`issues\` (\`project_id\`);`)
    this.addSql(`create index \`issues_milestone_id_index\` on \`issues\` (\`milestone_id\`);`)
    this.addSql(`create index \`issues_author_id_index\` on \`issues\` (\`author_id\`);`)
    this.addSql(`create index \`issues_project_list_index\` on \`issues\` (\`project_id\`, \`id\`);`)
    this.addSql(`create index \`issues_author_list_index\` on \`issues\` (\`author_id\`, \`id\`);`)
    this.addSql(`create index \`issues_milestone_list_index\` on \`issues\` (\`milestone_id\`, \`id\`);`)
    this.addSql(`create index \`issues_assignee_index\` on \`issues\` (\`assignee_id\`);`)
    this.addSql(`create unique index \`issues_project_iid_unique\` on \`issues\` (\`project_id\`, \`iid\`);`)

    this.addSql(
      `create table \`issue_labels\` (\`id\` integer not null primary key autoincrement, \`issue_id\` integer not null, \`project_id\` integer not null, \`name\` text not null, \`position\` integer not null, constraint \`issue_labels_issue_id_foreign\` foreign key (\`issue_id\`) references \`issues\` (\`id\`) on delete cascade);`,
    )
    this.addSql(`create index \`issue_labels_issue_id_index\` on \`issue_labels\` (\`issue_id\`);`)
    this.addSql(`create index \`issue_labels_issue_position_index\` on \`issue_labels\` (\`issue_id\`, \`position\`);`)
    this.addSql(`create index \`issue_labels_project_name_index\` on \`issue_labels\` (\`project_id\`, \`name\`);`)
    this.addSql(`create unique index \`issue_labels_issue_name_unique\` on \`issue_labels\` (\`issue_id\`, \`name\`);`)
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`snippets\`;`)
    this.addSql(`drop table if exists \`project_counters\`;`)
    this.addSql(`drop table if exists \`notes\`;`)
    this.addSql(`drop table if exists \`milestones\`;`)
    this.addSql(`drop table if exists \`issues\`;`)
    this.addSql(`drop table if exists \`issue_labels\`;`)
  }
}
