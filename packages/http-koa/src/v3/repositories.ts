import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { endpoint, rawEndpoint } from "../endpoint.ts"
import { Param, path } from "../params.ts"
import {
  presentBranch,
  presentCommitDetail,
  presentComparison,
  presentContributor,
  presentDiff,
  presentRepoCommit,
  presentTag,
  presentTreeEntry,
  rawArchive,
  rawBlob,
} from "../presenters/repository.ts"
import type { AppRuntime } from "../runtime.ts"
import { projectRef } from "./projects.ts"

const branchRef = { ...projectRef, branch: path(Param.string) }
const shaRef = { ...projectRef, sha: path(Param.string) }

/** The repository API (spec/v3/repositories.yaml): reporter and up, on every route. */
export const repositoriesRoutes = (router: Routes, runtime: AppRuntime): void => {
  const repository = "/projects/:id/repository"

  router.get(
    `${repository}/branches`,
    endpoint(runtime, {
      params: projectRef,
      run: (actor, p) => Domain.listBranches(actor, p.id),
      present: (branches) => branches.map(presentBranch),
    }),
  )
  router.get(
    `${repository}/branches/:branch`,
    endpoint(runtime, {
      params: branchRef,
      run: (actor, p) => Domain.getBranch(actor, p.id, p.branch),
      present: presentBranch,
    }),
  )
  router.put(
    `${repository}/branches/:branch/protect`,
    endpoint(runtime, {
      params: branchRef,
      run: (actor, p) => Domain.setBranchProtection(actor, p.id, p.branch, true),
      present: presentBranch,
    }),
  )
  router.put(
    `${repository}/branches/:branch/unprotect`,
    endpoint(runtime, {
      params: branchRef,
      run: (actor, p) => Domain.setBranchProtection(actor, p.id, p.branch, false),
      present: presentBranch,
    }),
  )

  router.get(
    `${repository}/tags`,
    endpoint(runtime, {
      params: projectRef,
      run: (actor, p) => Domain.listTags(actor, p.id),
      present: (tags) => tags.map(presentTag),
    }),
  )
  router.post(
    `${repository}/tags`,
    endpoint(runtime, {
      params: { ...projectRef, tag_name: Param.string, ref: Param.string },
      run: (actor, p) => Domain.createTag(actor, p.id, { tagName: p.tag_name, ref: p.ref }),
      present: presentTag,
    }),
  )

  router.get(
    `${repository}/commits`,
    endpoint(runtime, {
      params: { ...projectRef, ref_name: Param.string, page: Param.string, per_page: Param.string },
      run: (actor, p) => Domain.listCommits(actor, p.id, { refName: p.ref_name, page: p.page, perPage: p.per_page }),
      present: (commits) => commits.map(presentRepoCommit),
    }),
  )
  router.get(
    `${repository}/commits/:sha`,
    endpoint(runtime, {
      params: shaRef,
      run: (actor, p) => Domain.getCommit(actor, p.id, p.sha),
      present: presentCommitDetail,
    }),
  )
  router.get(
    `${repository}/commits/:sha/diff`,
    endpoint(runtime, {
      params: shaRef,
      run: (actor, p) => Domain.getCommitDiff(actor, p.id, p.sha),
      present: (diffs) => diffs.map(presentDiff),
    }),
  )

  router.get(
    `${repository}/tree`,
    endpoint(runtime, {
      params: { ...projectRef, ref_name: Param.string, path: Param.string },
      run: (actor, p) => Domain.getTree(actor, p.id, { refName: p.ref_name, path: p.path }),
      present: (entries) => entries.map(presentTreeEntry),
    }),
  )

  const fileAtRef = rawEndpoint(runtime, {
    params: { ...shaRef, filepath: Param.string },
    run: (actor, p) => Domain.getFileAtRef(actor, p.id, p.sha, p.filepath),
    present: rawBlob,
  })
  router.get(`${repository}/blobs/:sha`, fileAtRef)
  router.get(`${repository}/commits/:sha/blob`, fileAtRef)
  router.get(
    `${repository}/raw_blobs/:sha`,
    rawEndpoint(runtime, {
      params: shaRef,
      run: (actor, p) => Domain.getRawBlob(actor, p.id, p.sha),
      present: rawBlob,
    }),
  )

  const archive = (format: Domain.ArchiveFormat) =>
    rawEndpoint(runtime, {
      params: { ...projectRef, sha: Param.string },
      run: (actor, p) => Domain.getArchive(actor, p.id, { sha: p.sha, format }),
      present: rawArchive,
    })
  router.get(`${repository}/archive`, archive("tar.gz"))
  router.get(`${repository}/archive.tar.gz`, archive("tar.gz"))
  router.get(`${repository}/archive.tar`, archive("tar"))
  router.get(`${repository}/archive.zip`, archive("zip"))

  router.get(
    `${repository}/compare`,
    endpoint(runtime, {
      params: { ...projectRef, from: Param.string, to: Param.string },
      run: (actor, p) => Domain.compareRefs(actor, p.id, { from: p.from, to: p.to }),
      present: presentComparison,
    }),
  )
  router.get(
    `${repository}/contributors`,
    endpoint(runtime, {
      params: projectRef,
      run: (actor, p) => Domain.listContributors(actor, p.id),
      present: (contributors) => contributors.map(presentContributor),
    }),
  )
}
