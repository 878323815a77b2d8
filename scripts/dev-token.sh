#!/usr/bin/env bash
# Prints a bearer token for local use, signed with the development key in
# src/ExternalConnections.Api/appsettings.Development.json. The service accepts such tokens only
# when it runs in the Development environment, as scripts/run.sh and docker-compose.yml run it.
#
#   scripts/dev-token.sh --workspace ws-1 [--workspace ws-2 ...] [--admin] [--subject NAME] [--minutes N]
#
#   --workspace ID   a workspace the caller belongs to (repeat for several)
#   --admin          the caller sees and changes every record
#   --subject NAME   the token's sub claim, which also keys rate limits (default: developer)
#   --minutes N      lifetime of the token (default: 60)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

settings="src/ExternalConnections.Api/appsettings.Development.json"
audience="external-connections"
subject="developer"
minutes=60
admin=false
workspaces=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --workspace) workspaces+=("$2"); shift 2 ;;
    --admin) admin=true; shift ;;
    --subject) subject="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    *) echo "dev-token: unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done

if [[ ${#workspaces[@]} -eq 0 && "$admin" == false ]]; then
  echo "dev-token: give at least one --workspace, or --admin" >&2
  exit 2
fi

for value in "$subject" "${workspaces[@]}"; do
  if [[ "$value" == *'"'* || "$value" == *'\'* ]]; then
    echo "dev-token: quotes and backslashes are not supported in names: $value" >&2
    exit 2
  fi
done

issuer="$(sed -n 's/.*"ValidIssuer": "\([^"]*\)".*/\1/p' "$settings" | head -n 1)"
key_base64="$(sed -n 's/.*"Value": "\([^"]*\)".*/\1/p' "$settings" | head -n 1)"
key_hex="$(printf '%s' "$key_base64" | base64 --decode | od -An -vtx1 | tr -d ' \n')"

base64url() { base64 -w 0 | tr '+/' '-_' | tr -d '='; }

json_array() {
  local first=true item
  printf '['
  for item in "$@"; do
    if [[ "$first" == true ]]; then first=false; else printf ','; fi
    printf '"%s"' "$item"
  done
  printf ']'
}

now="$(date +%s)"
roles="[]"
if [[ "$admin" == true ]]; then roles='["external-connections-admin"]'; fi
payload="$(printf '{"sub":"%s","iss":"%s","aud":"%s","iat":%d,"nbf":%d,"exp":%d,"workspaces":%s,"roles":%s}' \
  "$subject" "$issuer" "$audience" "$now" "$now" "$((now + minutes * 60))" "$(json_array "${workspaces[@]}")" "$roles")"

signing_input="$(printf '{"alg":"HS256","typ":"JWT"}' | base64url).$(printf '%s' "$payload" | base64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64url)"
printf '%s.%s\n' "$signing_input" "$signature"
