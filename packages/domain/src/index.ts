/**
 * @labrador/domain — GitLab's rules of the v3 era, pure and in Effect. Adapters implement the
 * ports (repositories, Credentials, Transactions, Outbox); `@labrador/domain/testing` has
 * in-memory ones.
 */
export * from "./shared/errors.ts"
export * from "./shared/actor.ts"
export * from "./shared/access.ts"
export * from "./shared/paging.ts"
export * from "./shared/deletion.ts"
export * from "./shared/events.ts"
export * from "./shared/ports.ts"
export * from "./shared/required.ts"

export * from "./users/model.ts"
export { UserRepository, type UserFilter } from "./users/repository.ts"
export { UserPolicy } from "./users/policy.ts"
export { validateUserAttributes } from "./users/rules.ts"
export { listUsers, getUser, currentUser, loginOf } from "./users/read-users.ts"
export { createUser, insertUser } from "./users/create-user.ts"
export { updateUser } from "./users/update-user.ts"
export { deleteUser } from "./users/delete-user.ts"

export { NamespaceRepository } from "./namespaces/repository.ts"

export * from "./keys/model.ts"
export { KeyRepository } from "./keys/repository.ts"
export { parseKey, type ParsedKey } from "./keys/parse.ts"
export * from "./keys/user-keys.ts"

export { authenticate, type Presented } from "./auth/authenticate.ts"
export { login, type LoginInput } from "./auth/login.ts"
export { CredentialChecks, type FailedSignIns } from "./auth/credential-checks.ts"

import type { KeyRepository as KeyRepositoryPort } from "./keys/repository.ts"
import type { NamespaceRepository as NamespaceRepositoryPort } from "./namespaces/repository.ts"
import type {
  Credentials as CredentialsPort,
  Outbox as OutboxPort,
  Settings as SettingsPort,
  Transactions as TransactionsPort,
} from "./shared/ports.ts"
import type { UserRepository as UserRepositoryPort } from "./users/repository.ts"
import type { CredentialChecks as CredentialChecksPort } from "./auth/credential-checks.ts"
import type { ProjectRepository as ProjectRepositoryPort } from "./projects/repository.ts"
import type { MembershipRepository as MembershipRepositoryPort } from "./members/repository.ts"
import type { HookRepository as HookRepositoryPort } from "./hooks/repository.ts"
import type { EventRepository as EventRepositoryPort } from "./events/repository.ts"
import type { GitRepositories as GitRepositoriesPort } from "./repositories/port.ts"
import type { RepositoryIntents as RepositoryIntentsPort } from "./repositories/intents.ts"
import type { SystemHookRepository as SystemHookRepositoryPort } from "./hooks/system-hooks.ts"
import type { DeliveryQueue as DeliveryQueuePort } from "./hooks/delivery.ts"
import type { RepositoryReader as RepositoryReaderPort } from "./repositories/reader.ts"
import type { ProtectedBranchRepository as ProtectedBranchRepositoryPort } from "./repositories/protected-branches.ts"
import type { IssueRepository as IssueRepositoryPort } from "./issues/repository.ts"
import type { MilestoneRepository as MilestoneRepositoryPort } from "./milestones/repository.ts"
import type { NoteRepository as NoteRepositoryPort } from "./notes/repository.ts"
import type { SnippetRepository as SnippetRepositoryPort } from "./snippets/repository.ts"
import type { GroupRepository as GroupRepositoryPort } from "./groups/repository.ts"
import type { TeamRepository as TeamRepositoryPort } from "./teams/repository.ts"

/** Every port the use cases need: what a composition root must provide. */
export type DomainServices =
  | UserRepositoryPort
  | NamespaceRepositoryPort
  | KeyRepositoryPort
  | CredentialsPort
  | CredentialChecksPort
  | TransactionsPort
  | OutboxPort
  | SettingsPort
  | ProjectRepositoryPort
  | MembershipRepositoryPort
  | HookRepositoryPort
  | EventRepositoryPort
  | GitRepositoriesPort
  | RepositoryIntentsPort
  | SystemHookRepositoryPort
  | DeliveryQueuePort
  | RepositoryReaderPort
  | ProtectedBranchRepositoryPort
  | IssueRepositoryPort
  | MilestoneRepositoryPort
  | NoteRepositoryPort
  | SnippetRepositoryPort
  | GroupRepositoryPort
  | TeamRepositoryPort
