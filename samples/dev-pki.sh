#!/usr/bin/env bash
# A test certificate authority and a test authorisation server, to try the host as a municipality reaches it (TLS,
# client certificates, bearer tokens) without PKIoverheid. Made on the spot with openssl; never use them in production.
#
#   bash samples/dev-pki.sh init [folder]             CA, server certificate (127.0.0.1, localhost, this host's
#                                                     name), client certificate with an OIN, signing key and JWKS
#   bash samples/dev-pki.sh token "scopes" [folder]   prints a token for those scopes, valid for one hour
#
# folder: artifacts/dev-pki by default. docs/integration.md shows how the host and the clients use the files.
set -euo pipefail
command -v openssl >/dev/null || { apt-get update -qq && apt-get install -y -qq openssl; }
readonly issuer=https://auth.dev.example.nl audience=https://eligibility.dev.example.nl oin=00000001001234567000
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

init() {
  local dir=$1
  mkdir -p "$dir"
  cd "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=EligibilityEngine dev CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  issue server "/CN=127.0.0.1" "extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:$(hostname)"
  issue client "/CN=Gemeente Ontwikkeldam/O=Gemeente Ontwikkeldam/serialNumber=$oin" "extendedKeyUsage=clientAuth"
  openssl genrsa -out signing.key 2048 2>/dev/null
  local n
  n=$(openssl rsa -in signing.key -noout -modulus | sed 's/^Modulus=//' | perl -ne 'chomp; print pack("H*", $_)' | b64url)
  printf '{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"dev-key-1","n":"%s","e":"AQAB"}]}\n' "$n" > jwks.json
  echo "made in $dir: ca.pem, server.pem/.key, client.pem/.key (OIN $oin), signing.key, jwks.json"
  echo "host settings: --Security:Jwt:Issuer=$issuer --Security:Jwt:Audience=$audience --Security:Jwt:JwksFile=$dir/jwks.json"
}

issue() {
  local name=$1 subject=$2 extensions=$3
  openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "$subject" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n%s\n' "$extensions" > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile "$name.ext" -out "$name.pem" 2>/dev/null
  rm "$name.csr" "$name.ext"
}

token() {
  local scopes=$1 dir=$2 now header payload signature
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT","kid":"dev-key-1"}' | b64url)
  payload=$(printf '{"iss":"%s","aud":"%s","iat":%d,"nbf":%d,"exp":%d,"client_id":"dev-gemeente","scope":"%s"}' \
    "$issuer" "$audience" "$now" "$now" $((now + 3600)) "$scopes" | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$dir/signing.key" | b64url)
  printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}

case "${1:-}" in
  init) init "$(realpath -m "${2:-artifacts/dev-pki}")" ;;
  token) token "${2:?scopes, e.g. \"beoordelen regelsets-lezen\"}" "${3:-artifacts/dev-pki}" ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
