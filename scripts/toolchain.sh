# Sourced by ./run and .ci/run. Puts Node >= 22.19 and the pinned pnpm on PATH, then installs dependencies.
# The machine's Node may be older (Node 20 reached end of life in April 2026, and @kubernetes/client-node 2.x needs
# undici 8, which needs Node 22.19+); in that case Node 24 LTS comes from the npm registry as the `node` package.
tools_dir="$PWD/.tools"
pnpm_version="$(sed -n 's/.*"packageManager": "pnpm@\([^"]*\)".*/\1/p' package.json)"

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=19)?0:1)'
}

export PATH="$tools_dir/node_modules/.bin:$PATH"
if ! node_ok || ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  echo "palisade: installing Node 24 and pnpm@$pnpm_version into .tools/" >&2
  npm install --prefix "$tools_dir" --no-audit --no-fund --loglevel=error node@24 "pnpm@$pnpm_version" >&2
  hash -r
fi
node_ok || { echo "palisade: Node >= 22.19 is required and could not be installed" >&2; exit 1; }

if [ -z "${PALISADE_SKIP_INSTALL:-}" ]; then
  pnpm install --frozen-lockfile --reporter=silent >&2
fi
