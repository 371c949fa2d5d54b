export { git, gitEnv, GitCommand, GitError, runGit, type GitOutput, type GitRunOptions, type Trusted } from "./command.ts"
export { repositoryDir, type RepositoryLocation } from "./paths.ts"
export { gitRepositoriesLayer } from "./storage.ts"
