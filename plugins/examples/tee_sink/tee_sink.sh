#!/bin/sh
# A retail-edge exec sink in POSIX shell: appends each batch line to a file, then acks it.
read -r hello                                   # {"type":"hello","protocol":1,...,"options":{"path":"..."}}
path=$(printf '%s' "$hello" | sed -n 's/.*"path":"\([^"]*\)".*/\1/p')
echo '{"type":"hello","protocol":1}'
while read -r line; do
  case "$line" in
    *'"type":"batch"'*)
      id=$(printf '%s' "$line" | sed -n 's/^{"type":"batch","id":\([0-9]*\).*/\1/p')
      printf '%s\n' "$line" >> "$path" && sync "$path" \
        && echo "{\"type\":\"ack\",\"id\":$id}" \
        || echo "{\"type\":\"nack\",\"id\":$id,\"error\":\"cannot write $path\",\"retry\":true}" ;;
    *'"type":"shutdown"'*) exit 0 ;;
  esac
done
