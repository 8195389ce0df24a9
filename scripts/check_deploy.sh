#!/usr/bin/env bash
# The deployment's own check (make deploy-check; CI runs it after make check): the compose file is valid
# and the image builds, where this machine has the tools. Where it has not (no docker, no compose, no
# daemon, no network to pull the base image), it says so LOUDLY and exits 0: the check was skipped, not
# passed. hadolint lints the Dockerfile when installed.
#
#   SN_DEPLOY_CHECK_BUILD=0   validate the compose file only, never build
#   SN_DEPLOY_PYTHON_IMAGE    build on a mirror of python:3.11-slim-bookworm
set -uo pipefail
cd "$(dirname "$0")/.."

skipped=()
failed=0

loud() {
  echo "!!! ------------------------------------------------------------------------------ !!!"
  echo "!!! DEPLOY CHECK SKIPPED: $1"
  echo "!!! ------------------------------------------------------------------------------ !!!"
  skipped+=("$1")
}

# docker compose (v2 plugin) or docker-compose (v1), whichever is here.
compose=()
if command -v docker >/dev/null && docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
fi

# The compose file, with a throwaway .env made from .env.example (compose refuses an empty password).
if [ ${#compose[@]} -eq 0 ]; then
  loud "no docker compose here: compose.yaml was NOT validated"
else
  workdir=$(mktemp -d)
  trap 'rm -rf "$workdir"' EXIT
  cp compose.yaml Dockerfile "$workdir/"
  sed -e 's/^SN_SECRET_KEY=$/SN_SECRET_KEY=check-only/' -e 's/^POSTGRES_PASSWORD=$/POSTGRES_PASSWORD=check-only/' \
    .env.example > "$workdir/.env"
  if (cd "$workdir" && "${compose[@]}" -f compose.yaml config -q); then
    echo "deploy check: compose.yaml is valid (${compose[*]})"
  else
    echo "!!! deploy check FAILED: compose.yaml is not valid"
    failed=1
  fi
fi

if command -v hadolint >/dev/null; then
  if hadolint Dockerfile; then echo "deploy check: hadolint found nothing in the Dockerfile"; else failed=1; fi
else
  loud "no hadolint here: the Dockerfile was NOT linted"
fi

if [ "${SN_DEPLOY_CHECK_BUILD:-1}" = 0 ]; then
  loud "SN_DEPLOY_CHECK_BUILD=0: the image was NOT built"
elif ! command -v docker >/dev/null; then
  loud "no docker here: the image was NOT built"
elif ! docker info >/dev/null 2>&1; then
  loud "docker is here but its daemon is not running: the image was NOT built"
else
  base=${SN_DEPLOY_PYTHON_IMAGE:-python:3.11-slim-bookworm}
  if ! docker image inspect "$base" >/dev/null 2>&1 && ! docker pull -q "$base" >/dev/null 2>&1; then
    loud "the base image $base cannot be pulled (no registry reachable?): the image was NOT built"
  elif docker build --build-arg "PYTHON_IMAGE=$base" -t safer-neighbourhoods:check .; then
    echo "deploy check: the image builds (safer-neighbourhoods:check)"
  else
    echo "!!! deploy check FAILED: the image does not build"
    failed=1
  fi
fi

if [ ${#skipped[@]} -gt 0 ]; then
  echo "!!! deploy check: ${#skipped[@]} part(s) SKIPPED on this machine (see above); not a pass for them."
fi
exit $failed
