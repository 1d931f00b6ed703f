// controller.cpp: clocking, reset and tracing of the Verilated xb_card.
#include "controller.h"

#include <cstring>
#include <limits>

#include "Vxb_card.h"
#include "device_abi.h"
#include "verilated.h"
#include "verilated_fst_c.h"

namespace xb {

struct SimController::Model {
  VerilatedContext context;
  std::unique_ptr<Vxb_card> top;
  std::unique_ptr<VerilatedFstC> trace;
};

namespace {
// Record byte i is bits [8*i +: 8] of the 512-bit ports; Verilator stores those as sixteen
// 32-bit words, least significant first, so on a little-endian host the bytes line up.
static_assert(sizeof(EData) == 4, "Verilator wide words are 32-bit");
}  // namespace

SimController::SimController(const ControllerOptions& options)
    : options_(options), model_(std::make_unique<Model>()) {
  if (!options_.trace_path.empty()) model_->context.traceEverOn(true);
  // A failed assertion ($error) counts an error instead of aborting the process: step() turns
  // it into a card fault that the host sees (a fault, not a crash of the host's process).
  model_->context.errorLimit(std::numeric_limits<int>::max());
  model_->top = std::make_unique<Vxb_card>(&model_->context, "xb_card");
  Vxb_card& top = *model_->top;
  top.clk_i = 0;
  top.rst_i = 1;
  top.cmd_valid_i = 0;
  top.evt_ready_i = 0;
  top.reg_we_i = 0;
  top.reg_addr_i = 0;
  top.reg_wdata_i = 0;
  top.eval();
}

SimController::~SimController() { finish(); }

void SimController::finish() {
  if (finished_) return;
  finished_ = true;
  if (model_->trace) {
    model_->trace->close();
    model_->trace.reset();
  }
  model_->top->final();
}

void SimController::fail(const std::string& message) {
  if (error_.empty()) {
    error_ = message;
    exit_code_ = 1;
  }
}

void SimController::trace_window() {
  if (options_.trace_path.empty() || trace_done_) return;
  if (!trace_open_ && cycles_ >= options_.trace_from && cycles_ < options_.trace_to) {
    model_->trace = std::make_unique<VerilatedFstC>();
    model_->top->trace(model_->trace.get(), 99);
    model_->trace->open(options_.trace_path.c_str());
    if (!model_->trace->isOpen()) {
      fail("cannot open trace file " + options_.trace_path);
      model_->trace.reset();
      trace_done_ = true;
      return;
    }
    trace_open_ = true;
  } else if (trace_open_ && cycles_ >= options_.trace_to) {
    model_->trace->close();
    model_->trace.reset();
    trace_open_ = false;
    trace_done_ = true;
  }
}

unsigned SimController::step(CommandSource* source, EventSink* sink) {
  Vxb_card& top = *model_->top;
  trace_window();

  const std::uint8_t* command = source != nullptr ? source->peek() : nullptr;
  top.cmd_valid_i = command != nullptr;
  if (command != nullptr) std::memcpy(top.cmd_data_i.data(), command, abi::kRecordBytes);
  bool ready = sink != nullptr && sink->ready();
  if (ready && options_.egress_stall_percent != 0) {
    stall_rng_ ^= stall_rng_ << 13;
    stall_rng_ ^= stall_rng_ >> 7;
    stall_rng_ ^= stall_rng_ << 17;
    ready = stall_rng_ % 100 >= options_.egress_stall_percent;
  }
  top.evt_ready_i = ready;
  top.reg_we_i = write_pending_;
  if (write_pending_) {
    top.reg_addr_i = write_offset_ & 0xFFF;
    top.reg_wdata_i = write_value_;
    write_pending_ = false;
  }

  // Falling edge with the new inputs: settle, then sample both handshakes before the edge.
  top.clk_i = 0;
  top.eval();
  if (trace_open_) model_->trace->dump(2 * cycles_);
  const bool command_taken = command != nullptr && top.cmd_ready_o;
  const bool event_taken = top.evt_valid_o && ready;
  if (top.evt_valid_o && !ready && sink != nullptr) ++stall_cycles_;
  std::uint8_t event[abi::kRecordBytes];
  if (event_taken) std::memcpy(event, top.evt_data_o.data(), abi::kRecordBytes);

  top.clk_i = 1;
  top.eval();
  if (trace_open_) model_->trace->dump(2 * cycles_ + 1);
  top.reg_we_i = 0;
  ++cycles_;
  if (!assertion_failed_ && model_->context.errorCount() != 0) {
    assertion_failed_ = true;
    fail("an RTL assertion failed at cycle " + std::to_string(cycles_) +
         " (the model printed which on standard output)");
  }

  unsigned flags = kStepNone;
  if (command_taken) {
    flags |= kStepCommandTaken;
    ++in_flight_;
    ++commands_taken_;
    last_progress_cycle_ = cycles_;
    source->consumed();
  }
  if (event_taken) {
    flags |= kStepEventTaken;
    ++events_taken_;
    last_progress_cycle_ = cycles_;
    if (event[abi::kKindByte] == abi::kEventComplete) {
      flags |= kStepComplete;
      if (in_flight_ > 0) --in_flight_;
    }
    sink->accept(event);
  }
  return flags;
}

std::uint64_t SimController::read_reg(std::uint32_t offset) {
  Vxb_card& top = *model_->top;
  top.reg_addr_i = offset & 0xFFF;
  top.eval();
  return top.reg_rdata_o;
}

void SimController::write_reg(std::uint32_t offset, std::uint64_t value) {
  write_pending_ = true;
  write_offset_ = offset;
  write_value_ = value;
}

std::string SimController::wait_status(std::uint64_t status, std::uint64_t limit_cycles,
                                       const char* what) {
  const std::uint64_t start = cycles_;
  for (;;) {
    const std::uint64_t now = read_reg(abi::kRegStatus);
    if (now == status) return {};
    if (now == abi::kStatusFault) {
      return std::string(what) + ": STATUS is FAULT (fault code " +
             std::to_string(read_reg(abi::kRegFaultCode)) + ") after " +
             std::to_string(cycles_ - start) + " cycles";
    }
    if (cycles_ - start >= limit_cycles) {
      return std::string(what) + ": STATUS still " + std::to_string(now) + " after " +
             std::to_string(cycles_ - start) + " cycles (expected " + std::to_string(status) + ")";
    }
    for (int i = 0; i < 64; ++i) step(nullptr, nullptr);
  }
}

void SimController::pulse_reset() {
  Vxb_card& top = *model_->top;
  top.rst_i = 1;
  for (std::uint64_t i = 0; i < options_.reset_cycles; ++i) step(nullptr, nullptr);
  top.rst_i = 0;
  in_flight_ = 0;
  last_progress_cycle_ = cycles_;
}

std::string SimController::reset() {
  pulse_reset();
  return wait_status(abi::kStatusReady, options_.init_timeout_cycles, "reset");
}

std::string SimController::run() {
  write_reg(abi::kRegControl, abi::kControlRun);
  step(nullptr, nullptr);
  return wait_status(abi::kStatusRunning, 1'000'000, "run");
}

}  // namespace xb
