// controller.h: the simulation controller of the card model (Verilated xb_card). One object owns
// the clock, the reset, the cycle count, the progress timeout, the optional FST trace of a window
// of cycles and the exit code; the stream endpoints (an in-process queue, or the shared-memory
// rings) plug into step() through CommandSource and EventSink.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace xb {

// Supplies command records to the model's command stream (cmd_valid_i / cmd_ready_o).
class CommandSource {
 public:
  virtual ~CommandSource() = default;
  // The record to present this cycle, or nullptr when there is none. Stable until consumed().
  virtual const std::uint8_t* peek() = 0;
  // The model took the record returned by the last peek().
  virtual void consumed() = 0;
};

// Takes event records from the model's event stream (evt_valid_o / evt_ready_i).
class EventSink {
 public:
  virtual ~EventSink() = default;
  // Whether a record can be taken this cycle (drives evt_ready_i).
  virtual bool ready() = 0;
  // One record the model handed over; copy it before returning.
  virtual void accept(const std::uint8_t* record) = 0;
};

struct ControllerOptions {
  std::string trace_path;                 // FST file; empty: no trace
  std::uint64_t trace_from = 0;           // first cycle traced
  std::uint64_t trace_to = UINT64_MAX;    // first cycle no longer traced
  std::uint64_t reset_cycles = 16;        // cycles rst_i is held
  std::uint64_t init_timeout_cycles = 200'000'000;  // INITIALISING must end within this
  std::uint64_t timeout_cycles = 50'000'000;        // no handshake with work in flight: fault
  unsigned egress_stall_percent = 0;  // a test of back-pressure: the event stream is refused on
                                      // this share of cycles (pseudo-random, reproducible)
};

// What one step() did.
enum StepFlags : unsigned {
  kStepNone = 0,
  kStepCommandTaken = 1u << 0,
  kStepEventTaken = 1u << 1,
  kStepComplete = 1u << 2,  // the event taken was a COMPLETE record
};

class SimController {
 public:
  explicit SimController(const ControllerOptions& options);
  ~SimController();
  SimController(const SimController&) = delete;
  SimController& operator=(const SimController&) = delete;

  // Hold rst_i for reset_cycles and release it; the model then initialises (STATUS
  // INITIALISING) and reaches READY on its own as it is clocked.
  void pulse_reset();
  // pulse_reset(), then clock until STATUS reads READY. Empty on success, else why not.
  std::string reset();
  // Write CONTROL = run and clock until STATUS reads RUNNING.
  std::string run();

  // One clock cycle: presents the source's head record, drives ready from the sink, applies a
  // queued register write, and hands over what was transferred. Either endpoint may be null.
  unsigned step(CommandSource* source, EventSink* sink);

  // Combinational read of the register window (no clock edge).
  std::uint64_t read_reg(std::uint32_t offset);
  // Queue a register write; the next step() performs it (reg_we_i high for that cycle).
  void write_reg(std::uint32_t offset, std::uint64_t value);
  bool write_pending() const { return write_pending_; }

  std::uint64_t cycles() const { return cycles_; }
  // Commands the model took whose COMPLETE record has not come out yet.
  std::uint64_t in_flight() const { return in_flight_; }
  std::uint64_t commands_taken() const { return commands_taken_; }
  std::uint64_t events_taken() const { return events_taken_; }
  // Cycles an event waited because the sink was not ready.
  std::uint64_t stall_cycles() const { return stall_cycles_; }
  // Cycles since the last handshake on either stream.
  std::uint64_t cycles_since_progress() const { return cycles_ - last_progress_cycle_; }
  // True when commands are in flight and nothing moved for timeout_cycles.
  // An assertion of the RTL failed (the model printed which on standard output); the model
  // keeps running, but its state can no longer be trusted: the card must be reported faulty.
  bool assertion_failed() const { return assertion_failed_; }
  bool timed_out() const {
    return in_flight_ > 0 && cycles_since_progress() >= options_.timeout_cycles;
  }
  const ControllerOptions& options() const { return options_; }
  void set_timeout_cycles(std::uint64_t cycles) { options_.timeout_cycles = cycles; }
  void set_egress_stall_percent(unsigned percent) { options_.egress_stall_percent = percent; }

  // Record a failure; the first one wins and sets a non-zero exit code.
  void fail(const std::string& message);
  const std::string& error() const { return error_; }
  int exit_code() const { return exit_code_; }
  // Close the trace (if open) and run the model's final blocks.
  void finish();

 private:
  struct Model;
  void trace_window();
  std::string wait_status(std::uint64_t status, std::uint64_t limit_cycles, const char* what);

  ControllerOptions options_;
  std::unique_ptr<Model> model_;
  std::uint64_t cycles_ = 0;
  std::uint64_t stall_rng_ = 0x9E3779B97F4A7C15ull;  // xorshift64 state of the egress stall
  std::uint64_t in_flight_ = 0;
  std::uint64_t commands_taken_ = 0;
  std::uint64_t events_taken_ = 0;
  std::uint64_t stall_cycles_ = 0;
  std::uint64_t last_progress_cycle_ = 0;
  bool write_pending_ = false;
  std::uint32_t write_offset_ = 0;
  std::uint64_t write_value_ = 0;
  bool trace_open_ = false;
  bool trace_done_ = false;
  bool finished_ = false;
  bool assertion_failed_ = false;
  std::string error_;
  int exit_code_ = 0;
};

}  // namespace xb
