#!/bin/sh
# Regenerates the AArch64 encoding table with the real GNU tools: reads column 1 of each row,
# assembles it alone at address 0 with aarch64-linux-gnu-as, and writes what
# aarch64-linux-gnu-objdump -D -b binary -m aarch64 shows for it: the instruction word (column 2)
# and the text (column 3, objdump's whitespace collapsed to single spaces; branch targets are
# addresses from 0, as in the listings of whole blobs). Comment lines are kept. To add a row:
# append "<instruction><TAB>" and run this script.
#   usage: src/test/tools/gen-encodings.sh [table]   (default: src/test/resources/encodings/aarch64.tsv)
set -eu
table=${1:-$(dirname "$0")/../resources/encodings/aarch64.tsv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while IFS= read -r line; do
    case "$line" in
    '#'* | '') printf '%s\n' "$line"; continue ;;
    esac
    insn=$(printf '%s' "$line" | cut -f1)
    printf '%s\n' "$insn" > "$tmp/a.s"
    aarch64-linux-gnu-as -o "$tmp/a.o" "$tmp/a.s"
    aarch64-linux-gnu-objcopy -O binary -j .text "$tmp/a.o" "$tmp/a.bin"
    dis=$(aarch64-linux-gnu-objdump -D -b binary -m aarch64 "$tmp/a.bin" | grep -m1 '^ *0:')
    word=$(printf '%s' "$dis" | cut -f2 | tr -d ' ')
    text=$(printf '%s' "$dis" | cut -f3- | tr '\t' ' ' | sed 's/  */ /g; s/ $//')
    [ -n "$word" ] && [ -n "$text" ] || { echo "no word for: $insn" >&2; exit 1; }
    printf '%s\t%s\t%s\n' "$insn" "$word" "$text"
done < "$table" > "$tmp/out.tsv"
mv "$tmp/out.tsv" "$table"
