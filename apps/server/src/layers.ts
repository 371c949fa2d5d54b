import { join } from "node:path"
import { Layer, ManagedRuntime } from "effect"
import { CredentialChecks, Settings, type DomainServices, type HookSender } from "@labrador/domain"
import { gitRepositoriesLayer, repositoryReaderLayer } from "@labrador/git"
import { persistenceLayer, type Orm } from "@labrador/persistence"
import { hookSenderLayer } from "@labrador/webhooks"

/** Where the bare repositories live: `<data dir>/repositories/<namespace>/<path>.git`. */
export const repositoriesRoot = (dataDir: string): string => join(dataDir, "repositories")

/** The one place live layers meet: every domain port, implemented by the adapters. */
export const makeRuntime = (
  orm: Orm,
  secret: string,
  dataDir: string,
  options: { readonly hooksAllowLocal: boolean },
): ManagedRuntime.ManagedRuntime<DomainServices | HookSender, never> =>
  ManagedRuntime.make(
    Layer.mergeAll(
      persistenceLayer(orm, secret),
      gitRepositoriesLayer(repositoriesRoot(dataDir)),
      repositoryReaderLayer(repositoriesRoot(dataDir)),
      Layer.succeed(Settings, Settings.of(Settings.defaults)),
      CredentialChecks.layer(),
      hookSenderLayer({ allowLocal: options.hooksAllowLocal }),
    ),
  )
