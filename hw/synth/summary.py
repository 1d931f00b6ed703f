#!/usr/bin/env python3
"""Summarise one synthesis run of hw/synth/synth.sh.

usage: summary.py MODE BUILD_DIR STATUS SECONDS LIMIT SYNTH_COMMAND -chparam NAME VALUE ...

Reads BUILD_DIR/MODE.log and the MODE-stat/ltp/mem reports, writes BUILD_DIR/MODE-summary.md
and replaces the MODE section of results.md (the other section is left as it is).
"""
import datetime
import os
import re
import sys

KINDS = {
    "$__XILINX_URAM_": "URAM288",
    "$__XILINX_BLOCKRAM_TDP_": "block RAM",
    "$__XILINX_BLOCKRAM_SDP_": "block RAM",
    "$__XILINX_LUTRAM_SP_": "distributed RAM (LUTRAM)",
    "$__XILINX_LUTRAM_DP_": "distributed RAM (LUTRAM)",
    "$__XILINX_LUTRAM_QP_": "distributed RAM (LUTRAM)",
    "$__XILINX_LUTRAM_SDP_": "distributed RAM (LUTRAM)",
}

HEADER = """# Synthesis results

Yosys on the card RTL (`hw/rtl/files.f`, top `xb_card`) for Xilinx UltraScale+, produced by
`hw/synth/synth.sh` (default parameters) and `hw/synth/synth.sh --small`. Each section below is
rewritten by the run of its mode; notes on reading the figures are at the end.

<!-- begin default -->
<!-- end default -->

<!-- begin small -->
<!-- end small -->

## Reading the figures

- **Options.** The issue's command is `synth_xilinx -family xcup`; the script adds `-flatten`
  (ltp follows paths inside one module only), `-uram` (without it yosys 0.23 does not consider
  URAM288 and puts all of the default-parameter memories, about 69 Mbit, in block RAM) and
  `-noiopad` (the card's streams and register window connect to the host interface inside the
  FPGA, so no IBUF/OBUF on its 1,100-odd port bits).
- **Longest path.** `ltp -noff` only recognises yosys' internal flip-flop cells. On the mapped
  netlist the flip-flops are FDRE/FDSE and the memories RAMB18E2/RAMB36E2/URAM288, so synth.sh
  leaves those (and SRLs) out of ltp's selection: every path then runs from a flip-flop, RAM
  output or input port to a flip-flop, RAM input or output port. Each LUT, MUXF7/8/9, CARRY4
  slice and DSP48E2 on it counts as one level. A carry slice is much faster than a LUT level, so
  the figure is a logic depth, not a timing estimate. Each section above names its path's two
  ends and the RTL lines of the operators on it. A 64-bit multiply is DSP48E2 tiles whose
  partial products are added in carry chains in the fabric.
- **Slowest path by cell delay.** After mapping, `sta` adds up the timing arcs of the cells on
  each path and reports the latest arrival at a flip-flop or RAM input. The arcs are those yosys
  ships in its Xilinx cell models (`+/xilinx/cells_sim.v`): Artix-7 figures from Project X-Ray
  (a LUT 0.1-0.6 ns by input pin, a CARRY4 slice 0.1-0.5 ns). UltraScale+ cells are faster, and
  routing, which is usually half of a path's delay, is not counted; DSP48E2, block RAM, URAM and
  MUXF9 have no arcs and count zero, so a path through a multiply reads short. So the figure is not
  a clock frequency: it is a depth weighted by what each cell costs, a better guide than the
  level count to which paths to pipeline first (a 64-bit compare is 16 carry levels but under
  2 ns). For scale, 250 MHz is 4 ns per cycle, routing included.
- **The next paths.** `sta` names one path. `hw/synth/paths.py` (after `synth.sh`, on the
  mapped netlist it keeps) takes the register that path ends at out and asks again, so it ranks
  the registers, and the memory inputs, by the latest arrival into them: which to pipeline first.
  Memory inputs appear because URAM and block RAM have no arcs, so `sta` cannot name them as
  endpoints; `paths.py` names them by their net and cuts their drivers for the next round.
- **Carry chains.** yosys 0.23 maps carry chains to CARRY4 for every family; UltraScale+ has
  CARRY8, into which the implementation tools pack the CARRY4s. CARRY8 therefore reads 0.
- **Memories.** yosys packs narrow memories into the byte lanes of URAM288 (65536 x 17 bits in
  four URAM288, for example). Its URAM map drives eight byte enables into the nine-bit BWE port
  when it uses nine-bit bytes, hence one warning "Resizing cell port ...BWE_B from 8 bits to 9
  bits" per such URAM in the log.
- **Flip-flop arrays.** The arrays reported as flip-flops are registers by design: the engine's
  instrument table (status, band, window, maximum quantity, position limit, trade id; one entry
  per instrument), its per-book best price, margin coefficients and bitmap summary (two entries
  per instrument) and the card's latency histogram (16 x 64). They are cleared by `rst_i` in one
  cycle and read combinationally by index, several of them in the same cycle; RAM primitives
  cannot clear their contents. At default parameters they are about 17 kbit, most of the
  flip-flops. Distributed RAM would need a design change (clearing them during the
  initialisation walk, one write per array and cycle), not just a change of form.
"""


