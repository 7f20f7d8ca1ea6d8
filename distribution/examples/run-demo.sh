#!/bin/sh
# Builds examples/double/double.c against this distribution with pkg-config and runs it.
set -e
home=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PKG_CONFIG_PATH="$home/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
# shellcheck disable=SC2046
cc -O2 -o "$work/double" "$home/examples/double/double.c" $(pkg-config --cflags --libs simplec)
echo "\$ cc double.c \$(pkg-config --cflags --libs simplec) -o double && ./double"
"$work/double"
