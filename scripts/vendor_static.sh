#!/usr/bin/env bash
# Vendor the NL Design System (Utrecht) CSS component library into
# samen/static/vendor/utrecht/ so that running Samen needs no Node.
#
# Only this script needs npm (to fetch the pinned tarball from the npm
# registry); the resulting files are committed and served by Django's
# staticfiles like any other asset.
#
# htmx is NOT vendored here: django-htmx (pinned in requirements.txt) ships
# htmx 2 as django_htmx/htmx-2.min.js in its own static dir.
#
# Usage: scripts/vendor_static.sh
# To upgrade: change UTRECHT_VERSION and UTRECHT_INTEGRITY (take the latter
# from `npm view @utrecht/component-library-css@<version> dist.integrity`),
# run the script, review the diff and update samen/static/samen/NOTICE.md.
set -euo pipefail

UTRECHT_PACKAGE="@utrecht/component-library-css"
UTRECHT_VERSION="9.0.4"
UTRECHT_INTEGRITY="sha512-gVA7D6GfP9/+fzehkYLSBR+0UPUTA97PZmgvTYQE88lPQhHGMlUk8FjmCpLKRsRC9hAYd32JuF/KzG6fmBfjJA=="

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${repo_root}/samen/static/vendor/utrecht"

die() {
    echo "vendor_static: $*" >&2
    exit 1
}

command -v npm >/dev/null 2>&1 || die "npm is required to run this script (not to run Samen)"
command -v tar >/dev/null 2>&1 || die "tar is required"
command -v python3 >/dev/null 2>&1 || die "python3 is required (integrity check)"

# 1. The pinned version must exist in the registry.
found_version="$(npm view "${UTRECHT_PACKAGE}@${UTRECHT_VERSION}" version)"
[[ "${found_version}" == "${UTRECHT_VERSION}" ]] ||
    die "${UTRECHT_PACKAGE}@${UTRECHT_VERSION} not found in the npm registry (got '${found_version}')"

workdir="$(mktemp -d)"
trap 'rm -rf "${workdir}"' EXIT

# 2. Fetch the tarball (no install, no scripts run).
(
    cd "${workdir}"
    npm pack --silent --ignore-scripts "${UTRECHT_PACKAGE}@${UTRECHT_VERSION}" >/dev/null
)
shopt -s nullglob
tarballs=("${workdir}"/*.tgz)
shopt -u nullglob
[[ ${#tarballs[@]} -eq 1 ]] || die "expected exactly one tarball from npm pack, found ${#tarballs[@]}"
tarball="${tarballs[0]}"

# 3. Check it against the pinned integrity hash.
actual_integrity="$(python3 - "${tarball}" <<'PY'
import base64, hashlib, sys
with open(sys.argv[1], "rb") as fh:
    digest = hashlib.sha512(fh.read()).digest()
print("sha512-" + base64.b64encode(digest).decode())
PY
)"
[[ "${actual_integrity}" == "${UTRECHT_INTEGRITY}" ]] ||
    die "integrity mismatch for ${tarball##*/}: expected ${UTRECHT_INTEGRITY}, got ${actual_integrity}"

# 4. Extract and sanity-check the bundle.
tar -xzf "${tarball}" -C "${workdir}"
pkg="${workdir}/package"
bundle="${pkg}/dist/index.css"
[[ -f "${bundle}" ]] || die "dist/index.css missing from tarball"
[[ -f "${pkg}/LICENSE.md" ]] || die "LICENSE.md missing from tarball"
[[ -f "${pkg}/package.json" ]] || die "package.json missing from tarball"

pkg_version="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "${pkg}/package.json")"
[[ "${pkg_version}" == "${UTRECHT_VERSION}" ]] || die "package.json says version ${pkg_version}"

for cls in utrecht-page utrecht-button utrecht-form-field utrecht-textbox utrecht-table utrecht-skip-link; do
    grep -q "\.${cls}\b" "${bundle}" || die "bundle lacks .${cls}"
done
# Samen makes no external requests: the bundle must not load anything remote.
if grep -Eq '@import|url\((["'\'']?)(https?:)?//' "${bundle}"; then
    die "bundle contains @import or a remote url(); refusing to vendor it"
fi

# 5. Replace the vendored copy.
rm -rf "${dest}"
mkdir -p "${dest}"
cp "${bundle}" "${dest}/index.css"
cp "${pkg}/LICENSE.md" "${dest}/LICENSE.md"
cp "${pkg}/package.json" "${dest}/package.json"
chmod 0644 "${dest}"/*

echo "vendored ${UTRECHT_PACKAGE}@${UTRECHT_VERSION} into ${dest#"${repo_root}"/}:"
(cd "${dest}" && ls -l)
