import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { MilestoneEntity } from "../milestones/entity.ts"
import { ProjectEntity } from "../projects/entity.ts"
import { UserEntity } from "../users/entity.ts"

export const IssueEntity = defineEntity({
  name: "Issue",
  tableName: "issues",
  properties: {
    id: p.integer().primary().autoincrement(),
    project: () => p.manyToOne(ProjectEntity).deleteRule("cascade"),
    iid: p.integer(),
    title: p.string().length(255),
    description: p.text().nullable(),
    milestone: () => p.manyToOne(MilestoneEntity).nullable().deleteRule("set null"),
    assignee: () => p.manyToOne(UserEntity).nullable().deleteRule("set null"),
    /** GitLab 5.x destroyed a user's issues with him. */
    author: () => p.manyToOne(UserEntity).deleteRule("cascade"),
    state: p.string().length(16),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  uniques: [{ properties: ["project", "iid"], name: "issues_project_iid_unique" }],
  indexes: [
    { properties: ["project", "id"], name: "issues_project_list_index" },
    { properties: ["author", "id"], name: "issues_author_list_index" },
    { properties: ["milestone", "id"], name: "issues_milestone_list_index" },
    { properties: ["assignee"], name: "issues_assignee_index" },
  ],
})
export type IssueRow = InferEntity<typeof IssueEntity>

/** An issue's labels, one row each in the order given (GitLab kept them in taggings). */
export const IssueLabelEntity = defineEntity({
  name: "IssueLabel",
  tableName: "issue_labels",
  properties: {
    id: p.integer().primary().autoincrement(),
    issue: () => p.manyToOne(IssueEntity).deleteRule("cascade"),
    /** Copied from the issue so a project's labels can be read without the issues. */
    projectId: p.integer(),
    name: p.string().length(255),
    position: p.integer(),
  },
  uniques: [{ properties: ["issue", "name"], name: "issue_labels_issue_name_unique" }],
  indexes: [
    { properties: ["issue", "position"], name: "issue_labels_issue_position_index" },
    { properties: ["projectId", "name"], name: "issue_labels_project_name_index" },
  ],
})
export type IssueLabelRow = InferEntity<typeof IssueLabelEntity>
