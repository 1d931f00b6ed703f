// xb-card: one simulated card as a process, serving the device file of docs/device-abi.md.
//   xb-card --device /dev/shm/NAME [--cmd-slots 2^n] [--evt-slots 2^m] [--idle-us N]
//           [--trace FILE [--trace-from C] [--trace-to C]] [--timeout-cycles N]
//           [--unlink-on-exit] [--no-run] [--quiet]
// Exits 0 on SIGTERM/SIGINT (or when its parent dies), 1 if the card faulted, 2 on bad usage.
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "shm_card.h"

namespace {

volatile std::sig_atomic_t stop_requested = 0;

void on_signal(int) { stop_requested = 1; }

const char* const kUsage =
    "usage: xb-card --device PATH [--cmd-slots N] [--evt-slots N] [--idle-us N]\n"
    "               [--trace FILE [--trace-from CYCLE] [--trace-to CYCLE]]\n"
    "               [--timeout-cycles N] [--unlink-on-exit] [--no-run] [--quiet]\n"
    "  --device PATH        the device file to create or map (e.g. /dev/shm/xbcard)\n"
    "  --cmd-slots N        command ring slots, a power of two (default 1024)\n"
    "  --evt-slots N        event ring slots, a power of two (default 4096)\n"
    "  --idle-us N          longest back-off sleep when idle, microseconds (default 50; 0: never sleep, yield)\n"
    "  --trace FILE         dump an FST waveform of cycles [trace-from, trace-to)\n"
    "  --timeout-cycles N   FAULT when commands are in flight and nothing moves for N cycles\n"
    "  --unlink-on-exit     remove the device file on exit\n"
    "  --no-run             leave the card READY after reset (the host writes CONTROL = run)\n"
    "  --quiet              no summary on exit\n";

// Parses the options; returns an error message, empty when all is well.
std::string parse(int argc, char** argv, xb::CardOptions& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    auto number = [&](std::uint64_t& out) {
      std::string text;
      if (!value(text)) return false;
      char* end = nullptr;
      errno = 0;
      out = std::strtoull(text.c_str(), &end, 0);
      return errno == 0 && end != text.c_str() && *end == '\0';
    };
    bool ok = true;
    if (arg == "--device") ok = value(options.device_path);
    else if (arg == "--cmd-slots") ok = number(options.cmd_slots);
    else if (arg == "--evt-slots") ok = number(options.evt_slots);
    else if (arg == "--idle-us") ok = number(options.idle_us);
    else if (arg == "--trace") ok = value(options.controller.trace_path);
    else if (arg == "--trace-from") ok = number(options.controller.trace_from);
    else if (arg == "--trace-to") ok = number(options.controller.trace_to);
    else if (arg == "--timeout-cycles") ok = number(options.controller.timeout_cycles);
    else if (arg == "--unlink-on-exit") options.unlink_on_exit = true;
    else if (arg == "--no-run") options.autorun = false;
    else if (arg == "--quiet") options.quiet = true;
    else if (arg == "--help" || arg == "-h") return "help";
    else return "unknown option '" + arg + "'";
    if (!ok) return "option " + arg + " needs a value (a number where one is expected)";
  }
  if (options.device_path.empty()) return "--device is required";
  if (options.cmd_slots < 2 || options.cmd_slots > (1u << 24) || options.evt_slots < 2 ||
      options.evt_slots > (1u << 24)) {
    return "ring sizes must be between 2 and 2^24 slots";
  }
  if (!options.controller.trace_path.empty()) {
    // The trace opens when its window starts; find out now whether it can be written.
    std::FILE* trace = std::fopen(options.controller.trace_path.c_str(), "w");
    if (trace == nullptr) {
      return "cannot write the trace file " + options.controller.trace_path + ": " + std::strerror(errno);
    }
    std::fclose(trace);
  }
  return {};
}

// Stop on SIGTERM/SIGINT/SIGHUP, and when the parent process dies.
bool install_signals() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGTERM, SIGINT, SIGHUP}) sigaction(signal, &action, nullptr);
  const pid_t parent = getppid();
  if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0) return false;
  prctl(PR_SET_TIMERSLACK, 1000UL);  // back-off sleeps of a few microseconds, not 50
  return getppid() == parent;        // the parent died before the death signal was armed
}

}  // namespace

int main(int argc, char** argv) {
  xb::CardOptions options;
  const std::string usage_error = parse(argc, argv, options);
  if (!usage_error.empty()) {
    if (usage_error != "help") std::fprintf(stderr, "xb-card: %s\n", usage_error.c_str());
    std::fputs(kUsage, usage_error == "help" ? stdout : stderr);
    return usage_error == "help" ? 0 : 2;
  }
  if (!install_signals()) return 0;
  xb::ShmCard card(options);
  const std::string error = card.open();
  if (!error.empty()) {
    std::fprintf(stderr, "xb-card: %s\n", error.c_str());
    return 2;
  }
  return card.run(stop_requested);
}