def number(value):
    """A yosys dump parameter: 32'00000000000000000000000001000000 or a plain integer."""
    return int(value.split("'", 1)[1], 2) if "'" in value else int(value)


def main():
    mode, build, status, elapsed, limit, synth = sys.argv[1:7]
    params = re.findall(r"-chparam (\w+) (\d+)", " ".join(sys.argv[7:]))
    status, elapsed = int(status), int(elapsed)

    def read(suffix):
        path = os.path.join(build, mode + suffix)
        return open(path, errors="replace").read() if os.path.exists(path) else ""

    log = read(".log")
    out = []
    version = re.search(r"^Yosys \S+ \(git sha1 [0-9a-f]+[^)]*\)", log, re.M)
    usage = re.findall(r"CPU: user ([0-9.]+)s system ([0-9.]+)s, MEM: ([0-9.]+) MB peak", log)
    out.append("## %s parameters" % ("Default" if mode == "default" else "Small (`--small`)"))
    out.append("")
    out.append("- Command: `hw/synth/synth.sh%s`, that is `read_verilog -sv`, `hierarchy -chparam ...`, "
               "`%s`, `stat`, `ltp -noff`, `sta` (script and log: `hw/synth/build/%s.ys`, `%s.log`)"
               % ("" if mode == "default" else " --small", synth, mode, mode))
    out.append("- Yosys: %s" % (version.group(0) if version else "unknown"))
    out.append("- Parameters: %s" % ", ".join("%s=%s" % p for p in params))
    out.append("- RTL: `hw/rtl` at commit %s" % os.environ.get("SYNTH_RTL_REV", "unknown"))
    run = "%d min %02d s wall" % (elapsed // 60, elapsed % 60)
    if usage:
        user, system, mem = usage[-1]
        run += ", %.0f s CPU, %.0f MB peak memory" % (float(user) + float(system), float(mem))
    out.append("- Run time: %s (%s UTC, machine shared, `nice`)"
               % (run, datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M")))

    if status != 0:
        why = "timed out after %s s" % limit if status == 124 else "exited with status %d" % status
        passes = re.findall(r"^(\d+(?:\.\d+)*)\. Executing (.*)$", log, re.M)
        last = ("%s %s" % passes[-1]).strip() if passes else "none"
        out.append("- **Did not finish**: yosys %s; last pass started: %s" % (why, last))
        errors = re.findall(r"^(?:\S+: )?ERROR: .*$", log, re.M)
        if errors:
            out.append("- Error: `%s`" % errors[-1])
    else:
        out += resources(read("-stat.txt"))
        out += longest_path(read("-ltp.txt"), mode)
        out += slowest_path(read("-sta.txt"))
        out += memories(log, read("-mem.txt"), ram_cells(build, mode))

    section = "\n".join(out) + "\n"
    with open(os.path.join(build, mode + "-summary.md"), "w") as f:
        f.write(section)
    doc = open("results.md").read() if os.path.exists("results.md") else HEADER
    begin, end = "<!-- begin %s -->" % mode, "<!-- end %s -->" % mode
    if begin not in doc or end not in doc:
        doc = HEADER
    head, rest = doc.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open("results.md", "w") as f:
        f.write(head + begin + "\n" + section + end + tail)
    sys.stdout.write(section)


def resources(stat):
    top = stat.split("=== xb_card ===", 1)[-1].split("===", 1)[0]
    cells = {name: int(n) for name, n in re.findall(r"^\s+([A-Za-z]\w*)\s+(\d+)\s*$", top, re.M)}

    def group(pattern):
        return sorted((k, v) for k, v in cells.items() if re.fullmatch(pattern, k))

    rows, shown = [], set()
    luts = group(r"LUT\d")
    rows.append(("LUT (all)", sum(v for _, v in luts)))
    rows += [("&nbsp;&nbsp;" + k, v) for k, v in luts]
    ffs = group(r"FD[A-Z]+")
    rows.append(("FF (%s)" % "/".join(k for k, _ in ffs), sum(v for _, v in ffs)))
    fixed = ("RAMB36E2", "RAMB18E2", "URAM288", "DSP48E2", "CARRY8", "CARRY4", "MUXF7", "MUXF8", "MUXF9")
    rows += [(k, cells.get(k, 0)) for k in fixed]
    lutram = group(r"RAM\d+[MX]\w*")
    rows += [(k + " (distributed RAM)", v) for k, v in lutram]
    shown = {k for k, _ in luts + ffs + lutram} | set(fixed)
    rows += sorted((k, v) for k, v in cells.items() if k not in shown)
    out = ["", "| Cell | Count |", "|---|---:|"]
    out += ["| %s | %d |" % r for r in rows]
    return out


def longest_path(ltp, mode):
    m = re.search(r"Longest topological path in \S+ \(length=(\d+)\)", ltp)
    steps = re.findall(r"^\s*\d+: (.*?)(?: \(via \S+\))?$", ltp.split("Longest topological path", 1)[-1], re.M)
    loops = len(re.findall(r"Detected loop", ltp))
    out = ["", "Longest path (`ltp -noff`, paths cut at flip-flops, block RAM, URAM and SRLs): **%s levels**%s."
           % (m.group(1) if m else "?", (", from `%s` to `%s`" % (steps[0], steps[-1])) if steps else "")]
    # What the levels are, from the names of the cells passed: techmap names the carry-chain
    # slices ...carry4 and the DSP tiles of a multiply $mul$...; the rest are LUTs and MUXFs.
    vias = re.findall(r"\(via (\S+)\)$", ltp, re.M)
    carry = sum(1 for v in vias if v.endswith((".carry4", ".carry8")))
    dsp = sum(1 for v in vias if "$mul$" in v and not v.endswith((".carry4", ".carry8")))
    if vias:
        out.append("Of these, %d are carry-chain slices, %d DSP48E2 and %d LUT or MUXF levels."
                   % (carry, dsp, len(vias) - carry - dsp))
    lines = []
    for where in re.findall(r"\$(?:mul|add|sub|lt|le|gt|ge|eq|ne|alu)\$\.\./rtl/([\w.]+:\d+)\$", ltp):
        if where not in lines:
            lines.append(where)
    if lines:
        out.append("RTL operators named on the path: %s." % ", ".join("`%s`" % w for w in lines))
    if loops:
        out.append("ltp reported %d loops through the remaining cells (see `hw/synth/build/%s-ltp.txt`)."
                   % (loops, mode))
    return out


def slowest_path(sta):
    """The latest arrival of yosys' sta, with the RTL lines of the operators on that path."""
    m = re.search(r"Latest arrival time in '\S+' is (\d+):", sta)
    if not m:
        return []
    path = sta.split(m.group(0), 1)[1].split("Latest arrival time", 1)[0]
    cells = re.findall(r"^\s+\d+ \S+ \((\w+)\.", path, re.M)
    kinds = {}
    for cell in cells:
        kind = re.sub(r"\d+$", "", cell) if cell.startswith("LUT") else cell
        kinds[kind] = kinds.get(kind, 0) + 1
    lines = []
    for where in re.findall(r"xb_\w+\.sv:\d+", path):
        if where not in lines:
            lines.append(where)
    out = ["", "Slowest path by cell delay (`sta` with yosys' Xilinx cell timing, see the notes): **%.1f ns**"
           " over %d cells (%s)%s." % (int(m.group(1)) / 1000.0, len(cells),
                                       ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items())),
                                       ("; RTL operators on it: %s" % ", ".join("`%s`" % w for w in lines[::-1]))
                                       if lines else "")]
    return out


def memories(log, dump, cells):
    sizes = {}
    for cell in dump.split("cell $mem_v2")[1:]:
        p = dict(re.findall(r"parameter \\(\w+) (\S+)", cell))
        memid = p.get("MEMID", '"?"').strip('"').lstrip("\\")
        sizes[memid] = (number(p.get("SIZE", "0")), number(p.get("WIDTH", "0")))
    rows = [(name, KINDS.get(how, how))
            for name, how in re.findall(r"^mapping memory xb_card\.(\S+) via (\S+)$", log, re.M)]
    rows += [(name, "flip-flops")
             for name in re.findall(r"^using FF mapping for memory xb_card\.(\S+)$", log, re.M)]
    out = ["", "| Memory | Words x bits | Mapped to | Primitives |", "|---|---:|---|---|"]
    for name, kind in rows:
        words, width = sizes.get(name, (0, 0))
        used = ", ".join("%d %s" % (n, t) for t, n in sorted(cells.get(name, {}).items()))
        if kind == "flip-flops":
            used = "%d FF" % (words * width)
        out.append("| `%s` | %s | %s | %s |"
                   % (name, "%d x %d" % (words, width) if width else "?", kind, used))
    return out


def ram_cells(build, mode):
    """{memory name: {primitive: count}} from the select -list files written by synth.sh."""
    cells = {}
    for path in sorted(os.listdir(build)):
        m = re.fullmatch(re.escape(mode) + r"-cells-(\w+)\.txt", path)
        if not m:
            continue
        for line in open(os.path.join(build, path)):
            name = line.strip().split("/", 1)[-1]
            mem = re.match(r"(.*\.mem_q)\.", name)
            if mem:
                per = cells.setdefault(mem.group(1), {})
                per[m.group(1)] = per.get(m.group(1), 0) + 1
    return cells


if __name__ == "__main__":
    main()
