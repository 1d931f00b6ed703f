// xbcard.cpp: the C ABI of xbcard.h over the simulation controller. Nothing throws across it.
#include "xbcard.h"

#include <cstring>
#include <exception>
#include <string>

#include "controller.h"
#include "device_abi.h"

#ifndef XB_BUILD_ID
#define XB_BUILD_ID 0ULL
#endif
#ifndef XB_PARAM_INSTRUMENTS
#define XB_PARAM_INSTRUMENTS 0
#define XB_PARAM_LEVELS 0
#define XB_PARAM_SLOTS 0
#define XB_PARAM_ACCOUNTS 0
#endif

#define XB_API extern "C" __attribute__((visibility("default")))

namespace {

thread_local std::string last_error;

// Commands offered and not yet taken by the model: a ring of XB_QUEUE_SLOTS records.
class CommandQueue final : public xb::CommandSource {
 public:
  const std::uint8_t* peek() override {
    return head_ == tail_ ? nullptr : slots_[head_ % XB_QUEUE_SLOTS];
  }
  void consumed() override { ++head_; }
  bool push(const std::uint8_t* record) {
    if (tail_ - head_ >= XB_QUEUE_SLOTS) return false;
    std::memcpy(slots_[tail_ % XB_QUEUE_SLOTS], record, XB_RECORD_BYTES);
    ++tail_;
    return true;
  }
  std::uint64_t size() const { return tail_ - head_; }

 private:
  std::uint8_t slots_[XB_QUEUE_SLOTS][XB_RECORD_BYTES];
  std::uint64_t head_ = 0;
  std::uint64_t tail_ = 0;
};

// Writes events straight into the caller's buffer; not ready once it is full, unless asked to
// drop the excess (xb_submit), in which case it counts what it dropped.
class BufferSink final : public xb::EventSink {
 public:
  void target(std::uint8_t* buffer, int capacity, bool drop_excess) {
    buffer_ = buffer;
    capacity_ = capacity;
    count_ = 0;
    dropped_ = 0;
    drop_excess_ = drop_excess;
  }
  bool ready() override { return drop_excess_ || count_ < capacity_; }
  void accept(const std::uint8_t* record) override {
    if (count_ < capacity_) {
      std::memcpy(buffer_ + static_cast<std::size_t>(count_) * XB_RECORD_BYTES, record,
                  XB_RECORD_BYTES);
      ++count_;
    } else {
      ++dropped_;
    }
  }
  int count() const { return count_; }
  std::uint64_t dropped() const { return dropped_; }
  bool full() const { return count_ >= capacity_; }

 private:
  std::uint8_t* buffer_ = nullptr;
  int capacity_ = 0;
  int count_ = 0;
  std::uint64_t dropped_ = 0;
  bool drop_excess_ = false;
};

}  // namespace

struct xb_card {
  explicit xb_card(const xb::ControllerOptions& options) : controller(options) {}

  xb::SimController controller;
  CommandQueue queue;
  BufferSink sink;
  std::string error;

  std::uint64_t outstanding() const { return queue.size() + controller.in_flight(); }

  int fail(int code, const std::string& message) {
    if (error.empty()) error = message;
    return code;
  }

  // Clock while commands are outstanding and the sink can take more. Returns XB_OK, or an
  // error when nothing moved for the timeout or the card reports a fault.
  int clock_until_done() {
    while (outstanding() > 0 && sink.ready()) {
      controller.step(&queue, &sink);
      if (controller.assertion_failed()) return fail(XB_ESTATE, controller.error());
      const std::uint64_t idle = controller.cycles_since_progress();
      if (idle > 0 && idle % 4096 == 0) {
        if (controller.read_reg(xb::abi::kRegStatus) == xb::abi::kStatusFault) {
          return fail(XB_ESTATE, "card reported FAULT (fault code " +
                                     std::to_string(controller.read_reg(xb::abi::kRegFaultCode)) +
                                     ") at cycle " + std::to_string(controller.cycles()));
        }
        if (idle >= controller.options().timeout_cycles) {
          return fail(XB_ETIMEOUT, "no handshake for " + std::to_string(idle) + " cycles with " +
                                       std::to_string(outstanding()) +
                                       " commands outstanding, at cycle " +
                                       std::to_string(controller.cycles()));
        }
      }
    }
    return XB_OK;
  }
};

namespace {

template <typename F>
int guarded(xb_card* card, F&& body) {
  if (card == nullptr) return XB_EARG;
  try {
    return body();
  } catch (const std::exception& e) {
    return card->fail(XB_EINTERNAL, std::string("exception: ") + e.what());
  } catch (...) {
    return card->fail(XB_EINTERNAL, "unknown exception");
  }
}

}  // namespace

