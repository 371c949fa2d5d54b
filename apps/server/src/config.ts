import { accessSync, constants, mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs"
import { randomBytes } from "node:crypto"
import { join, resolve } from "node:path"
import { DEFAULT_GIT_MAX_PROCESSES } from "@labrador/git"
import { parseDatabaseUrl, type DatabaseTarget } from "@labrador/persistence"

/** The configuration contract of DESIGN.md, read from the environment and checked once. */
export interface Config {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  readonly database: DatabaseTarget
  readonly externalUrl: string
  readonly rootPassword: string | undefined
  readonly rootToken: string | undefined
  readonly secret: string
  readonly hooksAllowLocal: boolean
  readonly worker: "embedded" | "off"
  readonly logLevel: string
  /** Git processes the smart-HTTP transport runs at once; a request beyond them answers 503. */
  readonly gitMaxProcesses: number
  /**
   * Tests only (honoured when NODE_ENV=test): the repository storage checkpoint at which the
   * process kills itself with SIGKILL, leaving what a crash there leaves (LABRADOR_TEST_CRASH_AT).
   */
  readonly crashAt: string | undefined
}

/** A bad value: start-up stops with this one line. */
export class ConfigError extends Error {}

const bool = (name: string, value: string | undefined, fallback: boolean): boolean => {
  if (value === undefined || value === "") return fallback
  if (/^(true|1|yes)$/i.test(value)) return true
  if (/^(false|0|no)$/i.test(value)) return false
  throw new ConfigError(`${name} must be true or false, got "${value}"`)
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const portText = env.LABRADOR_PORT ?? "8080"
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535)
    throw new ConfigError(`LABRADOR_PORT must be an integer from 0 to 65535, got "${portText}"`)
  const host = env.LABRADOR_HOST || "127.0.0.1"
  const dataDir = resolve(env.LABRADOR_DATA_DIR || "./data")
  try {
    mkdirSync(dataDir, { recursive: true })
    accessSync(dataDir, constants.R_OK | constants.W_OK)
  } catch {
    throw new ConfigError(`LABRADOR_DATA_DIR "${dataDir}" cannot be created, read or written`)
  }
  const database = env.LABRADOR_DATABASE_URL
    ? parseDatabaseUrl(env.LABRADOR_DATABASE_URL)
    : { dialect: "sqlite" as const, location: join(dataDir, "labrador.sqlite") }
  if ("error" in database) throw new ConfigError(`LABRADOR_DATABASE_URL: ${database.error}`)
  const externalUrl = (env.LABRADOR_EXTERNAL_URL || `http://localhost:${port}`).replace(/\/+$/, "")
  try {
    if (!URL.canParse(externalUrl)) throw new Error("unparseable")
  } catch {
    throw new ConfigError(`LABRADOR_EXTERNAL_URL is not a URL: "${externalUrl}"`)
  }
  const worker = env.LABRADOR_WORKER || "embedded"
  if (worker !== "embedded" && worker !== "off")
    throw new ConfigError(`LABRADOR_WORKER must be "embedded" or "off", got "${worker}"`)
  const rootToken = env.LABRADOR_ROOT_TOKEN || undefined
  if (rootToken !== undefined && rootToken.length < 8)
    throw new ConfigError("LABRADOR_ROOT_TOKEN must be at least 8 characters")
  const rootPassword = env.LABRADOR_ROOT_PASSWORD || undefined
  if (rootPassword !== undefined && (rootPassword.length < 6 || rootPassword.length > 128))
    throw new ConfigError("LABRADOR_ROOT_PASSWORD must be 6 to 128 characters")
  const gitMaxText = env.LABRADOR_GIT_MAX_PROCESSES || String(DEFAULT_GIT_MAX_PROCESSES)
  const gitMaxProcesses = Number(gitMaxText)
  if (!/^\d+$/.test(gitMaxText) || gitMaxProcesses < 1)
    throw new ConfigError(`LABRADOR_GIT_MAX_PROCESSES must be a positive integer, got "${gitMaxText}"`)
  return {
    port,
    host,
    dataDir,
    database,
    externalUrl,
    rootPassword,
    rootToken,
    secret: env.LABRADOR_SECRET || dataDirSecret(dataDir),
    hooksAllowLocal: bool("LABRADOR_HOOKS_ALLOW_LOCAL", env.LABRADOR_HOOKS_ALLOW_LOCAL, false),
    worker,
    logLevel: env.LABRADOR_LOG_LEVEL || "info",
    gitMaxProcesses,
    crashAt: env.NODE_ENV === "test" ? env.LABRADOR_TEST_CRASH_AT || undefined : undefined,
  }
}

/** The server secret generated on first start and kept in the data dir (mode 0600). */
const dataDirSecret = (dataDir: string): string => {
  const file = join(dataDir, "secret")
  if (existsSync(file)) return readFileSync(file, "utf8").trim()
  const secret = randomBytes(32).toString("hex")
  writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" })
  return secret
}
