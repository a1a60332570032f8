#!/usr/bin/env bash
# Builds dist/retail-edge_<version>_<arch>.deb from a release binary, offline, with dpkg-deb:
# `make install-files` stages the binary, units, sysusers/tmpfiles snippets, example configs,
# sentiment model, man page and completions under /usr, /lib/systemd/system and /etc; this script
# adds the copyright file, the maintainer scripts, conffiles, md5sums and a control file whose
# Depends dpkg-shlibdeps computes from the libraries the binary links.
#
# usage: scripts/build-deb.sh [BINARY] [OUTDIR]   (defaults: .build/release/retail-edge dist)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/retail-edge}
outdir=${2:-dist}
make=${MAKE:-make}

# retail-edge 0.1.0 (abc123def456)
read -r _ version commit < <("$binary" --version)
commit=${commit//[()]/}
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || { echo "build-deb: cannot read the version from $binary --version" >&2; exit 1; }
arch=$(dpkg --print-architecture)
work=.build/deb
stage=$work/root
rm -rf "$work"
mkdir -p "$stage/DEBIAN" "$outdir"

# The files, exactly as `make install` lays them out, with Debian's paths.
umask 022
"$make" --no-print-directory install-files BIN="$binary" DESTDIR="$stage" PREFIX=/usr UNITDIR=/lib/systemd/system >/dev/null

# A store box runs the binary, it does not debug it (as dh_strip does).
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/retail-edge"

# Nothing of the toolchain may remain: no RUNPATH into it, no Swift shared library.
dynamic=$(readelf -d "$stage/usr/bin/retail-edge")
if grep -Eq 'RUNPATH|RPATH' <<<"$dynamic" || grep -Eq 'NEEDED.*\[lib(swift|Foundation|dispatch|BlocksRuntime|_Foundation)' <<<"$dynamic"; then
    echo "build-deb: the binary still depends on the Swift toolchain:" >&2
    grep -E 'RUNPATH|RPATH|NEEDED' <<<"$dynamic" >&2
    exit 1
fi

# Depends: the Debian packages of the shared libraries it links, with the versions whose symbols
# it uses (dpkg-shlibdeps reads the installed libraries' shlibs and symbols files).
shlibs_dir=$work/shlibs
mkdir -p "$shlibs_dir/debian"
printf 'Source: retail-edge\n\nPackage: retail-edge\nArchitecture: any\n' > "$shlibs_dir/debian/control"
root=$(pwd)
shlibs=$(cd "$shlibs_dir" && dpkg-shlibdeps -O --warnings=1 -e "$root/$stage/usr/bin/retail-edge" 2>/dev/null)
shlibs=${shlibs#shlibs:Depends=}
[[ -n "$shlibs" ]] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# libxgboost is loaded at first use (dlopen, see plugins/forecast/CXGBoost/shim.h), so
# dpkg-shlibdeps cannot see it; the pooled model, on by default in `auto`, needs it.
shlibs="$shlibs, libxgboost0"

# /usr/share/doc/retail-edge/copyright: ours, then each Swift package linked into the binary (the
# packages whose modules are in the link's object list), with its licence and NOTICE.
doc=$stage/usr/share/doc/retail-edge
install -d "$doc"
link_list=$binary.product/Objects.LinkFileList
linked_packages() {
    local module directory
    if [[ ! -f "$link_list" ]]; then ls .build/checkouts; return; fi
    sed -n 's|.*/\([^/]*\)\.build/[^/]*$|\1|p' "$link_list" | sort -u | while read -r module; do
        for directory in .build/checkouts/*/Sources/"$module"; do
            [[ -d "$directory" ]] && basename "$(dirname "$(dirname "$directory")")"
        done
    done | sort -u
}
indent() { sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /' "$@"; }
{
    cat packaging/deb/copyright.in
    for name in $(linked_packages); do
        checkout=.build/checkouts/$name
        license=$(find "$checkout" -maxdepth 1 -iname 'LICENSE*' -type f | sort | head -n 1)
        notice=$(find "$checkout" -maxdepth 1 -iname 'NOTICE*' -type f | sort | head -n 1)
        printf '\nFiles: usr/bin/retail-edge\nComment: the Swift package %s, linked in statically\nCopyright: the %s authors\n' "$name" "$name"
        if [[ -n "$license" ]] && grep -q 'Apache License' "$license"; then
            printf 'License: Apache-2.0\n On Debian systems the Apache License 2.0 is in /usr/share/common-licenses/Apache-2.0.\n'
            [[ -n "$notice" ]] && { printf ' .\n Its NOTICE:\n .\n'; indent "$notice"; }
        elif [[ -n "$license" ]]; then
            printf 'License: %s\n' "$(grep -q 'Permission is hereby granted' "$license" && echo MIT || echo other)"
            indent "$license"
        else
            printf 'License: unknown\n No licence file found in the package.\n'
        fi
    done
} > "$doc/copyright"
install -m 0644 README.md "$doc/README.md"

# Maintainer scripts, conffiles (every file in /etc), checksums, control.
install -m 0755 packaging/deb/postinst packaging/deb/prerm packaging/deb/postrm "$stage/DEBIAN/"
(cd "$stage" && find etc -type f | sort | sed 's|^|/|') > "$stage/DEBIAN/conffiles"
(cd "$stage" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@SHLIBS@/$shlibs/" -e "s/@COMMIT@/$commit/" \
    packaging/deb/control.in > "$stage/DEBIAN/control"

find "$stage" -type d -exec chmod 0755 {} +
deb=$outdir/retail-edge_${version}_${arch}.deb
# Reproducible timestamps: the commit's time when known.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "$deb"
