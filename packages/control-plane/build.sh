#!/usr/bin/env bash
# Builds kube-apiserver and etcd from the Go module in ./go into a cache outside the clone and prints the bin dir.
#
# The cache key hashes everything that decides the binaries' contents (go.mod, go.sum, the two mains, this script's
# build flags via its own hash, and `go version`), so a fresh clone on a machine that built them before is a no-op,
# and a version bump builds a new directory instead of overwriting one a concurrent run may be executing.
#
# stdout: the absolute bin dir, and nothing else (the launcher reads it). Progress goes to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
gomod_dir="$here/go"

# A bare environment (a CI runner's, say) may lack HOME, which both the cache path and go's own caches derive from,
# and may lack the toolchain's usual folder on PATH.
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
command -v go >/dev/null 2>&1 || PATH="$PATH:/usr/local/go/bin"
if ! command -v go >/dev/null 2>&1; then
  echo "control-plane: 'go' is not on PATH; the real-server test tier needs Go (see packages/control-plane/README.md)" >&2
  exit 2
fi

go_version="$(go version)"
key="$(
  {
    printf '%s\n' "$go_version"
    cat "$gomod_dir/go.mod" "$gomod_dir/go.sum" "$gomod_dir"/cmd/*/main.go "$here/build.sh"
  } | sha256sum | cut -c1-16
)"
cache_root="${PALISADE_CACHE_DIR:-$HOME/.cache/palisade}/control-plane"
out="$cache_root/$key"
bin="$out/bin"

have_binaries() { [[ -x "$bin/kube-apiserver" && -x "$bin/etcd" ]]; }

if have_binaries; then
  # The folder's mtime records its last use, which is what the pruning below goes by.
  touch "$out"
  printf '%s\n' "$bin"
  exit 0
fi

mkdir -p "$cache_root"
# Two test processes may start at once on a cold machine; the lock makes the second wait for the first's build
# instead of running a second 2-core build beside it.
exec 9>"$cache_root/.lock"
flock 9

if ! have_binaries; then
  start=$SECONDS
  echo "control-plane: building kube-apiserver and etcd into $out (cold builds take several minutes)" >&2
  tmp="$(mktemp -d "$cache_root/.build-$key.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  # Outside Kubernetes' own build scripts the version variables keep their v0.0.0-master placeholders, and /version
  # would say so to every client (kubectl warns about the skew); stamp the pinned release instead.
  kube_version="$(cd "$gomod_dir" && go list -mod=readonly -m -f '{{.Version}}' k8s.io/kubernetes)"
  kube_minor="${kube_version#v*.}"
  kube_minor="${kube_minor%%.*}"
  kube_major="${kube_version#v}"
  kube_major="${kube_major%%.*}"
  version_flags=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    version_flags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=$kube_major -X $pkg.gitMinor=$kube_minor"
    version_flags+=" -X $pkg.gitTreeState=clean"
  done
  # -mod=readonly: go.sum is the pin; a build must never rewrite it. -trimpath and -s -w keep the binaries lean and
  # independent of where the clone lives.
  (
    cd "$gomod_dir" &&
      go build -mod=readonly -trimpath -ldflags="-s -w$version_flags" -o "$tmp/bin/" ./cmd/kube-apiserver ./cmd/etcd
  ) >&2
  printf '%s\n' "$go_version" >"$tmp/go-version"
  # Rename into place so a reader never sees a half-written bin dir.
  rm -rf "$out"
  mv "$tmp" "$out"
  trap - EXIT
  echo "control-plane: built in $((SECONDS - start))s" >&2
  # Each pin bump leaves the previous build behind (about 130 MB); drop those no run has used for two weeks.
  find "$cache_root" -mindepth 1 -maxdepth 1 -type d -regex '.*/[0-9a-f]+' -mtime +14 -exec rm -rf {} + || true
  # A build killed outright (no EXIT trap) leaves its scratch folder; under the lock none is in use.
  find "$cache_root" -mindepth 1 -maxdepth 1 -type d -name '.build-*' -exec rm -rf {} + || true
fi

printf '%s\n' "$bin"
