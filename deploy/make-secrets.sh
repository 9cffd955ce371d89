#!/usr/bin/env bash
# Creates what deploy/compose.yaml needs and git must never hold: the MongoDB keyfile and
# passwords (secrets/), and app.env from app.env.example with the app's database password and a
# first token encryption key filled in. It never overwrites anything: run again, it only adds
# what is missing. It prints file names, never their contents.
#
#   ./make-secrets.sh                     MongoDB secrets and app.env
#   ./make-secrets.sh --self-signed HOST  also a self-signed certificate for HOST, for a trial
#                                         only: Slack and Zoom call only a certificate they trust
set -euo pipefail
cd "$(dirname "$0")"
umask 077

self_signed_host=""
if [[ $# -gt 0 ]]; then
  if [[ $# -eq 2 && $1 == "--self-signed" && $2 =~ ^[A-Za-z0-9.-]+$ ]]; then
    self_signed_host=$2
  else
    echo "usage: $0 [--self-signed HOST]" >&2
    exit 2
  fi
fi

mkdir -p secrets

# make_secret FILE COMMAND...: COMMAND's output becomes FILE unless FILE already has content.
make_secret() {
  local file=$1
  shift
  if [[ -s $file ]]; then
    echo "kept    $file"
  else
    "$@" >"$file.tmp"
    mv "$file.tmp" "$file"
    echo "created $file"
  fi
}

# MongoDB's own recipe for a keyfile: 756 random bytes in base64 (at most 1024 characters).
make_secret secrets/mongo_keyfile openssl rand -base64 756
# Hex, so the password can sit in MONGODB_URI without URL-encoding.
make_secret secrets/mongo_root_password openssl rand -hex 32
make_secret secrets/mongo_app_password openssl rand -hex 32

if [[ -s app.env ]]; then
  echo "kept    app.env"
else
  password=$(tr -d '\n' <secrets/mongo_app_password)
  key=$(openssl rand -base64 32)
  # base64 has no '|' and hex no special character, so both are safe in these sed expressions.
  sed -e "s|__MONGO_APP_PASSWORD__|$password|" -e "s|__TOKEN_ENCRYPTION_KEY__|$key|" \
    app.env.example >app.env.tmp
  mv app.env.tmp app.env
  echo "created app.env (fill in the Slack and Zoom values and PUBLIC_URL)"
fi

if [[ -n $self_signed_host ]]; then
  if [[ -s secrets/tls_certificate.pem ]]; then
    echo "kept    secrets/tls_certificate.pem"
  else
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
      -subj "/CN=$self_signed_host" -addext "subjectAltName=DNS:$self_signed_host" \
      -keyout secrets/tls_private_key.pem -out secrets/tls_certificate.pem 2>/dev/null
    echo "created secrets/tls_certificate.pem and secrets/tls_private_key.pem (self-signed, 30 days)"
  fi
fi

for needed in secrets/tls_certificate.pem secrets/tls_private_key.pem; do
  [[ -s $needed ]] || echo "missing $needed: your certificate (full chain) and its private key, PEM"
done
