#!/usr/bin/env bash
# Checks the utrace-using files of Debian's SystemTap runtime
# (/usr/share/systemtap/runtime) with real kernel headers and the
# configuration a real `stap` build has. The recipe: docs/real-headers.md.
#
# usage: scripts/check-systemtap-runtime.sh [-t TOOL] [--kdir DIR]
#          [--runtime DIR] [--cache DIR] [--print-flags] [--no-install] [--list]
#
#   -t TOOL        utrace-check (env TOOL; build/bin/utrace-check)
#   --kdir DIR     kernel headers (the newest /usr/src/linux-headers-*-amd64)
#   --runtime DIR  SystemTap's runtime (/usr/share/systemtap/runtime)
#   --cache DIR    where the stap configuration is kept between runs
#                  ($XDG_CACHE_HOME/utrace-check or ~/.cache/utrace-check)
#   --print-flags  print the flags (one a line) to give the tool after
#                  --kdir for a runtime file, and exit
#   --no-install   do not try apt-get
#   --list         print every finding (otherwise: counts per rule)
#
# Per file it prints the tool's coverage (-v) and findings. Exit status: 0 when
# no file crashed the tool, 1 when one did, 2 when the set-up failed
# (packages missing, stap's configuration step failed).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tool=${TOOL:-$root/build/bin/utrace-check}
runtime=/usr/share/systemtap/runtime
kdir=
cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/utrace-check
print_flags=0
install=1
list=0
die() { echo "check-systemtap-runtime: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	-t) tool=$2; shift 2 ;;
	--kdir) kdir=$2; shift 2 ;;
	--runtime) runtime=$2; shift 2 ;;
	--cache) cache=$2; shift 2 ;;
	--print-flags) print_flags=1; shift ;;
	--no-install) install=0; shift ;;
	--list) list=1; shift ;;
	-h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown option '$1' (see --help)" ;;
	esac
done

# 1. Packages: systemtap (stap and its runtime), Debian's kernel headers.
newest_kdir() { ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -1; }
[ -n "$kdir" ] || kdir=$(newest_kdir)
need=()
command -v stap >/dev/null && [ -d "$runtime" ] || need+=(systemtap)
[ -n "$kdir" ] && [ -f "$kdir/Makefile" ] || need+=(linux-headers-amd64)
if [ ${#need[@]} -gt 0 ]; then
	line="apt-get install -y --no-install-recommends ${need[*]}"
	if [ $install -eq 0 ] || [ "$(id -u)" -ne 0 ]; then
		echo "check-systemtap-runtime: missing ${need[*]}; run as root: apt-get update && $line" >&2
		exit 2
	fi
	echo "check-systemtap-runtime: installing ${need[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
	[ -n "$kdir" ] && [ -f "$kdir/Makefile" ] || kdir=$(newest_kdir)
fi
[ -f "$kdir/Makefile" ] || die "--kdir $kdir: not a kernel headers directory"
[ -d "$runtime" ] || die "no SystemTap runtime at $runtime"
kdir=$(cd "$kdir" && pwd)
runtime=$(cd "$runtime" && pwd)

# 2. The configuration of a real stap build, generated once per kernel and
# stap version: stap's pass 4 runs its autoconf probes against the headers
# (offline) and writes stapconf_*.h; -k keeps the directory. Pass 4 may then
# fail to compile the module itself (it does on Debian 12's 6.1 headers with
# stap 4.8: a -Werror on task_work_cancel); the configuration is complete by
# then, so only a missing stapconf header is an error.
stapver=$(stap -V 2>&1 | sed -n '1s/.*(version \([^/ ,)]*\).*/\1/p')
conf="$cache/stap-$stapver-$(basename "$kdir")"
if [ ! -s "$conf/stapconf.h" ] || [ ! -s "$conf/prelude.h" ] || [ ! -s "$conf/stap_common.h" ] ||
	[ "$0" -nt "$conf/prelude.h" ]; then
	mkdir -p "$conf"
	log="$conf/stap-p4.log"
	( cd "$conf" && stap -p4 -k -r "$kdir" \
		-e 'probe process("/bin/true").begin { printf("%d\n", pid()) }' ) >"$log" 2>&1 || true
	tmp=$(sed -n 's/^Keeping temporary directory "\(.*\)"$/\1/p' "$log" | tail -1)
	[ -n "$tmp" ] && [ -d "$tmp" ] || die "stap -p4 kept no directory (see $log)"
	trap 'rm -rf "$tmp"' EXIT
	hdr='' src=''
	for h in "$tmp"/stapconf_*.h; do
		case $h in */stapconf_export.h) ;; *) [ -n "$hdr" ] || hdr=$h ;; esac
	done
	for c in "$tmp"/stap_*_src.c; do [ -n "$src" ] || src=$c; done
	[ -s "$hdr" ] && [ -s "$src" ] || die "stap -p4 generated no stapconf header or module source (see $log)"
	cp "$hdr" "$conf/stapconf.h"
	# headers the module source includes from its own directory
	for h in "$tmp"/*.h; do
		case ${h##*/} in stapconf_*|autoconf-*) ;; *) cp "$h" "$conf/" ;; esac
	done
	# The prelude: what a runtime file sees before it in a real build. The
	# generated module source up to its #include "runtime.h", then
	# linux/runtime.h up to the point where it includes the task finder
	# (task_finder.c -> task_finder2.c -> stp_utrace.c), with the #if's
	# it opened closed again, then HAVE_TASK_FINDER as runtime.h defines it.
	python3 - "$src" "$runtime" "$conf/prelude.h" <<-'EOF'
	import os, re, sys
	src, rt, out = sys.argv[1:]
	def upto(path, stop):
	    lines = []
	    for l in open(path, errors="replace"):
	        if re.match(stop, l):
	            return lines
	        lines.append(l)
	    sys.exit("check-systemtap-runtime: %s: no line matching %s" % (path, stop))
	def close_ifs(lines):
	    depth = 0
	    for l in lines:
	        if re.match(r"\s*#\s*if", l):
	            depth += 1
	        elif re.match(r"\s*#\s*endif", l):
	            depth -= 1
	    return ["#endif /* closed by check-systemtap-runtime.sh */\n"] * depth
	gen = upto(src, r'\s*#\s*include\s+"runtime\.h"')
	top = upto(rt + "/runtime.h", r'\s*#\s*include\s+"linux/runtime\.h"')
	lin = upto(rt + "/linux/runtime.h",
	           r"\s*#\s*if\s*\(defined\(CONFIG_UTRACE\)")
	# A quoted #include resolves first in the including file's folder (and
	# clang also tries the main file's, which would pick runtime/linux's
	# twins of runtime/ headers): every one is written as the absolute path
	# it resolves to in the real build.
	def absolute(lines, *dirs):
	    def one(m):
	        for d in dirs:
	            p = os.path.normpath(os.path.join(d, m.group(2)))
	            if os.path.exists(p):
	                return m.group(1) + p + '"'
	        return m.group(0)
	    return "".join(re.sub(r'^(\s*#\s*include\s+")([^"]+)"', one, l) for l in lines)
	with open(out, "w") as f:
	    f.write("/* generated by scripts/check-systemtap-runtime.sh from %s "
	            "and the runtime in %s: the context a runtime file has in a "
	            "real stap build */\n" % (src.rsplit("/", 1)[-1], rt))
	    f.write(absolute(gen, os.path.dirname(out), rt))
	    f.write("#line 1 \"%s/runtime.h\"\n" % rt)
	    f.write(absolute(top, rt))
	    f.write("#line 1 \"%s/linux/runtime.h\"\n" % rt)
	    f.write(absolute(lin, rt + "/linux", rt))
	    f.write("".join(close_ifs(lin)) + "".join(close_ifs(top)))
	    f.write("#define HAVE_TASK_FINDER\n")
	EOF
	rm -rf "$tmp"
	trap - EXIT