export { GitRepositories } from "./repositories/port.ts"
export { RepositoryIntents, type RepositoryChange, type RepositoryIntent } from "./repositories/intents.ts"
export { reconcileRepositories } from "./repositories/reconcile.ts"
export * from "./repositories/model.ts"
export { RepositoryReader } from "./repositories/reader.ts"
export { ProtectedBranchRepository } from "./repositories/protected-branches.ts"
export { isValidRefName, isReadableRef } from "./repositories/refs.ts"
export { findCodeRepository } from "./repositories/access.ts"
export { listBranches, getBranch, setBranchProtection } from "./repositories/branches.ts"
export { listTags, createTag, type CreateTagInput } from "./repositories/tags.ts"
export {
  listCommits,
  getCommit,
  getCommitDiff,
  compareRefs,
  listContributors,
  commitPage,
  refOrDefault,
  resolveCommit,
} from "./repositories/commits.ts"
export { getTree, getFileAtRef, getRawBlob, getArchive, treePath } from "./repositories/files.ts"
export { authorizeGitAccess, type GitGrant, type GitService } from "./repositories/git-access.ts"
export {
  authorizePush,
  recordPush,
  refVerdict,
  firstDefaultBranch,
  pushSizeRefusal,
  PushRefusal,
  PUSH_COMMITS_LIMIT,
  MAX_REFS_PER_PUSH,
  PUSH_EVENT_ACTIVITIES_LIMIT,
  PUSH_MESSAGES_BUDGET,
  type RefVerdict,
} from "./repositories/push.ts"
export { authenticateGitClient, type BasicCredentials } from "./auth/git-credentials.ts"

export * from "./namespaces/model.ts"
export * from "./projects/model.ts"
export { ProjectRepository, type ProjectFilter } from "./projects/repository.ts"
export { ProjectPolicy, accessOf, accessTo, atLeast, type ProjectAccess } from "./projects/policy.ts"
export { RepositoryPolicy } from "./repositories/policy.ts"
export { parameterize, validateProject, isValidPath, RESERVED_PATHS } from "./projects/rules.ts"
export {
  findVisibleProject,
  findProjectVisibleTo,
  findProjectByRef,
  type VisibleProject,
} from "./projects/find-visible.ts"
export { listProjects, listAllProjects, getProject } from "./projects/read-projects.ts"
export { createProject, createProjectForUser } from "./projects/create-project.ts"
export { deleteProject } from "./projects/delete-project.ts"
export { createForkLink, deleteForkLink, type ForkLink } from "./projects/fork-link.ts"
export { projectSystemEvent, membershipSystemEvent } from "./projects/events.ts"

export * from "./members/model.ts"
export { MembershipRepository } from "./members/repository.ts"
export * from "./members/project-members.ts"

export * from "./hooks/model.ts"
export { HookRepository } from "./hooks/repository.ts"
export * from "./hooks/project-hooks.ts"

export * from "./events/model.ts"
export { EventRepository } from "./events/repository.ts"
export { listProjectEvents } from "./events/list-events.ts"

export * from "./groups/model.ts"
export { GroupRepository } from "./groups/repository.ts"
export {
  GroupPolicy,
  findGroupVisibleTo,
  findVisibleGroup,
  type GroupAccess,
  type VisibleGroup,
} from "./groups/policy.ts"
export { validateGroup } from "./groups/rules.ts"
export { listGroups, getGroup, createGroup, transferProject, deleteGroup } from "./groups/groups.ts"
export { listGroupMembers, addGroupMember, removeGroupMember } from "./groups/group-members.ts"

export * from "./teams/model.ts"
export { TeamRepository } from "./teams/repository.ts"
export { TeamPolicy, findVisibleTeam } from "./teams/policy.ts"
export { validateTeam } from "./teams/rules.ts"
export { listTeams, getTeam, createTeam } from "./teams/user-teams.ts"
export { listTeamMembers, getTeamMember, addTeamMember, removeTeamMember } from "./teams/team-members.ts"
export { listTeamProjects, getTeamProject, assignTeamProject, unassignTeamProject } from "./teams/team-projects.ts"

export * from "./issues/model.ts"
export { IssueRepository } from "./issues/repository.ts"
export { IssuePolicy } from "./issues/policy.ts"
export { normalizeLabels, nextIssueState, validateIssue } from "./issues/rules.ts"
export { issueActivity, issueHookEvent, statusChangeNote } from "./issues/events.ts"
export * from "./issues/issues.ts"

export * from "./milestones/model.ts"
export { MilestoneRepository } from "./milestones/repository.ts"
export { MilestonePolicy } from "./milestones/policy.ts"
export { isCalendarDate, nextMilestoneState, validateMilestone } from "./milestones/rules.ts"
export * from "./milestones/milestones.ts"

export * from "./notes/model.ts"
export { NoteRepository } from "./notes/repository.ts"
export { NotePolicy } from "./notes/policy.ts"
export * from "./notes/notes.ts"

export * from "./snippets/model.ts"
export { SnippetRepository } from "./snippets/repository.ts"
export { SnippetPolicy } from "./snippets/policy.ts"
export { isFileName, parseLifetime, validateSnippet } from "./snippets/rules.ts"
export * from "./snippets/snippets.ts"

export * from "./hooks/system-hooks.ts"
export * from "./hooks/delivery.ts"
