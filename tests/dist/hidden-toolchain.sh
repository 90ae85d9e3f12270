#!/bin/sh
# Runs a command as on a machine without Swift: the toolchain's directory is covered by an
# empty tmpfs in a private mount namespace (unshare, as root), and the environment is only
# PATH=/usr/bin:/bin, HOME and what is named with NAME=VALUE before the command.
#   tests/dist/hidden-toolchain.sh TOOLCHAIN_DIR [NAME=VALUE...] COMMAND [ARGS...]
set -eu
toolchain=$1; shift
exec unshare --mount --propagation private sh -c '
  toolchain=$1; shift
  mount -t tmpfs -o size=1m none "$toolchain"
  exec env -i PATH=/usr/bin:/bin HOME="${HOME:-/root}" "$@"
' hidden-toolchain "$toolchain" "$@"
