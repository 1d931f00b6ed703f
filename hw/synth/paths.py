#!/usr/bin/env python3
"""The slowest paths of the last synthesis by cell delay, one per destination register.

usage: hw/synth/paths.py [--small] [N]      (N registers, default 10)

yosys' sta reports only the single latest arrival. So each round takes the flip-flops of the
register that path ends at (every bit of it, and every element of a register array) out of the
mapped netlist hw/synth/synth.sh wrote (build/<mode>-mapped.il) and asks again: the registers in
the order their inputs should be pipelined. Arrivals are yosys' Xilinx cell arcs (Artix-7, no
routing; see results.md, "Reading the figures"): a ranking, not a clock frequency.

Output: one line per register (arrival in ns, cells on the path, the RTL lines of the operators
on it), also written to build/<mode>-paths.txt.
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def family(wire):
    """u_engine.best_q[4] -> u_engine.best_q: a register array is one family."""
    return re.sub(r"\[\d+\]$", "", wire.lstrip("\\"))


def parse(netlist):
    """The netlist's lines, and for each flip-flop cell its line span and its Q wire's family."""
    lines = open(netlist).read().split("\n")
    ffs = []
    i = 0
    while i < len(lines):
        m = re.match(r"  cell \\(FD[A-Z]{2}) (\S+)$", lines[i])
        if m:
            start = i
            while lines[i] != "  end":
                i += 1
            q = next((l for l in lines[start:i] if l.startswith("    connect \\Q ")), None)
            wire = q.split(" ", 6)[-1].rsplit(" [", 1)[0] if q else ""
            # the cell's attribute lines above it belong to it too
            first = start
            while first > 0 and lines[first - 1].startswith("  attribute "):
                first -= 1
            ffs.append((first, i + 1, family(wire), m.group(2)))
        i += 1
    return lines, ffs


def main():
    args = sys.argv[1:]
    mode = "default"
    if args and args[0] == "--small":
        mode = "small"
        args = args[1:]
    count = int(args[0]) if args else 10
    netlist = os.path.join(HERE, "build", "%s-mapped.il" % mode)
    if not os.path.exists(netlist):
        sys.exit("paths.py: no %s: run hw/synth/synth.sh%s first" % (netlist, " --small" if mode == "small" else ""))
    yosys = os.environ.get("YOSYS", "yosys")
    lines, ffs = parse(netlist)
    by_cell = {name: fam for _, _, fam, name in ffs}
    removed = set()   # registers: their flip-flops are taken out of the netlist
    inputs = []       # memory inputs (no timing arcs, so sta cannot name them as endpoints): the
                      # cells driving them are deleted
    results = []
    with tempfile.TemporaryDirectory() as work:
        for rank in range(1, count + 1):
            drop = [False] * len(lines)
            for first, end, fam, _ in ffs:
                if fam in removed:
                    for k in range(first, end):
                        drop[k] = True
            il = os.path.join(work, "cut.il")
            with open(il, "w") as f:
                f.write("\n".join(l for k, l in enumerate(lines) if not drop[k]))
            sta = os.path.join(work, "sta.txt")
            script = os.path.join(work, "paths.ys")
            with open(script, "w") as f:
                # the cut registers' input logic goes with them (opt_clean), unless it feeds others
                f.write("read_rtlil %s\ndelete A:blackbox\n" % il)
                for net in inputs:
                    f.write("select -set drv w:%s %%ci1 w:%s %%d\ndelete @drv\n" % (net, net))
                f.write("opt_clean\n")
                f.write("read_verilog -lib -specify +/xilinx/cells_sim.v\n")
                f.write("read_verilog -lib +/xilinx/cells_xtra.v\n")
                f.write("tee -q -o %s sta\n" % sta)
            run = subprocess.run([yosys, "-q", "-s", script], capture_output=True, text=True)
            if run.returncode != 0:
                # (yosys 0.23 can trip over a netlist with some drivers cut: the ranking so far stands)
                print("paths.py: yosys stopped on round %d: %s" % (rank, (run.stdout + run.stderr).strip().split("\n")[-1]),
                      file=sys.stderr)
                break
            # the path's lines follow the header, indented; yosys' warnings may come between them
            text = "\n".join(l for l in open(sta).read().split("\n") if not l.startswith("Warning"))
            m = re.search(r"Latest arrival time in '\S+' is (\d+):\n(.*?)(?=\n\S|\Z)", text, re.S)
            if not m:
                break
            path = m.group(2)
            path_lines = [l for l in path.split("\n") if l.strip() and not l.startswith("Warning")]
            if "(<unknown>)" in path_lines[0]:
                # no flip-flop at the end: a memory's input (URAM and block RAM have no arcs in
                # yosys' models) or an output port; the net names it
                net = family(re.sub(r"\s*\[\d+\]$", "", path_lines[1].strip()))
                if net in inputs:
                    break
                inputs.append(net)
                fam = net + " (memory or port input)"
            else:
                end_cell = re.match(r"\s*\d+ (\S+)", path).group(1)
                fam = by_cell.get(end_cell, end_cell)
                removed.add(fam)
            kinds = {}
            for c in re.findall(r"\(([A-Z0-9]+)\.", path):
                k = "LUT" if c.startswith("LUT") else c
                kinds[k] = kinds.get(k, 0) + 1
            rtl = sorted(set(re.findall(r"xb_\w+\.sv:\d+", path)), key=lambda s: int(s.split(":")[1]))
            line = "%2d. %5.1f ns  %-36s %3d cells (%s)  %s" % (
                rank, int(m.group(1)) / 1000.0, fam, sum(kinds.values()),
                ", ".join("%d %s" % (v, k) for k, v in sorted(kinds.items())), " ".join(rtl))
            print(line, flush=True)
            results.append(line)
    with open(os.path.join(HERE, "build", "%s-paths.txt" % mode), "w") as f:
        f.write("\n".join(results) + "\n")


if __name__ == "__main__":
    main()
