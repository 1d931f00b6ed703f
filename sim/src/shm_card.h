// shm_card.h: the card as a process. Maps the device file of docs/device-abi.md, feeds the
// model from the command ring, writes its events into the event ring (never over a slot the
// host has not consumed), mirrors the model's registers into the window, takes CONTROL writes
// from it, and backs off when there is no work.
#pragma once

#include <csignal>
#include <cstdint>
#include <string>

#include "controller.h"
#include "device_abi.h"

namespace xb {

struct CardOptions {
  std::string device_path;
  std::uint64_t cmd_slots = 1024;
  std::uint64_t evt_slots = 4096;
  std::uint64_t idle_us = 50;   // longest back-off sleep when there is no work
  bool unlink_on_exit = false;  // remove the device file when the process ends
  bool autorun = true;          // write CONTROL = run once the model is READY
  bool quiet = false;
  ControllerOptions controller;
};

// The mapped device file, with the atomic accesses the ring protocol needs.
class DeviceFile {
 public:
  DeviceFile() = default;
  ~DeviceFile();
  DeviceFile(const DeviceFile&) = delete;
  DeviceFile& operator=(const DeviceFile&) = delete;

  // Opens (creating if needed) and maps the file at exactly layout.size() bytes.
  std::string open(const std::string& path, const abi::Layout& layout);
  std::uint8_t* at(std::size_t offset) const { return base_ + offset; }
  std::uint64_t load_acquire(std::size_t offset) const {
    return __atomic_load_n(word(offset), __ATOMIC_ACQUIRE);
  }
  void store_release(std::size_t offset, std::uint64_t value) {
    __atomic_store_n(word(offset), value, __ATOMIC_RELEASE);
  }
  void store_relaxed(std::size_t offset, std::uint64_t value) {
    __atomic_store_n(word(offset), value, __ATOMIC_RELAXED);
  }
  std::uint64_t exchange(std::size_t offset, std::uint64_t value) {
    return __atomic_exchange_n(word(offset), value, __ATOMIC_ACQ_REL);
  }

 private:
  std::uint64_t* word(std::size_t offset) const {
    return reinterpret_cast<std::uint64_t*>(base_ + offset);
  }
  std::uint8_t* base_ = nullptr;
  std::size_t size_ = 0;
  int fd_ = -1;
};

// Host -> card. Polls the sequence word of the next slot (acquire); once the model has taken
// the record, publishes the card's command head (release) so the host may reuse the slot.
class CommandRing final : public CommandSource {
 public:
  CommandRing(DeviceFile& file, const abi::Layout& layout) : file_(file), layout_(layout) {}
  const std::uint8_t* peek() override;
  void consumed() override;
  void restart() { expected_ = 1; staged_ = false; }
  std::uint64_t expected() const { return expected_; }

 private:
  std::size_t slot(std::uint64_t sequence) const {
    return layout_.cmd_ring() + abi::kRecordBytes * (sequence & (layout_.cmd_slots - 1));
  }
  DeviceFile& file_;
  abi::Layout layout_;
  std::uint64_t expected_ = 1;
  bool staged_ = false;
  std::uint8_t record_[abi::kRecordBytes];
};

// Card -> host. Ready only while the slot of the next event is free: the host's event head
// is read (acquire) only when the cached copy says the ring is full. The payload is written
// first and the sequence word last (release).
class EventRing final : public EventSink {
 public:
  EventRing(DeviceFile& file, const abi::Layout& layout) : file_(file), layout_(layout) {}
  bool ready() override;
  void accept(const std::uint8_t* record) override;
  void restart() { next_ = 1; host_head_ = 0; sequence_error_.clear(); }
  std::uint64_t next() const { return next_; }
  // Set when the model numbered an event other than expected (events from 1, no gaps).
  const std::string& sequence_error() const { return sequence_error_; }

 private:
  std::size_t slot(std::uint64_t sequence) const {
    return layout_.evt_ring() + abi::kRecordBytes * (sequence & (layout_.evt_slots - 1));
  }
  DeviceFile& file_;
  abi::Layout layout_;
  std::uint64_t next_ = 1;
  std::uint64_t host_head_ = 0;
  std::string sequence_error_;
};

// Sleeps longer the longer there is no work: spin, then yield, then sleep, doubling up to a cap
// (--idle-us); after a long quiet spell (kDeepIdleSleeps sleeps) up to a millisecond, because
// every wake-up costs CPU that a 2-core machine shares with the host. A cap of 0 never sleeps:
// it yields, for latency measurements (a sleep costs the kernel's timer slack, ~50 us, at least).
class Backoff {
 public:
  explicit Backoff(std::uint64_t max_sleep_us) : max_sleep_ns_(max_sleep_us * 1000) {}
  void idle();
  void reset() { idles_ = 0; sleeps_ = 0; sleep_ns_ = 1000; }

 private:
  static constexpr std::uint64_t kDeepIdleSleeps = 1000;
  static constexpr std::uint64_t kDeepIdleSleepNs = 1'000'000;
  std::uint64_t max_sleep_ns_;
  std::uint64_t idles_ = 0;
  std::uint64_t sleeps_ = 0;
  std::uint64_t sleep_ns_ = 1000;
};

class ShmCard {
 public:
  explicit ShmCard(const CardOptions& options);
  ~ShmCard();
  // Maps the device file, clears the rings, publishes the window and resets the model.
  std::string open();
  // Services the rings until stop becomes non-zero; returns the exit code.
  int run(volatile std::sig_atomic_t& stop);

 private:
  enum class Phase { kInitialising, kStarting, kServing };

  void start_reset();
  void advance_phase();
  void mirror();
  void apply_control();
  void raise_fault(std::uint64_t code, const std::string& why);
  bool has_work();

  CardOptions options_;
  abi::Layout layout_;
  SimController controller_;
  DeviceFile file_;
  CommandRing commands_;
  EventRing events_;
  Phase phase_ = Phase::kInitialising;
  std::uint64_t reset_cycle_ = 0;
  std::uint64_t heartbeat_ = 0;
  std::uint64_t mirrored_cycles_ = UINT64_MAX;
  std::uint64_t fault_code_ = abi::kFaultNone;
  bool opened_ = false;
};

}  // namespace xb
