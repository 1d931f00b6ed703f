// xb_replay: file-driven testbench for the card. Reads 64-byte command records from a file,
// streams them to the model back to back (the next record is offered as soon as the card takes
// the previous one, as from a full command ring), and writes every event
// record to an output file, for comparison with the reference engine's events. A record of 64
// bytes 0xFF is not a command: it resets the card (a new, empty engine), so one file can hold
// several independent scenarios.
//   xb_replay COMMANDS.bin EVENTS.bin [FIGURES.txt [FIRST LAST]]
// With FIGURES.txt it also writes cycle figures: per command kind the card's own latency count
// (ingress to completion record, from the COMPLETE record), and the latencies the card's
// performance targets name: new order to ACCEPTED (no cross), crossing order to first TRADE (also
// split by what comes before the first fill: the fill-or-kill count, a self-trade cancel, or
// nothing), each further fill (also split into fills at the same price level, at the next one, and after a
// self-trade cancel in between), cancel to CANCELED; and the cycles from one command taken to
// the next, by what the first was (the sustained rate of a stream of such commands). With FIRST
// and LAST (command indices, from 0), also the cycles from taking command FIRST to taking command
// LAST: a part of the stream's throughput in cycles per command.
#include "Vxb_card.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace {

void set_word(VlWide<16>& w, const uint8_t* rec) {
    for (int i = 0; i < 16; i++) {
        uint32_t v;
        std::memcpy(&v, rec + 4 * i, 4);
        w[i] = v;
    }
}

void get_word(const VlWide<16>& w, uint8_t* rec) {
    for (int i = 0; i < 16; i++) {
        uint32_t v = w[i];
        std::memcpy(rec + 4 * i, &v, 4);
    }
}

// Cycle figures: latencies in cycles, grouped by what they measure.
struct Figures {
    std::map<std::string, std::vector<uint64_t>> samples;

    void add(const std::string& name, uint64_t cycles) { samples[name].push_back(cycles); }

    void write(FILE* out) const {
        std::fprintf(out, "%-42s %10s %6s %8s %6s %6s %6s  %s\n", "figure (cycles)", "count", "min", "mean", "p50",
                     "p99", "max", "histogram: [2^k, 2^(k+1)) count");
        for (const auto& [name, v] : samples) {
            std::vector<uint64_t> s = v;
            std::sort(s.begin(), s.end());
            double sum = 0;
            uint64_t hist[24] = {0};
            for (uint64_t x : s) {
                sum += static_cast<double>(x);
                int k = 0;
                while (k < 23 && (x >> (k + 1)) != 0) k++;
                hist[k]++;
            }
            std::fprintf(out, "%-42s %10zu %6llu %8.2f %6llu %6llu %6llu  ", name.c_str(), s.size(),
                         (unsigned long long)s.front(), sum / static_cast<double>(s.size()),
                         (unsigned long long)s[s.size() / 2], (unsigned long long)s[(s.size() * 99) / 100],
                         (unsigned long long)s.back());
            for (int k = 0; k < 24; k++) {
                if (hist[k]) std::fprintf(out, "%d:%llu ", 1 << k, (unsigned long long)hist[k]);
            }
            std::fprintf(out, "\n");
        }
    }
};

