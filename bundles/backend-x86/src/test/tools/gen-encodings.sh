#!/bin/sh
# Regenerates the x86-64 encoding table with the real GNU assembler: reads column 1 (Intel syntax)
# of each row, assembles it alone with `as`, and writes the bytes `objdump -d` shows as column 2.
# Comment lines are kept. To add a row: append "<instruction><TAB>" and run this script.
#   usage: src/test/tools/gen-encodings.sh [table]   (default: src/test/resources/encodings/x86-64.tsv)
set -eu
table=${1:-$(dirname "$0")/../resources/encodings/x86-64.tsv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while IFS= read -r line; do
    case "$line" in
    '#'* | '') printf '%s\n' "$line"; continue ;;
    esac
    insn=$(printf '%s' "$line" | cut -f1)
    printf '.intel_syntax noprefix\n%s\n' "$insn" > "$tmp/a.s"
    as --64 -o "$tmp/a.o" "$tmp/a.s"
    hex=$(objdump -d --insn-width=16 "$tmp/a.o" | awk -F'\t' '/^ +[0-9a-f]+:\t/ { gsub(/ /, "", $2); printf "%s", $2 }')
    [ -n "$hex" ] || { echo "no bytes for: $insn" >&2; exit 1; }
    printf '%s\t%s\n' "$insn" "$hex"
done < "$table" > "$tmp/out.tsv"
mv "$tmp/out.tsv" "$table"
