import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ConfigError, loadConfig } from "./config.ts"

const dir = () => mkdtempSync(join(tmpdir(), "labrador-config-"))

describe("loadConfig", () => {
  it("applies DESIGN.md's defaults and generates a secret into the data dir once", () => {
    const dataDir = dir()
    const config = loadConfig({ LABRADOR_DATA_DIR: dataDir })
    expect(config).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      dataDir,
      externalUrl: "http://localhost:8080",
      hooksAllowLocal: false,
      worker: "embedded",
      gitMaxProcesses: 16,
    })
    expect(config.database).toEqual({ dialect: "sqlite", location: join(dataDir, "labrador.sqlite") })
    expect(readFileSync(join(dataDir, "secret"), "utf8").trim()).toBe(config.secret)
    expect(statSync(join(dataDir, "secret")).mode & 0o777).toBe(0o600)
    expect(loadConfig({ LABRADOR_DATA_DIR: dataDir }).secret).toBe(config.secret)
  })

  it("reads every variable of the contract", () => {
    const config = loadConfig({
      LABRADOR_PORT: "9999",
      LABRADOR_HOST: "0.0.0.0",
      LABRADOR_DATA_DIR: dir(),
      LABRADOR_DATABASE_URL: "postgres://u:p@db:5432/x",
      LABRADOR_EXTERNAL_URL: "https://git.example.com/",
      LABRADOR_ROOT_PASSWORD: "secret123",
      LABRADOR_ROOT_TOKEN: "token12345",
      LABRADOR_SECRET: "s3cret",
      LABRADOR_HOOKS_ALLOW_LOCAL: "true",
      LABRADOR_WORKER: "off",
      LABRADOR_GIT_MAX_PROCESSES: "4",
    })
    expect(config).toMatchObject({
      port: 9999,
      host: "0.0.0.0",
      database: { dialect: "postgresql", location: "postgres://u:p@db:5432/x" },
      externalUrl: "https://git.example.com",
      rootPassword: "secret123",
      rootToken: "token12345",
      secret: "s3cret",
      hooksAllowLocal: true,
      worker: "off",
      gitMaxProcesses: 4,
    })
  })

  it.each([
    [{ LABRADOR_PORT: "70000" }, /LABRADOR_PORT/],
    [{ LABRADOR_PORT: "http" }, /LABRADOR_PORT/],
    [{ LABRADOR_DATABASE_URL: "mysql://localhost/x" }, /unsupported database URL scheme/],
    [{ LABRADOR_WORKER: "sometimes" }, /LABRADOR_WORKER/],
    [{ LABRADOR_HOOKS_ALLOW_LOCAL: "maybe" }, /LABRADOR_HOOKS_ALLOW_LOCAL/],
    [{ LABRADOR_EXTERNAL_URL: "not a url" }, /LABRADOR_EXTERNAL_URL/],
    [{ LABRADOR_ROOT_PASSWORD: "123" }, /LABRADOR_ROOT_PASSWORD/],
    [{ LABRADOR_GIT_MAX_PROCESSES: "0" }, /LABRADOR_GIT_MAX_PROCESSES/],
    [{ LABRADOR_GIT_MAX_PROCESSES: "many" }, /LABRADOR_GIT_MAX_PROCESSES/],
  ])("refuses %o with a ConfigError", (env, message) => {
    expect(() => loadConfig({ LABRADOR_DATA_DIR: dir(), ...env })).toThrow(ConfigError)
    expect(() => loadConfig({ LABRADOR_DATA_DIR: dir(), ...env })).toThrow(message)
  })

  it("refuses a data dir it cannot use", () => {
    const file = join(dir(), "a-file")
    writeFileSync(file, "")
    expect(() => loadConfig({ LABRADOR_DATA_DIR: join(file, "sub") })).toThrow(/LABRADOR_DATA_DIR/)
    const locked = dir()
    chmodSync(locked, 0o500)
    if (process.getuid?.() !== 0) expect(() => loadConfig({ LABRADOR_DATA_DIR: locked })).toThrow(/LABRADOR_DATA_DIR/)
  })

  it("never echoes a database password in its message", () => {
    expect(() => loadConfig({ LABRADOR_DATA_DIR: dir(), LABRADOR_DATABASE_URL: "mysql://user:hunter2@db/x" })).toThrow(
      /^(?!.*hunter2)/,
    )
  })
})
