// device_abi.h: the offsets and codes of docs/device-abi.md, for the harness side of the rings.
// The Java side has the same numbers in io.crossbar.device.DeviceLayout; the two must agree.
#pragma once

#include <cstdint>
#include <cstddef>

namespace xb::abi {

constexpr std::size_t kRecordBytes = 64;
constexpr std::size_t kWindowBytes = 4096;

// Register window (64-bit, little-endian), byte offsets.
constexpr std::uint32_t kRegMagic = 0x000;
constexpr std::uint32_t kRegAbiVersion = 0x008;
constexpr std::uint32_t kRegBuildId = 0x010;
constexpr std::uint32_t kRegCapInstruments = 0x018;
constexpr std::uint32_t kRegCapLevelsPerSide = 0x020;
constexpr std::uint32_t kRegCapOrderSlots = 0x028;
constexpr std::uint32_t kRegCapAccounts = 0x030;
constexpr std::uint32_t kRegCmdRingSlots = 0x038;
constexpr std::uint32_t kRegEvtRingSlots = 0x040;
constexpr std::uint32_t kRegControl = 0x100;
constexpr std::uint32_t kRegStatus = 0x108;
constexpr std::uint32_t kRegFaultCode = 0x110;
constexpr std::uint32_t kRegHeartbeat = 0x118;
constexpr std::uint32_t kRegCycles = 0x200;
constexpr std::uint32_t kRegCommands = 0x208;
constexpr std::uint32_t kRegEvents = 0x210;
constexpr std::uint32_t kRegRejects = 0x218;
constexpr std::uint32_t kRegTrades = 0x220;
constexpr std::uint32_t kRegStallCycles = 0x228;
constexpr std::uint32_t kRegLatencyMin = 0x230;
constexpr std::uint32_t kRegLatencyMax = 0x238;
constexpr std::uint32_t kRegLatencySum = 0x240;
constexpr std::uint32_t kRegLatencyCount = 0x248;
constexpr std::uint32_t kRegLatencyHistogram = 0x300;  // 16 registers
constexpr int kLatencyBuckets = 16;

constexpr std::uint64_t kMagic = 0x4452414352414258ULL;  // "XBARCARD" little-endian
constexpr std::uint64_t kAbiVersion = (1u << 16) | 0u;  // 1.0

enum Control : std::uint64_t { kControlReset = 1, kControlRun = 2, kControlHalt = 3 };

enum Status : std::uint64_t {
  kStatusReset = 0,
  kStatusInitialising = 1,
  kStatusReady = 2,
  kStatusRunning = 3,
  kStatusHalted = 4,
  kStatusFault = 5,
};

enum FaultCode : std::uint64_t {
  kFaultNone = 0,
  kFaultInternalInvariant = 1,
  kFaultCommandSequenceGap = 2,
  kFaultEventRingStall = 3,
};

// Record fields the harness needs (device.xml): sequence in bytes 0..7, kind in byte 8.
constexpr std::size_t kKindByte = 8;
constexpr std::uint8_t kEventComplete = 7;

// Device memory:
//
//   0                      register window, 4 KiB
//   4096                   command ring: cmd_slots x 64 bytes, host -> card
//   4096 + 64*cmd_slots    event ring:   evt_slots x 64 bytes, card -> host
//   then                   card's command head (last command sequence consumed), own 64-byte line
//   then + 64              host's event head (last event sequence consumed), own 64-byte line
struct Layout {
  std::uint64_t cmd_slots;
  std::uint64_t evt_slots;

  std::size_t cmd_ring() const { return kWindowBytes; }
  std::size_t evt_ring() const { return cmd_ring() + kRecordBytes * cmd_slots; }
  std::size_t cmd_head() const { return evt_ring() + kRecordBytes * evt_slots; }
  std::size_t evt_head() const { return cmd_head() + kRecordBytes; }
  std::size_t size() const { return evt_head() + kRecordBytes; }
};

constexpr bool is_power_of_two(std::uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

}  // namespace xb::abi
