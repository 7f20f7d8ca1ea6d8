#!/bin/sh
# Regenerates the AArch64 encoding table with the real GNU assembler: reads column 1 of each row,
# assembles it alone with aarch64-linux-gnu-as, and writes the instruction word that
# aarch64-linux-gnu-objdump -d shows as column 2. Comment lines are kept. To add a row: append
# "<instruction><TAB>" and run this script.
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
    word=$(aarch64-linux-gnu-objdump -d "$tmp/a.o" | awk -F'\t' '/^ +[0-9a-f]+:\t/ { gsub(/ /, "", $2); printf "%s", $2 }')
    [ -n "$word" ] || { echo "no word for: $insn" >&2; exit 1; }
    printf '%s\t%s\n' "$insn" "$word"
done < "$table" > "$tmp/out.tsv"
mv "$tmp/out.tsv" "$table"
