import type { ManagedRuntime } from "effect"
import type { DomainServices } from "@labrador/domain"

/** The runtime the composition root builds from every live layer; routes run their effects on it. */
export type AppRuntime = ManagedRuntime.ManagedRuntime<DomainServices, never>