fi
# -Wno-error=int-conversion: stap 4.8's stp_task_work.c assigns the result of
# task_work_cancel(), a bool since the 6.1.y stable update, to a pointer; the
# real build stops there too (it is the -Werror pass 4 reports). Demoted, so
# that the rest of the file is checked.
flags=(-include "$conf/stapconf.h" -include "$conf/prelude.h"
       -I "$runtime" -Wno-error=int-conversion)
if [ $print_flags -eq 1 ]; then
	printf '%s\n' "${flags[@]}"
	exit 0
fi

# 3. Every runtime file whose function bodies call the utrace API.
[ -x "$tool" ] || die "the tool $tool is not there (build it, or -t TOOL)"
mapfile -t files < <(python3 - "$runtime" "$root" <<-'EOF'
	import os, sys
	sys.path.insert(0, os.path.join(sys.argv[2], "bench"))
	import real_code
	print("\n".join(real_code.stap_files(sys.argv[1])))
	EOF
)
[ ${#files[@]} -gt 0 ] || die "no file of $runtime calls the utrace API"
extra=()
for f in "${flags[@]}"; do extra+=("--extra-arg=$f"); done
crashes=0
printf 'kernel headers: %s\nstap %s configuration: %s\n' "$kdir" "$stapver" "$conf"
for f in "${files[@]}"; do
	out=$("$tool" -v --kdir "$kdir" "${extra[@]}" "$f" 2>&1) && rc=0 || rc=$?
	rel=${f#"$runtime"/}
	if [ "$rc" -gt 2 ] || grep -q "internal error\|Stack dump:" <<<"$out"; then
		crashes=$((crashes + 1))
		echo "$rel: CRASH (exit $rc)"
		grep -m3 "internal error\|Stack dump:\|error:" <<<"$out" | sed 's/^/    /' || true
		continue
	fi
	if grep -q "'linux/utrace.h' file not found" <<<"$out"; then
		echo "$rel: not built by stap for this kernel (needs a utrace-patched kernel's <linux/utrace.h>)"
		continue
	fi
	status=$(grep -E "^utrace-check: (error: )?$f: (analysed|skipped|not analysed)" <<<"$out" |
		sed "s|^utrace-check: \(error: \)\{0,1\}$f: ||" | head -1)
	nfind=$(grep -cE '^[^ ]+:[0-9]+:[0-9]+: warning: .*\[UT-[A-Z]+-[0-9]+\]$' <<<"$out" || true)
	echo "$rel: ${status:-no status line (exit $rc)}; $nfind finding(s)"
	grep "function '.*' not analysed" <<<"$out" | sed 's/^utrace-check: /    /' || true
	# findings per rule; every finding with --list
	grep -oE '^[^ ]+:[0-9]+:[0-9]+: warning: .*\[UT-[A-Z]+-[0-9]+\]$' <<<"$out" |
		sed 's/.*\[\(UT-[A-Z]*-[0-9]*\)\]$/\1/' | sort | uniq -c |
		awk '{printf "    %s: %d\n", $2, $1}' || true
	[ $list -eq 0 ] || grep -E '^[^ ]+:[0-9]+:[0-9]+: warning: .*\[UT-[A-Z]+-[0-9]+\]$' <<<"$out" | sed 's/^/    /' || true
done
echo "crashes: $crashes"
[ $crashes -eq 0 ]