const char* kind_name(uint8_t k) {
    static const char* names[] = {"?", "new-order", "modify", "cancel", "mass-cancel", "set-instrument", "set-margin",
                                  "set-reference-price", "set-account", "halt", "resume", "heartbeat"};
    return k < 12 ? names[k] : "unknown-kind";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: xb_replay COMMANDS.bin EVENTS.bin [FIGURES.txt [FIRST LAST]]\n");
        return 2;
    }
    FILE* in = std::fopen(argv[1], "rb");
    FILE* out = std::fopen(argv[2], "wb");
    if (!in || !out) {
        std::fprintf(stderr, "xb_replay: cannot open %s or %s\n", argv[1], argv[2]);
        return 2;
    }
    auto ctx = std::make_unique<VerilatedContext>();
    auto top = std::make_unique<Vxb_card>(ctx.get());
    uint64_t cycle = 0;
    auto tick = [&]() {
        top->clk_i = 0;
        top->eval();
        top->clk_i = 1;
        top->eval();
        cycle++;
    };
    auto reset = [&]() -> bool {
        top->rst_i = 1;
        top->cmd_valid_i = 0;
        top->evt_ready_i = 1;
        top->reg_we_i = 0;
        tick();
        tick();
        top->rst_i = 0;
        const uint64_t limit = cycle + 100000000ull;
        while (true) {
            tick();
            top->reg_addr_i = 0x108;
            top->eval();
            if (top->reg_rdata_o == 2) break;
            if (cycle > limit) {
                std::fprintf(stderr, "xb_replay: card never became READY\n");
                return false;
            }
        }
        top->reg_we_i = 1;
        top->reg_addr_i = 0x100;
        top->reg_wdata_i = 2;
        tick();
        top->reg_we_i = 0;
        return true;
    };
    if (!reset()) return 1;

    Figures figures;
    // Commands stream back to back, as the host's command ring delivers them: the next record is
    // offered as soon as the previous one is taken. Events belong to the oldest command not yet
    // complete (the card completes commands in order).
    struct Pending {
        uint8_t kind = 0;
        uint8_t tif = 0;  // a new order's time in force (byte 11): 1 GTC, 2 IOC, 3 FOK
        uint64_t accept_cycle = 0, accepted_at = 0, first_trade = 0, last_trade = 0, last_price = 0, canceled_at = 0;
        uint64_t next_taken = 0;  // cycles from this command taken to the next one taken
        int trades = 0;
        bool canceled_between = false, rejected = false;
    };
    std::deque<Pending> inflight;
    const uint64_t range_first = argc > 5 ? std::strtoull(argv[4], nullptr, 10) : 0;
    const uint64_t range_last = argc > 5 ? std::strtoull(argv[5], nullptr, 10) : 0;
    uint64_t taken = 0, range_first_cycle = 0, range_last_cycle = 0;
    uint8_t rec[64];
    bool have = false, marker = false, eof = false;
    auto load = [&]() {
        have = std::fread(rec, 1, 64, in) == 64;
        eof = !have;
        marker = have;
        for (int i = 0; have && i < 64; i++) marker = marker && rec[i] == 0xFF;
    };
    load();
    uint64_t commands = 0, events = 0;
    const uint64_t start = cycle;
    uint64_t guard_cycle = cycle;
    uint64_t reset_cycles = 0;
    // The interval to the next command taken, by what the previous command was.
    bool previous_known = false;
    std::string previous_name;
    uint64_t previous_accept = 0;
    while (!eof || !inflight.empty()) {
        if (have && marker && inflight.empty()) {
            const uint64_t before = cycle;
            if (!reset()) return 1;
            reset_cycles += cycle - before;
            previous_known = false;
            guard_cycle = cycle;
            load();
            continue;
        }
        const bool offer = have && !marker;
        if (offer) set_word(top->cmd_data_i, rec);
        top->cmd_valid_i = offer;
        top->clk_i = 0;
        top->eval();
        const bool fire_cmd = offer && top->cmd_ready_o;
        if (top->evt_valid_o && top->evt_ready_i) {
            uint8_t ev[64];
            get_word(top->evt_data_o, ev);
            std::fwrite(ev, 1, 64, out);
            events++;
            if (inflight.empty()) {
                std::fprintf(stderr, "xb_replay: an event at cycle %llu with no command in flight\n",
                             (unsigned long long)cycle);
                return 1;
            }
            Pending& c = inflight.front();
            const uint64_t at = cycle - c.accept_cycle;
            if (ev[8] == 1 && !c.accepted_at) c.accepted_at = at;
            if (ev[8] == 2) c.rejected = true;
            if (ev[8] == 3) {
                uint64_t price;
                std::memcpy(&price, ev + 32, 8);
                if (c.trades == 0) {
                    c.first_trade = at;
                } else {
                    figures.add("further fill (trade to trade)", at - c.last_trade);
                    if (c.canceled_between) {
                        figures.add("further fill, after a self-trade cancel", at - c.last_trade);
                    } else {
                        figures.add(price == c.last_price ? "further fill, same level" : "further fill, next level",
                                    at - c.last_trade);
                    }
                }
                c.last_trade = at;
                c.last_price = price;
                c.canceled_between = false;
                c.trades++;
            }
            if (ev[8] == 4 && c.trades > 0) c.canceled_between = true;  // a resting order canceled mid-walk
            if (ev[8] == 4 && !c.canceled_at) c.canceled_at = at;
            if (ev[8] == 7) {
                uint32_t latency;
                std::memcpy(&latency, ev + 32, 4);
                figures.add(std::string("complete: ") + kind_name(c.kind) + (c.rejected ? " (rejected)" : ""), latency);
                const bool quiet_order = c.kind == 1 && !c.rejected && c.trades == 0 && c.accepted_at;
                if (quiet_order) figures.add("new order, no cross: to ACCEPTED", c.accepted_at);
                if (c.kind == 1 && c.trades > 0) {
                    figures.add("crossing order: to first TRADE", c.first_trade);
                    // what comes before the first fill: the fill-or-kill count (FOK: a dry walk
                    // of the levels it would take, rule M2), resting orders of the same account
                    // canceled by self-trade prevention (STP first), or nothing (plain)
                    const bool stp_first = c.canceled_at && c.canceled_at < c.first_trade;
                    figures.add(c.tif == 3 ? (stp_first ? "crossing order: to first TRADE, FOK, STP first"
                                                        : "crossing order: to first TRADE, FOK")
                                : stp_first ? "crossing order: to first TRADE, STP first"
                                            : "crossing order: to first TRADE, plain",
                                c.first_trade);
                }
                if (c.kind == 3 && !c.rejected && c.canceled_at) figures.add("cancel: to CANCELED", c.canceled_at);
                const char* name = quiet_order && !c.canceled_at ? "next taken: after a new order that rests"
                                 : quiet_order ? "next taken: after an IOC that did not trade"
                                 : c.kind == 3 && !c.rejected ? "next taken: after a cancel"
                                 : c.kind == 2 && !c.rejected && c.trades == 0 ? "next taken: after a modify, no trade"
                                 : c.rejected ? "next taken: after a rejected command"
                                 : "next taken: after any other";
                previous_known = c.next_taken == 0;
                if (previous_known) {
                    previous_accept = c.accept_cycle;
                    previous_name = name;
                } else {
                    figures.add(name, c.next_taken);
                }
                inflight.pop_front();
                commands++;
                guard_cycle = cycle;
            }
        }
        top->clk_i = 1;
        top->eval();
        cycle++;
        if (fire_cmd) {
            Pending c;
            c.kind = rec[8];
            c.tif = rec[11];
            c.accept_cycle = cycle - 1;
            // the previous command's occupancy: taken while it completes (its COMPLETE leaves the
            // cycle after), or after it completed
            if (!inflight.empty()) {
                inflight.back().next_taken = c.accept_cycle - inflight.back().accept_cycle;
            } else if (previous_known) {
                figures.add(previous_name, c.accept_cycle - previous_accept);
            }
            previous_known = false;
            inflight.push_back(c);
            if (taken == range_first) range_first_cycle = c.accept_cycle;
            if (taken == range_last) range_last_cycle = c.accept_cycle;
            taken++;
            load();
        }
        if (cycle - guard_cycle > 50000000ull) {
            std::fprintf(stderr, "xb_replay: command %llu never completed\n", (unsigned long long)commands);
            return 1;
        }
    }
    const uint64_t busy_cycles = cycle - start - reset_cycles;
    std::fprintf(stderr, "xb_replay: %llu commands, %llu events, %llu cycles (%llu in commands)\n",
                 (unsigned long long)commands, (unsigned long long)events, (unsigned long long)(cycle - start),
                 (unsigned long long)busy_cycles);
    if (argc > 3) {
        FILE* f = std::fopen(argv[3], "w");
        if (!f) {
            std::fprintf(stderr, "xb_replay: cannot write %s\n", argv[3]);
            return 2;
        }
        figures.write(f);
        if (argc > 5) {
            if (range_last <= range_first || taken <= range_last) {
                std::fprintf(stderr, "xb_replay: the range [%llu, %llu) is not inside the %llu commands\n",
                             (unsigned long long)range_first, (unsigned long long)range_last,
                             (unsigned long long)taken);
                return 2;
            }
            const uint64_t n = range_last - range_first, cycles = range_last_cycle - range_first_cycle;
            std::fprintf(f, "commands %llu..%llu: %llu commands in %llu cycles, %.3f cycles per command\n",
                         (unsigned long long)range_first, (unsigned long long)(range_last - 1),
                         (unsigned long long)n, (unsigned long long)cycles,
                         static_cast<double>(cycles) / static_cast<double>(n));
        }
        std::fclose(f);
    }
    top->final();
    std::fclose(in);
    std::fclose(out);
    return 0;
}
