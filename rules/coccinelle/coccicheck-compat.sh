#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Stand-in for a kernel tree's scripts/coccicheck, for trees that lack it.
#
# Debian's linux-headers-* packages carry the top-level Makefile, whose
# "coccicheck" target runs "$(BASH) $(srctree)/scripts/coccicheck", but not
# scripts/coccicheck itself.  Pass this file as BASH= and the kernel's own
# make target still runs, with the environment it exports (srctree,
# KBUILD_EXTMOD from M=, LINUXINCLUDE, MODE, COCCI, J, SPFLAGS):
#
#   make -C /usr/src/linux-headers-$(uname -r) coccicheck MODE=report \
#        COCCI=$PWD/rules/coccinelle/ref/UT-REF-001.cocci M=$PWD/mymodule \
#        BASH=$PWD/rules/coccinelle/coccicheck-compat.sh
#
# When the script it is asked to run exists, it simply runs it.  Otherwise
# it builds the spatch command line scripts/coccicheck (Linux 6.1) builds
# for one COCCI file and M=: the rule's "// Options:" line, the kernel
# include paths, --dir of the module and --patch of the tree.  Differences:
# one rule only (COCCI= is required), MODE defaults to report, J defaults
# to 1 rather than every CPU, and no banner or version check.
set -u

if [ "$#" -ge 1 ] && [ -f "$1" ]; then
	exec /bin/bash "$@"
fi
echo "coccicheck-compat: ${1:-scripts/coccicheck} is not in this tree;" \
     "running the spatch command it would run" >&2

: "${COCCI:?coccicheck-compat: set COCCI=<rule>.cocci}"
: "${srctree:?coccicheck-compat: run me through make -C <kernel tree> coccicheck BASH=$0}"
SPATCH=${SPATCH:-spatch}
MODE=${MODE:-report}

flags="--very-quiet"
case "$MODE" in
report|org) flags="--no-show-diff $flags" ;;
patch|context) ;;
*) echo "coccicheck-compat: MODE=$MODE is not supported (report, org, context, patch)" >&2
   exit 2 ;;
esac

# spatch takes "-I dir" and "--include file", gcc also "-Idir" and "-include".
incs=${LINUXINCLUDE-}
incs=${incs//-I/-I }
incs=${incs// -include/ --include}

opt=$(grep "Option" "$COCCI" | cut -d':' -f2)
target=${KBUILD_EXTMOD:-$srctree}
patchdir=()
[ -n "${KBUILD_EXTMOD-}" ] && patchdir=(--patch "$srctree")

# shellcheck disable=SC2086  # word splitting of the option strings is intended
exec "$SPATCH" -D "$MODE" $flags --cocci-file "$COCCI" $opt \
	"${patchdir[@]}" --dir "$target" $incs --jobs "${J:-1}" ${SPFLAGS-}
