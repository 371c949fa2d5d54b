import { join } from "node:path"
import { Layer, ManagedRuntime } from "effect"
import { CredentialChecks, Settings, type DomainServices, type HookSender } from "@labrador/domain"
import { gitRepositoriesLayer, repositoryReaderLayer } from "@labrador/git"
import { persistenceLayer, type Orm } from "@labrador/persistence"
import { hookSenderLayer } from "@labrador/webhooks"

/** Where the bare repositories live: `<data dir>/repositories/<namespace>/<path>.git`. */
export const repositoriesRoot = (dataDir: string): string => join(dataDir, "repositories")

/** The crash tests' checkpoint: the process dies there as abruptly as a power cut would stop it. */
const crashingAt = (crashAt: string) => (point: string) => {
  if (point === crashAt) process.kill(process.pid, "SIGKILL")
}

/** The one place live layers meet: every domain port, implemented by the adapters. */
export const makeRuntime = (
  orm: Orm,
  secret: string,
  dataDir: string,
  options: { readonly hooksAllowLocal: boolean; readonly crashAt?: string | undefined },
): ManagedRuntime.ManagedRuntime<DomainServices | HookSender, never> =>
  ManagedRuntime.make(
    Layer.mergeAll(
      persistenceLayer(orm, secret),
      gitRepositoriesLayer(
        repositoriesRoot(dataDir),
        options.crashAt === undefined ? {} : { checkpoint: crashingAt(options.crashAt) },
      ),
      repositoryReaderLayer(repositoriesRoot(dataDir)),
      Layer.succeed(Settings, Settings.of(Settings.defaults)),
      CredentialChecks.layer(),
      hookSenderLayer({ allowLocal: options.hooksAllowLocal }),
    ),
  )
