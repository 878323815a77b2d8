#!/usr/bin/env bash
# Starts PostgreSQL and the service, then serves until Ctrl+C.
#
# With a Docker engine: `docker compose up --build` runs PostgreSQL and the service image.
# Without one: a project-local PostgreSQL cluster (scripts/local-postgres.sh) and `dotnet run`.
# Either way the API listens on http://localhost:8080 and Swagger UI is at /swagger.
#
# Settings (environment):
#   EXTERNALCONNECTIONS_URLS   listen address without Docker (default http://localhost:8080)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  if ! docker compose version >/dev/null 2>&1; then
    echo "A Docker engine is running, but the compose plugin is missing: install docker-compose-plugin, then run again." >&2
    exit 1
  fi
  echo "Docker engine found: starting PostgreSQL and the service with docker compose."
  echo "Swagger UI: http://localhost:8080/swagger"
  exec docker compose up --build
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "No Docker engine and no .NET SDK: install the .NET 10 SDK (or Docker), then run again." >&2
  exit 1
fi

echo "No Docker engine: starting a project-local PostgreSQL with scripts/local-postgres.sh."
scripts/local-postgres.sh start

urls="${EXTERNALCONNECTIONS_URLS:-http://localhost:8080}"
export ConnectionStrings__Postgres="${ConnectionStrings__Postgres:-$(scripts/local-postgres.sh connection-string)}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
echo "Building and starting the service on $urls (Swagger UI: $urls/swagger)."
exec dotnet run --project src/ExternalConnections.Api --configuration Release --urls "$urls"
