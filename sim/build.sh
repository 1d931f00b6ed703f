#!/usr/bin/env bash
# sim/build.sh: builds the simulated card from the RTL of hw/ for one set of parameters:
# the card process (xb-card) and the in-process library (libxbcard.so). Rebuilds only when the
# RTL, the harness or the parameters changed. Prints the output directory on stdout.
#
#   sim/build.sh [--instruments N] [--levels N] [--slots N] [--accounts N] [--out DIR]
#                [--files FILE] [--force] [--quiet]
#
# Defaults are the card's: 16 instruments, 4096 levels per side, 65536 order slots, 4096
# accounts; output under sim/build/i<N>-l<N>-s<N>-a<N>/. --files names another file list than
# hw/rtl/files.f (its top module must still be xb_card with the same ports).
# Exit codes: 0 built or up to date, 2 bad usage, 3 a tool is missing, 4 no RTL, 5 build failed.
set -euo pipefail
sim="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$sim")"

instruments=16 levels=4096 slots=65536 accounts=4096
files="$root/hw/rtl/files.f" out="" force=0 quiet=0

usage() {
    sed -n '5,7p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2
    exit 2
}
say() { [ "$quiet" = 1 ] || echo "sim/build.sh: $*" >&2; }

while [ $# -gt 0 ]; do
    arg="$1" value=""
    case "$arg" in
        --*=*) value="${arg#*=}" arg="${arg%%=*}" ;;
        --instruments|--levels|--slots|--accounts|--out|--files)
            [ $# -ge 2 ] || usage
            value="$2"; shift ;;
    esac
    case "$arg" in
        --instruments) instruments="$value" ;;
        --levels) levels="$value" ;;
        --slots) slots="$value" ;;
        --accounts) accounts="$value" ;;
        --out) out="$value" ;;
        --files) files="$value" ;;
        --force) force=1 ;;
        --quiet) quiet=1 ;;
        -h|--help) usage ;;
        *) echo "sim/build.sh: unknown option '$1'" >&2; usage ;;
    esac
    shift
done
for n in "$instruments" "$levels" "$slots" "$accounts"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "sim/build.sh: not a positive number: '$n'" >&2; exit 2; }
done
if [ $((levels & (levels - 1))) -ne 0 ]; then
    echo "sim/build.sh: --levels must be a power of two: $levels" >&2
    exit 2
fi
tag="i${instruments}-l${levels}-s${slots}-a${accounts}"
out="${out:-$sim/build/$tag}"

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v verilator >/dev/null 2>&1 || missing+=(verilator)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
# The compiler of the model and the harness: clang++ when installed (the model runs 15-27%
# faster built with clang 14 than with gcc 12: sim/README.md), else g++; CXX overrides.
cxx="${CXX:-}"
if [ -z "$cxx" ]; then
    if command -v clang++ >/dev/null 2>&1; then cxx=clang++; else cxx=g++; fi
fi
if [ "$cxx" != g++ ] && ! command -v "$cxx" >/dev/null 2>&1; then
    case "$cxx" in
        clang++) missing+=(clang) ;;
        *) echo "sim/build.sh: CXX names a compiler that is not installed: '$cxx'" >&2; exit 3 ;;
    esac
