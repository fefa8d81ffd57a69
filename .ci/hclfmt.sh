#!/usr/bin/env bash
# `terraform fmt` canonical form and HCL syntax of every generated .tf and .hcl file.
# hclcheck (.ci/hclfmt/main.go, from the shared verification toolkit) formats each file
# the way `terraform fmt` does, with hashicorp/hcl v2 from Debian, and fails on any diff.
# Built offline in GOPATH mode from Debian's packages (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v go >/dev/null 2>&1 || need+=(golang-go)
[ -f /usr/share/gocode/src/github.com/hashicorp/hcl/v2/hclwrite/public.go ] || need+=(golang-github-hashicorp-hcl-v2-dev)
command -v diff >/dev/null 2>&1 || need+=(diffutils)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bin="$PWD/target/hclcheck"
if [ ! -x "$bin" ] || [ .ci/hclfmt/main.go -nt "$bin" ]; then
  (cd .ci/hclfmt && GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH=/usr/share/gocode \
    GOCACHE="$PWD/../../target/go-cache" go build -o "$bin" main.go)
fi
"$bin" -q "${@:-generated}"
