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

fail() { echo "dev-token: $*" >&2; exit 2; }

# The value of the option in $1, or a clear error when the command line ends before it.
value_of() { [[ $# -ge 2 ]] || fail "$1 needs a value (see the comment at the top of $0)"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --workspace) value_of "$@"; workspaces+=("$2"); shift 2 ;;
    --admin) admin=true; shift ;;
    --subject) value_of "$@"; subject="$2"; shift 2 ;;
    --minutes) value_of "$@"; minutes="$2"; shift 2 ;;
    *) fail "unknown option $1 (see the comment at the top of $0)" ;;
  esac
done

[[ "$minutes" =~ ^[1-9][0-9]{0,5}$ ]] || fail "--minutes must be a whole number from 1 to 999999, not '$minutes'"
if [[ ${#workspaces[@]} -eq 0 && "$admin" == false ]]; then
  fail "give at least one --workspace, or --admin"
fi

# ${array[@]+...} expands an empty array to nothing, which bash before 4.4 rejects under set -u.
for value in "$subject" ${workspaces[@]+"${workspaces[@]}"}; do
  if [[ "$value" == *'"'* || "$value" == *'\'* ]]; then
    fail "quotes and backslashes are not supported in names: $value"
  fi
done

issuer="$(sed -n 's/.*"ValidIssuer": "\([^"]*\)".*/\1/p' "$settings" | head -n 1)"
key_base64="$(sed -n 's/.*"Value": "\([^"]*\)".*/\1/p' "$settings" | head -n 1)"
# openssl base64 rather than base64, whose options differ between GNU and macOS.
key_hex="$(printf '%s' "$key_base64" | openssl base64 -d -A | od -An -vtx1 | tr -d ' \n')"

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

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
  "$subject" "$issuer" "$audience" "$now" "$now" "$((now + minutes * 60))" "$(json_array ${workspaces[@]+"${workspaces[@]}"})" "$roles")"

signing_input="$(printf '{"alg":"HS256","typ":"JWT"}' | base64url).$(printf '%s' "$payload" | base64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64url)"
printf '%s.%s\n' "$signing_input" "$signature"
