// shm_card.cpp: the ring service of the card process.
#include "shm_card.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#ifndef XB_BUILD_ID
#define XB_BUILD_ID 0ULL
#endif

namespace xb {

namespace {

std::string errno_text(const char* what, const std::string& path) {
  return std::string(what) + " " + path + ": " + std::strerror(errno);
}

// Registers mirrored from the model into the window. HEARTBEAT, BUILD_ID and the ring sizes
// are the harness's own (see ShmCard::mirror); CONTROL is the host's mailbox.
constexpr std::uint32_t kMirrored[] = {
    abi::kRegAbiVersion,     abi::kRegCapInstruments, abi::kRegCapLevelsPerSide,
    abi::kRegCapOrderSlots,  abi::kRegCapAccounts,    abi::kRegStatus,
    abi::kRegFaultCode,      abi::kRegCycles,         abi::kRegCommands,
    abi::kRegEvents,         abi::kRegRejects,        abi::kRegTrades,
    abi::kRegStallCycles,    abi::kRegLatencyMin,     abi::kRegLatencyMax,
    abi::kRegLatencySum,     abi::kRegLatencyCount,
};

constexpr int kBatchCycles = 256;
constexpr auto kMirrorPeriod = std::chrono::milliseconds(1);

}  // namespace

// ---------------------------------------------------------------------------------------------

DeviceFile::~DeviceFile() {
  if (base_ != nullptr) munmap(base_, size_);
  if (fd_ >= 0) close(fd_);
}

std::string DeviceFile::open(const std::string& path, const abi::Layout& layout) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT, 0600);
  if (fd_ < 0) return errno_text("cannot open", path);
  size_ = layout.size();
  struct stat st {};
  if (fstat(fd_, &st) != 0) return errno_text("cannot stat", path);
  if (static_cast<std::size_t>(st.st_size) != size_ &&
      ftruncate(fd_, static_cast<off_t>(size_)) != 0) {
    return errno_text("cannot size", path);
  }
  void* base = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (base == MAP_FAILED) return errno_text("cannot map", path);
  base_ = static_cast<std::uint8_t*>(base);
  return {};
}

// ---------------------------------------------------------------------------------------------

const std::uint8_t* CommandRing::peek() {
  if (!staged_) {
    const std::size_t at = slot(expected_);
    if (file_.load_acquire(at) != expected_) return nullptr;
    std::memcpy(record_, file_.at(at), abi::kRecordBytes);
    staged_ = true;
  }
  return record_;
}

void CommandRing::consumed() {
  staged_ = false;
  file_.store_release(layout_.cmd_head(), expected_);
  ++expected_;
}

bool EventRing::ready() {
  if (next_ - host_head_ > layout_.evt_slots) host_head_ = file_.load_acquire(layout_.evt_head());
  return next_ - host_head_ <= layout_.evt_slots;
}

void EventRing::accept(const std::uint8_t* record) {
  std::uint64_t sequence;
  std::memcpy(&sequence, record, sizeof sequence);
  if (sequence != next_ && sequence_error_.empty()) {
    sequence_error_ = "the model numbered an event " + std::to_string(sequence) + " where " +
                      std::to_string(next_) + " was next";
  }
  const std::size_t at = slot(next_);
  std::memcpy(file_.at(at) + 8, record + 8, abi::kRecordBytes - 8);
  file_.store_release(at, sequence);
  ++next_;
}

void Backoff::idle() {
  ++idles_;
  if (idles_ <= 64) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  } else if (idles_ <= 80 || max_sleep_ns_ == 0) {
    sched_yield();  // --idle-us 0: never sleep (lowest latency; the process keeps a core busy)
  } else {
    const struct timespec ts {0, static_cast<long>(sleep_ns_)};
    nanosleep(&ts, nullptr);
    const std::uint64_t cap = ++sleeps_ < kDeepIdleSleeps || max_sleep_ns_ > kDeepIdleSleepNs
                                  ? max_sleep_ns_
                                  : kDeepIdleSleepNs;
    sleep_ns_ = sleep_ns_ * 2 > cap ? cap : sleep_ns_ * 2;
  }
}

// ---------------------------------------------------------------------------------------------

ShmCard::ShmCard(const CardOptions& options)
    : options_(options),
      layout_{options.cmd_slots, options.evt_slots},
      controller_(options.controller),
      commands_(file_, layout_),
      events_(file_, layout_) {}

ShmCard::~ShmCard() {
  controller_.finish();
  if (opened_ && options_.unlink_on_exit) unlink(options_.device_path.c_str());
}

std::string ShmCard::open() {
  if (!abi::is_power_of_two(layout_.cmd_slots) || !abi::is_power_of_two(layout_.evt_slots)) {
    return "ring sizes must be powers of two: --cmd-slots " + std::to_string(layout_.cmd_slots) +
           ", --evt-slots " + std::to_string(layout_.evt_slots);
  }
  std::string error = file_.open(options_.device_path, layout_);
  if (!error.empty()) return error;
  opened_ = true;
  std::memset(file_.at(0), 0, layout_.size());
  file_.store_relaxed(abi::kRegBuildId, XB_BUILD_ID);
  file_.store_relaxed(abi::kRegCmdRingSlots, layout_.cmd_slots);
  file_.store_relaxed(abi::kRegEvtRingSlots, layout_.evt_slots);
  start_reset();
  mirror();
  return {};
}

void ShmCard::start_reset() {
  std::memset(file_.at(layout_.cmd_ring()), 0, layout_.size() - layout_.cmd_ring());
  commands_.restart();
  events_.restart();
  fault_code_ = abi::kFaultNone;
  controller_.pulse_reset();
  reset_cycle_ = controller_.cycles();
  phase_ = Phase::kInitialising;
}