fi
if [ ${#missing[@]} -gt 0 ]; then
    cat >&2 <<MSG
sim/build.sh: cannot build the simulated card: missing ${missing[*]}.
Install with:   apt-get install -y ${missing[*]}
(Debian 12 has Verilator 5.006; sim/ensure-tools.sh installs everything when run as root.)
MSG
    exit 3
fi
if ! verilator --version | grep -q '^Verilator 5\.'; then
    say "warning: $(verilator --version) found; the harness is tested with Verilator 5.006"
fi

# --- what the build depends on ----------------------------------------------------------------
if [ ! -f "$files" ]; then
    echo "sim/build.sh: no RTL file list at $files (hw/rtl/files.f names the card's sources)" >&2
    exit 4
fi
files="$(cd "$(dirname "$files")" && pwd)/$(basename "$files")"
rtl_dir="$(dirname "$files")"

# Paths in the list are relative to the list's directory (verilator -F) when the first source
# exists there, else to the repository root (verilator -f, run from the root).
first_source="$(sed -e 's://.*$::' -e 's/#.*$//' "$files" | tr -s ' \t' '\n' | grep -v '^[-+]' | grep -v '^$' | head -n 1 || true)"
if [ -n "$first_source" ] && { [[ "$first_source" = /* ]] || [ -e "$rtl_dir/$first_source" ]; }; then
    list_args=(-F "$files") base_dir="$rtl_dir"
else
    list_args=(-f "$files") base_dir="$root"
fi

rtl_inputs() {
    find "$rtl_dir" -type f ! -name '*~' | sort
    # files named in the list that live elsewhere
    sed -e 's://.*$::' -e 's/#.*$//' "$files" | tr -s ' \t' '\n' | while read -r token; do
        case "$token" in
            +incdir+*) dir="${token#+incdir+}"; [[ "$dir" = /* ]] || dir="$base_dir/$dir"
                       [ -d "$dir" ] && find "$dir" -maxdepth 1 -type f | sort ;;
            -*|+*|"") ;;
            *) path="$token"; [[ "$path" = /* ]] || path="$base_dir/$path"
               [ -f "$path" ] && echo "$path" ;;
        esac
    done | sort -u | grep -v "^$rtl_dir/" || true
}
hash_files() {
    while read -r f; do
        printf '%s\n' "${f#"$root"/}"
        sha256sum < "$f"
    done
}
build_id="$( { echo "xb_card $instruments $levels $slots $accounts"; rtl_inputs | hash_files; } | sha256sum | cut -c1-16)"
stamp="$( { echo "$build_id"; verilator --version; "$cxx" --version | head -n 1
            { find "$sim/src" -type f | sort; echo "$sim/Makefile"; echo "$sim/build.sh"; } | hash_files; } | sha256sum | cut -c1-64)"

up_to_date() {
    [ "$force" = 0 ] && [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ] &&
        [ -x "$out/xb-card" ] && [ -f "$out/libxbcard.so" ]
}
if up_to_date; then
    say "up to date: $out (build id 0x$build_id)"
    echo "$out"
    exit 0
fi

mkdir -p "$out"
exec 9>"$out/.lock"
flock 9
if up_to_date; then  # built by someone else while we waited for the lock
    echo "$out"
    exit 0
fi
rm -f "$out/stamp"
# Everything compiled is rebuilt: the Makefile's objects depend on their sources, not on the
# compiler or its flags, which the stamp covers.
rm -rf "$out/obj"

# The top's BuildId parameter (when it has one) carries the same hash into the BUILD_ID register.
build_id_param=()
if grep -qs 'parameter[^;]*BuildId' $(rtl_inputs); then
    build_id_param=(-GBuildId="64'h$build_id")
fi

say "building $tag into $out with $cxx (verilator, then the harness; a minute or more for the full-size card)"
start=$(date +%s)
log="$out/build.log"
cd "$root"
if ! verilator --cc --build -j 2 -O3 --assert --x-assign fast --x-initial fast --trace-fst \
        -CFLAGS -fPIC -MAKEFLAGS "CXX=$cxx OPT_FAST=-O3 OPT_GLOBAL=-O3" \
        --top-module xb_card --Mdir "$out/verilated" \
        -GInstruments="$instruments" -GLevelsPerSide="$levels" -GOrderSlots="$slots" -GAccounts="$accounts" \
        "${build_id_param[@]}" \
        "${list_args[@]}" >"$log" 2>&1; then
    echo "sim/build.sh: verilator failed on $files; the end of $log:" >&2
    tail -n 40 "$log" >&2
    exit 5
fi
if ! make -f "$sim/Makefile" -j 2 CXX="$cxx" OUT="$out" MDIR="$out/verilated" BUILD_ID="0x$build_id" \
        PARAMS="$instruments $levels $slots $accounts" >>"$log" 2>&1; then
    echo "sim/build.sh: compiling the harness failed; the end of $log:" >&2
    tail -n 40 "$log" >&2
    exit 5
fi
echo "0x$build_id" >"$out/build-id"
echo "$stamp" >"$out/stamp"
say "built $out in $(( $(date +%s) - start )) s (build id 0x$build_id)"
echo "$out"
