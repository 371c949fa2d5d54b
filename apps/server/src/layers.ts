import { join } from "node:path"
import { Layer, ManagedRuntime } from "effect"
import { Settings } from "@labrador/domain"
import { gitRepositoriesLayer } from "@labrador/git"
import type { AppRuntime } from "@labrador/http-koa"
import { persistenceLayer, type Orm } from "@labrador/persistence"

/** Where the bare repositories live: `<data dir>/repositories/<namespace>/<path>.git`. */
export const repositoriesRoot = (dataDir: string): string => join(dataDir, "repositories")

/** The one place live layers meet: every domain port, implemented by the adapters. */
export const makeRuntime = (orm: Orm, secret: string, dataDir: string): AppRuntime =>
  ManagedRuntime.make(
    Layer.mergeAll(persistenceLayer(orm, secret), gitRepositoriesLayer(repositoriesRoot(dataDir)), Layer.succeed(Settings, Settings.of(Settings.defaults))),
  )
