export {
  git,
  gitEnv,
  GitCommand,
  GitError,
  runGit,
  spawnGit,
  type GitOutput,
  type GitProcess,
  type GitRunOptions,
  type Trusted,
} from "./command.ts"
export { repositoryDir, type RepositoryLocation } from "./paths.ts"
export { gitRepositoriesLayer, type StorageOptions } from "./storage.ts"
export { repositoryReaderLayer } from "./reader.ts"
export {
  gitHttp,
  basicCredentials,
  DEFAULT_GIT_MAX_PROCESSES,
  type GitHttpContext,
  type GitHttpOptions,
} from "./http.ts"