XB_API xb_card* xb_create_traced(const char* trace_path, uint64_t trace_from, uint64_t trace_to) {
  try {
    xb::ControllerOptions options;
    if (trace_path != nullptr) options.trace_path = trace_path;
    options.trace_from = trace_from;
    options.trace_to = trace_to;
    auto* card = new xb_card(options);
    std::string error = card->controller.reset();
    if (error.empty()) error = card->controller.run();
    if (error.empty() && !card->controller.error().empty()) error = card->controller.error();
    if (!error.empty()) {
      last_error = "xb_create: " + error;
      delete card;
      return nullptr;
    }
    return card;
  } catch (const std::exception& e) {
    last_error = std::string("xb_create: exception: ") + e.what();
  } catch (...) {
    last_error = "xb_create: unknown exception";
  }
  return nullptr;
}

XB_API xb_card* xb_create(const char* trace_path) {
  return xb_create_traced(trace_path, 0, UINT64_MAX);
}

XB_API void xb_destroy(xb_card* card) {
  try {
    delete card;
  } catch (...) {
    last_error = "xb_destroy: exception while finishing the model";
  }
}

XB_API const char* xb_last_error(void) { return last_error.c_str(); }

XB_API const char* xb_error(const xb_card* card) {
  return card == nullptr ? "null card" : card->error.c_str();
}

XB_API int xb_set_timeout(xb_card* card, uint64_t cycles) {
  return guarded(card, [&] {
    if (cycles == 0) return card->fail(XB_EARG, "xb_set_timeout: zero cycles");
    card->controller.set_timeout_cycles(cycles);
    return XB_OK;
  });
}

XB_API int xb_set_egress_stall(xb_card* card, uint32_t percent) {
  return guarded(card, [&] {
    if (percent > 99) return card->fail(XB_EARG, "xb_set_egress_stall: percent above 99");
    card->controller.set_egress_stall_percent(percent);
    return XB_OK;
  });
}

XB_API int xb_submit(xb_card* card, const uint8_t cmd[64], uint8_t* events, int max_events,
                     uint64_t* cycles) {
  return guarded(card, [&] {
    if (cmd == nullptr || events == nullptr || max_events <= 0) {
      return card->fail(XB_EARG, "xb_submit: null record or buffer, or max_events <= 0");
    }
    if (card->outstanding() != 0) {
      return card->fail(XB_ESTATE, "xb_submit: " + std::to_string(card->outstanding()) +
                                       " commands outstanding from xb_offer");
    }
    const std::uint64_t start = card->controller.cycles();
    card->queue.push(cmd);
    card->sink.target(events, max_events, true);
    const int rc = card->clock_until_done();
    if (cycles != nullptr) *cycles = card->controller.cycles() - start;
    if (rc != XB_OK) return rc;
    if (card->sink.dropped() > 0) {
      std::uint64_t sequence;
      std::memcpy(&sequence, cmd, sizeof sequence);
      return card->fail(XB_EOVERFLOW, "xb_submit: command " + std::to_string(sequence) +
                                           " produced " +
                                           std::to_string(card->sink.count() + card->sink.dropped()) +
                                           " events, room for " + std::to_string(max_events));
    }
    return card->sink.count();
  });
}

XB_API int xb_offer(xb_card* card, const uint8_t cmd[64]) {
  return guarded(card, [&] {
    if (cmd == nullptr) return card->fail(XB_EARG, "xb_offer: null record");
    return card->queue.push(cmd) ? XB_OK : XB_EFULL;
  });
}

XB_API int xb_poll(xb_card* card, uint8_t* events, int max_events) {
  return guarded(card, [&] {
    if (events == nullptr || max_events <= 0) {
      return card->fail(XB_EARG, "xb_poll: null buffer or max_events <= 0");
    }
    card->sink.target(events, max_events, false);
    const int rc = card->clock_until_done();
    return rc != XB_OK ? rc : card->sink.count();
  });
}

XB_API int xb_outstanding(const xb_card* card) {
  return card == nullptr ? XB_EARG : static_cast<int>(card->outstanding());
}

XB_API uint64_t xb_read_reg(xb_card* card, uint32_t offset) {
  if (card == nullptr) return 0;
  try {
    return card->controller.read_reg(offset);
  } catch (...) {
    card->fail(XB_EINTERNAL, "xb_read_reg: exception");
    return 0;
  }
}

XB_API void xb_write_reg(xb_card* card, uint32_t offset, uint64_t value) {
  if (card == nullptr) return;
  try {
    card->controller.write_reg(offset, value);
    card->sink.target(nullptr, 0, false);
    card->controller.step(&card->queue, nullptr);
  } catch (...) {
    card->fail(XB_EINTERNAL, "xb_write_reg: exception");
  }
}

XB_API uint64_t xb_cycles(const xb_card* card) {
  return card == nullptr ? 0 : card->controller.cycles();
}

XB_API uint64_t xb_build_id(void) { return XB_BUILD_ID; }

XB_API uint64_t xb_parameter(int which) {
  switch (which) {
    case 0: return XB_PARAM_INSTRUMENTS;
    case 1: return XB_PARAM_LEVELS;
    case 2: return XB_PARAM_SLOTS;
    case 3: return XB_PARAM_ACCOUNTS;
    default: return 0;
  }
}