void ShmCard::raise_fault(std::uint64_t code, const std::string& why) {
  if (fault_code_ != abi::kFaultNone) return;
  fault_code_ = code;
  std::fprintf(stderr, "xb-card: FAULT at cycle %llu: %s\n",
               static_cast<unsigned long long>(controller_.cycles()), why.c_str());
  controller_.fail(why);
  mirror();
}

void ShmCard::advance_phase() {
  const std::uint64_t status = controller_.read_reg(abi::kRegStatus);
  if (status == abi::kStatusFault) {
    raise_fault(controller_.read_reg(abi::kRegFaultCode), "the model reported FAULT while starting");
    phase_ = Phase::kServing;
  } else if (phase_ == Phase::kInitialising && status == abi::kStatusReady) {
    if (options_.autorun) {
      controller_.write_reg(abi::kRegControl, abi::kControlRun);
      phase_ = Phase::kStarting;
    } else {
      phase_ = Phase::kServing;
    }
  } else if (phase_ == Phase::kStarting && status == abi::kStatusRunning) {
    phase_ = Phase::kServing;
  } else if (controller_.cycles() - reset_cycle_ > options_.controller.init_timeout_cycles) {
    raise_fault(abi::kFaultInternalInvariant,
                "STATUS still " + std::to_string(status) + " " +
                    std::to_string(controller_.cycles() - reset_cycle_) + " cycles after reset");
    phase_ = Phase::kServing;
  }
}

void ShmCard::mirror() {
  for (const std::uint32_t offset : kMirrored) {
    file_.store_relaxed(offset, controller_.read_reg(offset));
  }
  for (int i = 0; i < abi::kLatencyBuckets; ++i) {
    const std::uint32_t offset = abi::kRegLatencyHistogram + 8 * i;
    file_.store_relaxed(offset, controller_.read_reg(offset));
  }
  if (fault_code_ != abi::kFaultNone) {
    file_.store_relaxed(abi::kRegStatus, abi::kStatusFault);
    file_.store_relaxed(abi::kRegFaultCode, fault_code_);
  }
  // The window's heartbeat is the harness's: it advances on every mirror pass, whether or not
  // the model has work, so it stops only when the process stops.
  file_.store_relaxed(abi::kRegHeartbeat, ++heartbeat_);
  file_.store_release(abi::kRegMagic, controller_.read_reg(abi::kRegMagic));
  mirrored_cycles_ = controller_.cycles();
}

void ShmCard::apply_control() {
  const std::uint64_t control = file_.exchange(abi::kRegControl, 0);
  if (control == 0) return;
  if (control == abi::kControlReset) {
    start_reset();
  } else {
    controller_.write_reg(abi::kRegControl, control);
  }
}

bool ShmCard::has_work() {
  return phase_ != Phase::kServing || controller_.write_pending() || controller_.in_flight() > 0 ||
         commands_.peek() != nullptr;
}

int ShmCard::run(volatile std::sig_atomic_t& stop) {
  Backoff backoff(options_.idle_us);
  auto next_mirror = std::chrono::steady_clock::now();
  while (stop == 0) {
    int cycles = 0;
    unsigned moved = 0;
    if (phase_ != Phase::kServing) {
      for (; cycles < kBatchCycles; ++cycles) moved |= controller_.step(nullptr, &events_);
      advance_phase();
    } else {
      const std::uint64_t stalls = controller_.stall_cycles();
      for (; cycles < kBatchCycles && has_work(); ++cycles) {
        moved |= controller_.step(&commands_, &events_);
        if (controller_.stall_cycles() != stalls) break;  // event ring full: wait for the host
      }
    }
    if (!events_.sequence_error().empty()) {
      raise_fault(abi::kFaultInternalInvariant, events_.sequence_error());
    }
    if (controller_.assertion_failed()) {
      raise_fault(abi::kFaultInternalInvariant, controller_.error());
    }
    if (controller_.timed_out() && events_.ready()) {
      raise_fault(abi::kFaultInternalInvariant,
                  "no handshake for " + std::to_string(controller_.cycles_since_progress()) +
                      " cycles with " + std::to_string(controller_.in_flight()) +
                      " commands in flight");
    }

    // The heartbeat advances every period; the model's registers are read (a model evaluation
    // each) only if it was clocked since they were last mirrored: an idle card reads none.
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_mirror) {
      apply_control();
      if (controller_.cycles() != mirrored_cycles_) {
        mirror();
      } else {
        file_.store_relaxed(abi::kRegHeartbeat, ++heartbeat_);
      }
      next_mirror = now + kMirrorPeriod;
    }

    // Idle when there is nothing to do, when the event ring is full, or when a command waits
    // and the model, with nothing in flight, does not take it (halted, not yet running).
    const bool blocked = moved == 0 && (controller_.in_flight() == 0 || !events_.ready());
    if (cycles == 0 || (phase_ == Phase::kServing && blocked)) {
      backoff.idle();
    } else {
      backoff.reset();
    }
  }
  mirror();
  if (!options_.quiet) {
    std::fprintf(stderr,
                 "xb-card: stopped after %llu cycles: %llu commands, %llu events, %llu cycles "
                 "stalled on a full event ring\n",
                 static_cast<unsigned long long>(controller_.cycles()),
                 static_cast<unsigned long long>(controller_.commands_taken()),
                 static_cast<unsigned long long>(controller_.events_taken()),
                 static_cast<unsigned long long>(controller_.stall_cycles()));
  }
  controller_.finish();
  return controller_.exit_code();
}

}  // namespace xb
