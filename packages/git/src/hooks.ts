import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { RefUpdate, RefVerdict } from "@labrador/domain"

// The hooks every receive-pack runs (through core.hooksPath). They live in the code rather than
// beside it so that a bundled server carries them; they are written under the repositories root.

const UPDATE = `#!/bin/sh
# Labrador's update hook (run by git receive-pack once per command: <ref> <old> <new>).
# It carries out the verdicts the server's push rules wrote to $LABRADOR_PUSH_RULES, one line per
# command: "<verdict><TAB><ref><TAB><old><TAB><new><TAB><reason>", the verdict Allow, Refuse or
# FastForwardOnly. A command is found by all three of ref, old and new, so a ref named twice in
# one push never borrows another command's verdict. Whatever goes wrong here, a command without a
# line included, refuses the ref: a push rule never fails open.
ref=$1
old=$2
new=$3
zero=0000000000000000000000000000000000000000

if [ -z "$LABRADOR_PUSH_RULES" ] || [ ! -r "$LABRADOR_PUSH_RULES" ]; then
  echo "GitLab: push rules are unavailable, try again." >&2
  exit 1
fi
tab=$(printf '\\t')
line=$(awk -F "$tab" -v ref="$ref" -v old="$old" -v new="$new" '$2 == ref && $3 == old && $4 == new { print; exit }' "$LABRADOR_PUSH_RULES") || {
  echo "GitLab: push rules are unreadable, try again." >&2
  exit 1
}
if [ -z "$line" ]; then
  echo "GitLab: no push rule for $ref, try again." >&2
  exit 1
fi
verdict=\${line%%"$tab"*}
reason=\${line##*"$tab"}

case "$verdict" in
  Allow)
    exit 0
    ;;
  Refuse)
    echo "GitLab: $reason" >&2
    exit 1
    ;;
  FastForwardOnly)
    if [ "$old" = "$zero" ] || [ "$new" = "$zero" ] || git merge-base --is-ancestor "$old" "$new"; then
      exit 0
    fi
    echo "GitLab: $reason" >&2
    exit 1
    ;;
  *)
    echo "GitLab: unknown push rule for $ref" >&2
    exit 1
    ;;
esac
`

const POST_RECEIVE = `#!/bin/sh
# Labrador's post-receive hook: hands the applied ref updates ("<old> <new> <ref>" lines, in git's
# order) to the server, which runs the push pipeline once receive-pack is done.
if [ -n "$LABRADOR_PUSH_LOG" ]; then
  cat > "$LABRADOR_PUSH_LOG"
else
  cat > /dev/null
fi
`

const PRE_RECEIVE = `#!/bin/sh
# Labrador's pre-receive hook for a push whose every command the server allowed: one run for the
# whole push, where the update hook costs a few processes per ref (2,000 refs took minutes). It
# still checks that each command git is about to apply ("<old> <new> <ref>" on stdin) has its Allow
# line in $LABRADOR_PUSH_RULES, and refuses the push otherwise: a push rule never fails open.
if [ -z "$LABRADOR_PUSH_RULES" ] || [ ! -r "$LABRADOR_PUSH_RULES" ]; then
  echo "GitLab: push rules are unavailable, try again." >&2
  exit 1
fi
tab=$(printf '\\t')
awk -F "$tab" '
  FILENAME == ARGV[1] { if ($1 == "Allow") allowed[$3 " " $4 " " $2] = 1; next }
  !($0 in allowed) { print "GitLab: no push rule for " $0 ", try again." > "/dev/stderr"; refused = 1 }
  END { exit refused }
' "$LABRADOR_PUSH_RULES" -
`

/** The rules file the update hook reads: one line per command of the push, each with its verdict. */
export const pushRules = (
  verdicts: ReadonlyArray<{ readonly update: RefUpdate; readonly verdict: RefVerdict }>,
): string =>
  verdicts
    .map(
      ({ update, verdict }) =>
        `${verdict._tag}\t${update.ref}\t${update.before}\t${update.after}\t${verdict._tag === "Allow" ? "" : verdict.reason}\n`,
    )
    .join("")

const HOOKS = { update: UPDATE, "post-receive": POST_RECEIVE }
/** For a push whose every command is allowed: no per-ref update hook, one pre-receive check. */
const ALLOWED_HOOKS = { "pre-receive": PRE_RECEIVE, "post-receive": POST_RECEIVE }

/** The two hook directories: `checked` enforces per-command verdicts, `allowed` serves pushes without a refusal to carry out. */
export interface HookDirs {
  readonly checked: string
  readonly allowed: string
}

/**
 * Writes the hooks to `<root>/.hooks` and `<root>/.hooks-allowed` (names no namespace can take)
 * unless they are there as they should be, executable: a hook that does not run lets every push through.
 */
export const installHooks = (root: string): HookDirs => ({
  checked: writeHooks(join(root, ".hooks"), HOOKS),
  allowed: writeHooks(join(root, ".hooks-allowed"), ALLOWED_HOOKS),
})

const writeHooks = (dir: string, hooks: Readonly<Record<string, string>>): string => {
  mkdirSync(dir, { recursive: true })
  for (const [name, script] of Object.entries(hooks)) {
    const file = join(dir, name)
    let current: string | undefined
    try {
      current = readFileSync(file, "utf8")
    } catch {
      current = undefined
    }
    if (current !== script) {
      // Written aside and renamed: a push running at that moment never sees half a script.
      const temporary = `${file}.${process.pid}.tmp`
      writeFileSync(temporary, script)
      chmodSync(temporary, 0o755)
      renameSync(temporary, file)
    } else chmodSync(file, 0o755)
  }
  return dir
}
