#!/usr/bin/env bash
# Install the Debian packages hubplan needs, one at a time and only those missing.
#
# Usage: scripts/system_packages.sh COMMAND=PACKAGE [COMMAND=PACKAGE ...]
#   e.g. scripts/system_packages.sh chromium=chromium pdftotext=poppler-utils
# A pair is skipped when COMMAND is already on the PATH (this machine image's Node.js, from
# NodeSource, already carries npm, and Debian's npm package would conflict with it). A failure names
# the package and the command to run by hand, and stops with exit status 1.
set -uo pipefail

missing=()
for pair in "$@"; do
  command="${pair%%=*}"
  package="${pair#*=}"
  command -v "$command" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "error: hubplan needs the Debian packages ${missing[*]}, and installing them needs root." >&2
    echo "       Run by hand: apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

echo "Installing Debian packages: ${missing[*]}" >&2
if ! $sudo apt-get update -qq; then
  echo "error: apt-get update failed; run by hand: ${sudo:+sudo }apt-get update" >&2
  exit 1
fi
for package in "${missing[@]}"; do
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$package" >/dev/null; then
    echo "error: could not install the Debian package '$package'." >&2
    echo "       Run by hand to see why: ${sudo:+sudo }apt-get install --no-install-recommends $package" >&2
    exit 1
  fi
  echo "  installed $package" >&2
done
