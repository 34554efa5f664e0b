#!/usr/bin/env bash
# Installs the C toolchain `mcp-wasm build` uses for C servlets (clang-19 for wasm32-wasi with
# wasi-libc, lld-19 and compiler-rt), from Debian's packages. Idempotent: does nothing when every
# part is already there. Uses sudo when not root.
set -euo pipefail

packages=(clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ] && command -v clang-19 >/dev/null; then
  exit 0
fi

echo "installing the C toolchain for WebAssembly: ${missing[*]:-${packages[*]}}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
