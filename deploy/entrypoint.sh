#!/bin/sh
# Container entry point: on the first start, seed the knowledge folder on the data volume from the image
# (never over an existing one: admins edit it), then run `python -m bot` with the given command.
set -eu
knowledge="${BOT_KNOWLEDGE_DIR:-/var/lib/cbccvc-bot/knowledge}"
bundled="${KNOWLEDGE_SEED:-/opt/cbccvc-bot/knowledge}"
if [ ! -e "$knowledge" ]; then
    cp -R "$bundled" "$knowledge"
fi
exec python -m bot "$@"
