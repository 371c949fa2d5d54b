import { Layer, ManagedRuntime } from "effect"
import { Settings } from "@labrador/domain"
import type { AppRuntime } from "@labrador/http-koa"
import { persistenceLayer, type Orm } from "@labrador/persistence"

/** The one place live layers meet: every domain port, implemented by the adapters. */
export const makeRuntime = (orm: Orm, secret: string): AppRuntime =>
  ManagedRuntime.make(Layer.mergeAll(persistenceLayer(orm, secret), Layer.succeed(Settings, Settings.of(Settings.defaults))))
