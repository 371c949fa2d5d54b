// The server as one ES module, dist/labrador.mjs, which `pnpm start` runs: one file parsed once
// instead of a few thousand modules type-stripped at start, so no TypeScript stripper in memory,
// no module records, a faster start (RSS after the accounts bench load 227 -> 139 MB, with the
// semi-space cap of the start script). Tests run the sources themselves.
// `node build.ts` builds when a source is newer than the bundle; `--force` always does.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "..", "..")
const dist = join(import.meta.dirname, "dist")
const bundle = join(dist, "labrador.mjs")

/** Newest modification time among what the bundle is made of: workspace sources, manifests, the lockfile. */
const newestSource = (): number => {
  const packages = [
    ...readdirSync(join(root, "packages")).map((name) => join(root, "packages", name)),
    import.meta.dirname,
  ]
  const files = [
    join(root, "pnpm-lock.yaml"),
    import.meta.filename,
    ...packages.map((dir) => join(dir, "package.json")),
  ]
  const sourceDirs = packages
    .flatMap((pkg) => [join(pkg, "src"), join(pkg, "migrations")])
    .filter((dir) => existsSync(dir))
  for (const dir of sourceDirs)
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
      if (entry.isFile()) files.push(join(entry.parentPath, entry.name))
  return Math.max(...files.map((file) => statSync(file).mtimeMs))
}

const bundleTime = (): number => statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? 0

if (process.argv.includes("--force") || bundleTime() <= newestSource()) {
  // Loaded only when there is something to build: an up-to-date start stays quick.
  const { build } = await import("rolldown")
  // Built aside and moved into place: a server starting meanwhile never sees half a bundle.
  const staging = `${dist}.${process.pid}`
  await build({
    input: { labrador: join(import.meta.dirname, "src", "cli.ts") },
    platform: "node",
    // pg's optional native binding is never installed.
    external: ["pg-native"],
    // The PostgreSQL driver lands in chunks of its own, loaded only for a postgres:// URL. Names
    // are kept: libraries (and our dialect check) read constructor names.
    output: {
      dir: staging,
      format: "esm",
      entryFileNames: "[name].mjs",
      chunkFileNames: "[name]-[hash].mjs",
      minify: true,
      keepNames: true,
    },
    logLevel: "silent",
  })
  rmSync(dist, { recursive: true, force: true })
  renameSync(staging, dist)
}
