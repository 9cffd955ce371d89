#!/usr/bin/env bash
# Entrypoint of mongo1..3 (deploy/compose.yaml). mongod refuses a keyfile that others can read or
# that another user owns, and Compose mounts a file secret with the host file's owner and mode, so
# the keyfile is copied to a private file owned by the mongodb user before the image's own
# entrypoint (which creates the root user on a first start, then drops to mongodb) takes over.
set -euo pipefail
install -m 0400 -o mongodb -g mongodb /run/secrets/mongo_keyfile /etc/mongo-keyfile
exec docker-entrypoint.sh "$@"
