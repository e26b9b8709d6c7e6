# KERNEL area (mk/kernel.mk): kernel-check applies our header patches with
# patch(1) and compares files with cmp(1); the other tools it uses (zig from
# the pinned ziglang wheel, llvm-nm, libck-dev, libatf-dev, shellcheck,
# mandoc) come from tools/install-deps.sh and tools/requirements.txt.
# Sourced by tools/install-deps.sh; idempotent, quick when installed.
kernel_pkgs=()
command -v patch >/dev/null 2>&1 || kernel_pkgs+=(patch)
command -v cmp >/dev/null 2>&1 || kernel_pkgs+=(diffutils)
if [ ${#kernel_pkgs[@]} -gt 0 ]; then
	echo "install-deps: apt packages (kernel): ${kernel_pkgs[*]}"
	kernel_sudo=()
	[ "$(id -u)" -eq 0 ] || kernel_sudo=(sudo)
	"${kernel_sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${kernel_sudo[@]}" apt-get install -y -qq \
	    --no-install-recommends "${kernel_pkgs[@]}"
fi
