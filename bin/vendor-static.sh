#!/usr/bin/env bash
# Vendor the front-end files of Portal SAKIP from the npm registry into
# static/vendor/ (no CDN at run time: government intranets are often offline).
#
# Usage:  bin/vendor-static.sh            # the versions pinned below
#         BOOTSTRAP_VERSION=5.3.10 bin/vendor-static.sh   # an upgrade
#
# Needs: npm (only `npm pack`, nothing is installed), tar, sha256sum.
# Leaves no node_modules or package.json behind: everything happens in a
# temporary directory and only the files listed below are copied.
# It rewrites static/vendor/ (except files it does not own) and
# static/vendor/VERSIONS.md; review `git diff --stat static/vendor` afterwards.
set -euo pipefail

BOOTSTRAP_VERSION="${BOOTSTRAP_VERSION:-5.3.9}"
BOOTSTRAP_ICONS_VERSION="${BOOTSTRAP_ICONS_VERSION:-1.13.2}"
HTMX_VERSION="${HTMX_VERSION:-2.0.11}"
CHARTJS_VERSION="${CHARTJS_VERSION:-4.6.1}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/static/vendor"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# fetch NAME VERSION -> prints the directory holding the unpacked package/
fetch() {
    local name="$1" version="$2" dir="$TMP/$1-$2"
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$name@$version" >/dev/null)
    tar -xzf "$dir"/*.tgz -C "$dir"
    test -f "$dir/package/package.json"
    echo "$dir/package"
}

# put SRC DEST: copy one file, creating its directory
put() {
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2"
}

# The .map files are not vendored. Django's ManifestStaticFilesStorage (used
# through whitenoise's CompressedManifestStaticFilesStorage when DEBUG is off)
# follows sourceMappingURL comments and makes collectstatic fail when the map
# is missing, so the comment is removed from each minified file we take.
strip_sourcemap() {
    sed -i -E '/^[[:space:]]*\/[\/*]# sourceMappingURL=[^ ]*( \*\/)?[[:space:]]*$/d' "$1"
    if grep -q 'sourceMappingURL=' "$1"; then
        echo "sourceMappingURL still present in $1" >&2
        exit 1
    fi
}

echo "npm pack bootstrap@$BOOTSTRAP_VERSION bootstrap-icons@$BOOTSTRAP_ICONS_VERSION" \
     "htmx.org@$HTMX_VERSION chart.js@$CHARTJS_VERSION"
BS="$(fetch bootstrap "$BOOTSTRAP_VERSION")"
BI="$(fetch bootstrap-icons "$BOOTSTRAP_ICONS_VERSION")"
HX="$(fetch htmx.org "$HTMX_VERSION")"
CJ="$(fetch chart.js "$CHARTJS_VERSION")"

rm -rf "$VENDOR/bootstrap" "$VENDOR/bootstrap-icons" "$VENDOR/htmx" "$VENDOR/chartjs"

# Bootstrap
put "$BS/dist/css/bootstrap.min.css"       "$VENDOR/bootstrap/css/bootstrap.min.css"
put "$BS/dist/js/bootstrap.bundle.min.js"  "$VENDOR/bootstrap/js/bootstrap.bundle.min.js"
put "$BS/LICENSE"                          "$VENDOR/bootstrap/LICENSE"
strip_sourcemap "$VENDOR/bootstrap/css/bootstrap.min.css"
strip_sourcemap "$VENDOR/bootstrap/js/bootstrap.bundle.min.js"

# Bootstrap Icons: the CSS loads url("fonts/bootstrap-icons.woff2?...")
# relative to itself, so font/ and font/fonts/ keep the package's layout.
put "$BI/font/bootstrap-icons.min.css"     "$VENDOR/bootstrap-icons/font/bootstrap-icons.min.css"
put "$BI/font/fonts/bootstrap-icons.woff2" "$VENDOR/bootstrap-icons/font/fonts/bootstrap-icons.woff2"
put "$BI/font/fonts/bootstrap-icons.woff"  "$VENDOR/bootstrap-icons/font/fonts/bootstrap-icons.woff"
put "$BI/LICENSE"                          "$VENDOR/bootstrap-icons/LICENSE"
strip_sourcemap "$VENDOR/bootstrap-icons/font/bootstrap-icons.min.css"

# htmx
put "$HX/dist/htmx.min.js"                 "$VENDOR/htmx/htmx.min.js"
put "$HX/LICENSE"                          "$VENDOR/htmx/LICENSE"
strip_sourcemap "$VENDOR/htmx/htmx.min.js"

# Chart.js (UMD build: defines window.Chart, no bundler needed)
put "$CJ/dist/chart.umd.min.js"            "$VENDOR/chartjs/chart.umd.min.js"
put "$CJ/LICENSE.md"                       "$VENDOR/chartjs/LICENSE.md"
strip_sourcemap "$VENDOR/chartjs/chart.umd.min.js"

licence() { node -p "require('$1/package.json').license"; }

# VERSIONS.md: what was taken, from which package, with checksums.
{
    echo "# Vendored front-end files"
    echo
    echo "Taken from the npm registry with \`npm pack\` by \`bin/vendor-static.sh\`"
    echo "(run it again, with the version variables it documents, to upgrade)."
    echo "No CDN is used at run time: government intranets are often offline."
    echo
    echo "The \`.map\` source maps are not vendored; the \`sourceMappingURL\`"
    echo "comment is removed from each minified file so that Django's manifest"
    echo "static storage (collectstatic with DEBUG off) does not look for them."
    echo "Nothing else in the files is changed."
    echo
    echo "| package | version | licence | files (under static/vendor/) |"
    echo "|---|---|---|---|"
    echo "| bootstrap | $BOOTSTRAP_VERSION | $(licence "$BS") | bootstrap/css/bootstrap.min.css ← dist/css/bootstrap.min.css; bootstrap/js/bootstrap.bundle.min.js ← dist/js/bootstrap.bundle.min.js (includes Popper); bootstrap/LICENSE |"
    echo "| bootstrap-icons | $BOOTSTRAP_ICONS_VERSION | $(licence "$BI") | bootstrap-icons/font/bootstrap-icons.min.css, bootstrap-icons/font/fonts/bootstrap-icons.woff2, bootstrap-icons/font/fonts/bootstrap-icons.woff ← font/ (same relative layout); bootstrap-icons/LICENSE |"
    echo "| htmx.org | $HTMX_VERSION | $(licence "$HX") | htmx/htmx.min.js ← dist/htmx.min.js; htmx/LICENSE |"
    echo "| chart.js | $CHARTJS_VERSION | $(licence "$CJ") | chartjs/chart.umd.min.js ← dist/chart.umd.min.js; chartjs/LICENSE.md |"
    echo
    echo "## SHA-256 of the vendored files"
    echo
    echo '```'
    (cd "$VENDOR" && find bootstrap bootstrap-icons htmx chartjs -type f | LC_ALL=C sort | xargs sha256sum)
    echo '```'
} > "$VENDOR/VERSIONS.md"

echo "done:"
(cd "$VENDOR" && find . -type f | LC_ALL=C sort | xargs ls -l | awk '{print $5, $9}')
