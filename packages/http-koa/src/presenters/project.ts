import { fullPath, type ForkLink, type Namespace, type ProjectDetails } from "@labrador/domain"
import { isoTime } from "./time.ts"
import type { Urls } from "./urls.ts"
import { presentUserBasic } from "./user.ts"

/** Project.namespace: GitLab serialized the row itself, keys in alphabetical order. */
export const presentNamespaceRow = (namespace: Namespace) => ({
  created_at: isoTime(namespace.createdAt),
  description: namespace.description,
  id: namespace.id,
  name: namespace.name,
  owner_id: namespace.ownerId,
  path: namespace.path,
  updated_at: isoTime(namespace.updatedAt),
})

/** A namespace's human name: the owner's full name for a personal one, the group name otherwise. */
const humanName = (namespace: Namespace, ownerName: string | null) =>
  namespace.kind === "user" ? (ownerName ?? namespace.name) : namespace.name

/** v3 `Project` entity; `forked_from_project` only when there is a fork link. */
export const presentProject = (urls: Urls) => (details: ProjectDetails) => {
  const { project, namespace, owner, forkedFrom } = details
  const path = fullPath(details)
  return {
    id: project.id,
    description: project.description,
    default_branch: project.defaultBranch,
    public: project.public,
    ssh_url_to_repo: `${urls.sshPrefix}${path}.git`,
    http_url_to_repo: `${urls.external}/${path}.git`,
    web_url: `${urls.external}/${path}`,
    owner: owner ? presentUserBasic(owner) : null,
    name: project.name,
    name_with_namespace: `${humanName(namespace, owner?.name ?? null)} / ${project.name}`,
    path: project.path,
    path_with_namespace: path,
    issues_enabled: project.issuesEnabled,
    merge_requests_enabled: project.mergeRequestsEnabled,
    wall_enabled: project.wallEnabled,
    wiki_enabled: project.wikiEnabled,
    snippets_enabled: project.snippetsEnabled,
    created_at: isoTime(project.createdAt),
    last_activity_at: isoTime(project.lastActivityAt),
    namespace: presentNamespaceRow(namespace),
    ...(forkedFrom
      ? {
          forked_from_project: {
            id: forkedFrom.id,
            name: forkedFrom.name,
            name_with_namespace: `${humanName(forkedFrom.namespace, forkedFrom.namespaceOwnerName)} / ${forkedFrom.name}`,
            path: forkedFrom.path,
            path_with_namespace: `${forkedFrom.namespace.path}/${forkedFrom.path}`,
          },
        }
      : {}),
  }
}

/** The fork link row, raw. */
export const presentForkLink = (link: ForkLink) => ({
  forked_to_project_id: link.forkedToProjectId,
  forked_from_project_id: link.forkedFromProjectId,
  created_at: isoTime(link.createdAt),
  updated_at: isoTime(link.createdAt),
})
