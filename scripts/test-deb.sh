#!/usr/bin/env bash
# Tests the .deb the way a store box uses it: checks its contents and metadata, installs it with
# dpkg, runs a real pipeline (CSV → aggregate_sales → SQLite) with the installed binary in a mount
# namespace where the Swift toolchain's folder is an empty tmpfs, checks --version, the man page,
# completions and units, then purges the package and checks that nothing is left behind.
# Needs root (dpkg -i, unshare -m); `make deb-test` builds the package first.
#
# usage: scripts/test-deb.sh [PACKAGE.deb]   (default: dist/retail-edge_<version>_<arch>.deb)
set -euo pipefail
cd "$(dirname "$0")/.."

swift_dir=${SWIFT_TOOLCHAIN_DIR:-/opt/swift}
if [[ $# -gt 0 ]]; then
    deb=$1
else
    read -r _ version _ < <(.build/release/retail-edge --version)
    deb=dist/retail-edge_${version}_$(dpkg --print-architecture).deb
fi
[[ -f "$deb" ]] || { echo "test-deb: no package $deb (make deb)" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "test-deb: must run as root (dpkg -i, unshare -m)" >&2; exit 1; }
# The test purges the package at the end: never on a box where someone installed it for real.
if dpkg-query -W -f='${Status}' retail-edge 2>/dev/null | grep -q installed && [[ -z "${RETAIL_EDGE_DEB_TEST_PURGE:-}" ]]; then
    echo "test-deb: retail-edge is installed here and the test would purge it; set RETAIL_EDGE_DEB_TEST_PURGE=1 to allow" >&2
    exit 1
fi

failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi; }

work=$(mktemp -d /tmp/retail-edge-deb.XXXXXX)
cleanup() {
    dpkg --purge retail-edge >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== $deb ($(du -h "$deb" | cut -f1))"

# --- The package's contents and metadata, before installing.
contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')
info=$(dpkg-deb -I "$deb")
for path in /usr/bin/retail-edge \
    /lib/systemd/system/retail-edge.service /lib/systemd/system/retail-edge@.service \
    /lib/systemd/system/retail-edge-run@.service /lib/systemd/system/retail-edge-run@.timer \
    /usr/lib/sysusers.d/retail-edge.conf /usr/lib/tmpfiles.d/retail-edge.conf \
    /etc/retail-edge/store.yaml /etc/retail-edge/catalog.yaml \
    /usr/share/retail-edge/models/sentiment-default.resm /usr/share/retail-edge/models/NOTICE \
    /usr/share/retail-edge/models/english-common-words.txt /usr/share/retail-edge/models/english-more-words.txt \
    /usr/share/man/man1/retail-edge.1.gz /usr/share/doc/retail-edge/copyright \
    /usr/share/bash-completion/completions/retail-edge /usr/share/zsh/vendor-completions/_retail-edge \
    /usr/share/fish/vendor_completions.d/retail-edge.fish; do
    check "package contains $path" grep -qx "$path" <<<"$contents"
done
conffiles=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)
for config in store retail postgres mysql kafka catalog; do
    check "conffile /etc/retail-edge/$config.yaml" grep -qx "/etc/retail-edge/$config.yaml" <<<"$conffiles"
done
depends=$(dpkg-deb -f "$deb" Depends)
echo "     Depends: $depends"
for library in libc6 libcurl4 libpq5 libmariadb3 librdkafka1 libsqlite3-0 libxgboost0; do
    check "Depends names $library" grep -Eq "(^|, )$library( |,|$)" <<<"$depends"
done
check "Depends names no Swift package" bash -c "! grep -qi swift <<<'$depends'"
check "package has postinst, prerm and postrm" bash -c "grep -q postinst <<<'$info' && grep -q prerm <<<'$info' && grep -q postrm <<<'$info'"

dpkg-deb -x "$deb" "$work/extracted"
dynamic=$(readelf -d "$work/extracted/usr/bin/retail-edge")
echo "     NEEDED: $(grep NEEDED <<<"$dynamic" | sed 's/.*\[\(.*\)\]/\1/' | tr '\n' ' ')"
check "no RUNPATH or RPATH" bash -c "! grep -Eq 'RUNPATH|RPATH' <<<'$dynamic'"
check "no Swift runtime or Foundation library needed" bash -c "! grep -Eq 'NEEDED.*lib(swift|Foundation|_Foundation|dispatch|BlocksRuntime)' <<<'$dynamic'"
check "no string pointing into $swift_dir" bash -c "! strings '$work/extracted/usr/bin/retail-edge' | grep -q '^$swift_dir/usr/lib'"

# --- Install as a store box would (the Debian archive supplies missing libraries).
dpkg --purge retail-edge >/dev/null 2>&1 || true
if ! dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then
    echo "     dpkg -i left dependencies to resolve; apt-get install -f" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq >>"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; exit 1; }
fi
check "installed" bash -c "dpkg-query -W -f='\${Status}' retail-edge | grep -q 'install ok installed'"
check "postinst created the retail-edge user" getent passwd retail-edge
check "postinst applied tmpfiles (/srv/retail-edge/drop)" test -d /srv/retail-edge/drop
check "postinst enabled nothing" bash -c "! find /etc/systemd/system -path '*.wants/retail-edge*' | grep -q ."
check "units list /usr/bin/retail-edge" grep -q '^ExecStart=/usr/bin/retail-edge run /etc/retail-edge/store.yaml' /lib/systemd/system/retail-edge.service
check "no unit names /usr/local" bash -c "! grep -rq /usr/local /lib/systemd/system/retail-edge*"

# --- A real pipeline, with the toolchain hidden: tmpfs over it in a private mount namespace.
mkdir -p "$work/run/drop"
cat > "$work/run/drop/2024-03.csv" <<'EOF'
ts,store_id,product_id,units,unit_price
2024-03-01T12:00:00Z,S1,P1,2,1.50
2024-03-01T12:30:00Z,S1,P1,3,1.50
2024-03-01T13:00:00Z,S2,P1,1,1.50
2024-03-02T12:00:00Z,S1,P2,4,2.25
2024-03-02T12:10:00Z,S1,P2,not-a-number,2.25
EOF
cat > "$work/run/store.yaml" <<EOF
data_dir: $work/run/state
sources:
  transactions:
    type: csv
    path: $work/run/drop
    columns: { ts: timestamp, store_id: string, product_id: string, units: int, unit_price: double }
transforms:
  daily_sales: { type: aggregate_sales, inputs: [transactions] }
sinks:
  warehouse: { type: sqlite, inputs: [daily_sales], path: $work/run/retail.db }
EOF
chown -R retail-edge:retail-edge "$work/run"
chmod 0755 "$work"
cat > "$work/hidden.sh" <<EOF
set -e
mount -t tmpfs -o size=1m,mode=0755 none '$swift_dir'
echo "toolchain folder now holds \$(ls -A '$swift_dir' | wc -l) entries"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
unset LD_LIBRARY_PATH
if ldd /usr/bin/retail-edge | grep -q 'not found'; then ldd /usr/bin/retail-edge; exit 1; fi
retail-edge --version
cd '$work/run'
runuser -u retail-edge -- env TZ=UTC retail-edge run --once --log-level warning '$work/run/store.yaml'
RETAIL_EDGE_DROP='$work/run/drop' STATE_DIRECTORY='$work/run/state' retail-edge validate --quiet /etc/retail-edge/store.yaml
printf '%s\n' '{"id":"1","text":"I love this store, great service"}' > '$work/in.jsonl'
retail-edge sentiment predict --input '$work/in.jsonl'
printf '%s\n' '{"id":"2","text":"the public loves Boots, bought it at Publix"}' > '$work/ner.jsonl'
printf '%s\n' 'stores: [{ id: publix, name: Publix }, { id: boots, name: Boots }]' > '$work/catalog.yaml'
echo "ner: \$(retail-edge ner --catalog '$work/catalog.yaml' --input '$work/ner.jsonl' | grep -o '"id":"[a-z0-9]*"' | tr '\n' ' ')"
# The pooled model loads libxgboost.so.0 at first use: Depends must have brought it.
( echo date,store_id,product_id,units; for day in \$(seq -w 1 28); do echo 2024-02-\$day,S1,P1,\$((10#\$day % 7 + 1)); echo 2024-02-\$day,S1,P2,3; done ) > '$work/daily.csv'
echo "pooled: \$(retail-edge forecast predict --model pooled --horizon 7 --input '$work/daily.csv' | grep -c '^S1,P')"
EOF
if output=$(unshare -m --propagation private bash "$work/hidden.sh" 2>&1); then
    pass "pipeline ran with $swift_dir hidden"
else
    fail "pipeline ran with $swift_dir hidden"
fi
sed 's/^/     | /' <<<"$output"
check "the toolchain folder was empty inside" grep -q 'toolchain folder now holds 0 entries' <<<"$output"
check "--version prints version and commit" grep -Eq '^retail-edge [0-9]+\.[0-9]+\.[0-9]+ \(([0-9a-f]{7,}|unknown)\)$' <<<"$output"
check "the shipped sentiment model loads from /usr/share" grep -q '"label":"positive"' <<<"$output"
check "the pooled model forecasts with the libxgboost that Depends installed" grep -qx 'pooled: 14' <<<"$output"
check "the shipped word lists load from /usr/share (Boots and Publix, not public)" grep -qx 'ner: "id":"2" "id":"boots" "id":"publix" ' <<<"$output"
totals=$(sqlite3 "$work/run/retail.db" "SELECT date, store_id, product_id, printf('%g', units), printf('%.2f', revenue), lines FROM fact_sales_daily ORDER BY 1, 2, 3" 2>&1 || true)
expected=$'2024-03-01|S1|P1|5|7.50|2\n2024-03-01|S2|P1|1|1.50|1\n2024-03-02|S1|P2|4|9.00|1'
if [[ "$totals" == "$expected" ]]; then pass "fact_sales_daily holds the expected daily totals"; else fail "fact_sales_daily: got"$'\n'"$totals"$'\n'"expected"$'\n'"$expected"; fi
check "the malformed row was dead-lettered" bash -c "cat '$work'/run/state/dead_letter/*.jsonl | grep -q not-a-number"

# --- Man page, completions, units.
man_text=$(MANWIDTH=100 man -l "$work/extracted/usr/share/man/man1/retail-edge.1.gz" 2>&1 || true)
check "man -l renders retail-edge(1)" grep -q 'retail-edge run' <<<"$man_text"
check "man page names every command" bash -c "for c in run validate plugins graph tap top demo-data schema forecast ner sentiment; do grep -q \"retail-edge \$c\" <<<\"\$0\" || exit 1; done" "$man_text"
if grep -qs 'path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
    echo "     (dpkg here excludes /usr/share/man: man retail-edge not checked)"
else
    check "man retail-edge finds it" bash -c "MANWIDTH=100 man retail-edge 2>/dev/null | grep -q 'EXIT STATUS'"
fi
check "bash completion loads" bash -c "source /usr/share/bash-completion/completions/retail-edge && complete -p retail-edge"
if command -v systemd-analyze >/dev/null; then
    verify=$(cd /lib/systemd/system && systemd-analyze verify retail-edge.service retail-edge@store.service retail-edge-run@store.service retail-edge-run@store.timer 2>&1 || true)
    if [[ -z "$verify" ]]; then pass "systemd-analyze verify of the installed units"; else fail "systemd-analyze verify: $verify"; fi
fi

# --- Installing again (as an upgrade does) keeps an edited conffile and the user.
echo '# edited on the box' >> /etc/retail-edge/store.yaml
if dpkg -i "$deb" >"$work/reinstall.log" 2>&1; then pass "dpkg -i over the installed package"; else cat "$work/reinstall.log" >&2; fail "dpkg -i over the installed package"; fi
check "an edited conffile survives" grep -q '^# edited on the box' /etc/retail-edge/store.yaml

# --- Purge: nothing of ours left, and nothing broken.
dpkg --purge retail-edge >"$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; fail "dpkg --purge"; }
check "purged" bash -c "! dpkg-query -W -f='\${Status}' retail-edge 2>/dev/null | grep -q installed"
for path in /usr/bin/retail-edge /etc/retail-edge /lib/systemd/system/retail-edge.service /var/lib/retail-edge /usr/share/retail-edge; do
    check "purge removed $path" test ! -e "$path"
done

if ((failures)); then echo "test-deb: $failures check(s) failed" >&2; exit 1; fi
echo "test-deb: all checks passed"
