#!/usr/bin/env bash
# Installs what the integration and e2e tests need on Debian bookworm (or a close relative):
# a Docker daemon and CLI (docker.io: dockerd, containerd, runc), a static busybox for the test
# image, docker-compose v1 with python3-docker, and iproute2 / iptables used by the test harness
# to give each private daemon its own bridge, openssl for test certificates and chromium for the
# dashboard tests (driven by playwright-core), patch and diffutils for the fixer's unified-diff tests. Idempotent: runs apt-get only when a package is
# missing. Run as root, or as a user who can sudo.
set -euo pipefail

PACKAGES=(docker.io busybox-static docker-compose python3-docker iproute2 iptables openssl chromium patch diffutils)

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-test-deps: run as root (or install sudo): apt-get needs root" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: apt-get not found; install these by hand: ${PACKAGES[*]}" >&2
  exit 1
fi

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} > 0)); then
  echo "install-test-deps: installing ${missing[*]}"
  # Non-interactive, and never let needrestart restart services of the machine.
  apt=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 NEEDRESTART_MODE=l apt-get)
  "${apt[@]}" update -q
  "${apt[@]}" install -y -q "${missing[@]}"
else
  echo "install-test-deps: all of ${PACKAGES[*]} already installed"
fi

PATH="$PATH:/usr/sbin:/sbin"
echo "--- versions ---"
echo "dockerd:        $(dockerd --version)"
echo "containerd:     $(containerd --version 2>/dev/null | head -n1)"
echo "runc:           $(runc --version 2>/dev/null | head -n1)"
echo "docker CLI:     $(/usr/bin/docker --version 2>/dev/null || docker --version)"
echo "docker-compose: $(docker-compose version --short 2>/dev/null)"
echo "python3-docker: $(/usr/bin/python3 -c 'import docker; print(docker.__version__)')"
echo "busybox:        $(busybox 2>&1 | head -n1)"
echo "iproute2:       $(ip -V)"
echo "iptables:       $(iptables --version)"
