// xb_replay: file-driven testbench for the card. Reads 64-byte command records from a file,
// feeds them to the model one at a time through the command stream, and writes every event
// record to an output file, for comparison with the reference engine's events. A record of 64
// bytes 0xFF is not a command: it resets the card (a new, empty engine), so one file can hold
// several independent scenarios.
//   xb_replay COMMANDS.bin EVENTS.bin
#include "Vxb_card.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif
#include <cstdint>
#include <cstdio>
#include <cstring>
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

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: xb_replay COMMANDS.bin EVENTS.bin\n");
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

    uint8_t rec[64];
    uint64_t commands = 0, events = 0;
    const uint64_t start = cycle;
    uint64_t busy_cycles = 0;
    while (std::fread(rec, 1, 64, in) == 64) {
        bool marker = true;
        for (int i = 0; i < 64; i++) marker = marker && rec[i] == 0xFF;
        if (marker) {
            if (!reset()) return 1;
            continue;
        }
        const uint64_t command_start = cycle;
        set_word(top->cmd_data_i, rec);
        top->cmd_valid_i = 1;
        bool accepted = false;
        bool complete = false;
        uint64_t guard = 0;
        while (!complete) {
            top->clk_i = 0;
            top->eval();
            const bool fire_cmd = top->cmd_valid_i && top->cmd_ready_o;
            if (top->evt_valid_o && top->evt_ready_i) {
                uint8_t ev[64];
                get_word(top->evt_data_o, ev);
                std::fwrite(ev, 1, 64, out);
                events++;
                if (ev[8] == 7) complete = true;
            }
            top->clk_i = 1;
            top->eval();
            cycle++;
            if (fire_cmd) {
                accepted = true;
                top->cmd_valid_i = 0;
            }
            if (++guard > 50000000ull) {
                std::fprintf(stderr, "xb_replay: command %llu never completed (accepted=%d)\n",
                             (unsigned long long)commands, accepted);
                return 1;
            }
        }
        commands++;
        busy_cycles += cycle - command_start;
    }
    std::fprintf(stderr, "xb_replay: %llu commands, %llu events, %llu cycles (%llu in commands)\n",
                 (unsigned long long)commands, (unsigned long long)events, (unsigned long long)(cycle - start),
                 (unsigned long long)busy_cycles);
    top->final();
    std::fclose(in);
    std::fclose(out);
    return 0;
}
