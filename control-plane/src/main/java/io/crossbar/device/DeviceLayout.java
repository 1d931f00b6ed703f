package io.crossbar.device;

/**
 * The device memory of docs/device-abi.md: register offsets, codes and where the rings and
 * progress lines sit. The card harness has the same numbers in {@code sim/src/device_abi.h}.
 * <pre>
 * offset 0                     register window, 4 KiB (64-bit little-endian registers)
 * offset 4096                  command ring: 2^n slots of 64 bytes, host -> card
 * offset 4096 + 64 * 2^n       event ring:   2^m slots of 64 bytes, card -> host
 * then                         card's command head: last command sequence consumed  (own line)
 * then + 64                    host's event head:   last event sequence consumed    (own line)
 *
 * a slot:  byte 0          8                                              63
 *          [ sequence u64 | record body, kind at byte 8                     ]
 *            written last with a release store, polled with an acquire load
 * </pre>
 * Slot {@code i} of a ring holds sequences {@code i, i + slots, i + 2 * slots, ...}: commands
 * are numbered 1, 2, 3, ... from a reset and events likewise, so the sequence the reader waits
 * for names the slot it polls. A writer reuses a slot only once the reader's head has passed the
 * record it held.
 */
public final class DeviceLayout
{
    public static final int RECORD_LENGTH = 64;
    public static final int WINDOW_LENGTH = 4096;

    public static final int MAGIC = 0x000;
    public static final int ABI_VERSION = 0x008;
    public static final int BUILD_ID = 0x010;
    public static final int CAP_INSTRUMENTS = 0x018;
    public static final int CAP_LEVELS_PER_SIDE = 0x020;
    public static final int CAP_ORDER_SLOTS = 0x028;
    public static final int CAP_ACCOUNTS = 0x030;
    public static final int CMD_RING_SLOTS = 0x038;
    public static final int EVT_RING_SLOTS = 0x040;
    public static final int CONTROL = 0x100;
    public static final int STATUS = 0x108;
    public static final int FAULT_CODE = 0x110;
    public static final int HEARTBEAT = 0x118;
    public static final int CYCLES = 0x200;
    public static final int COMMANDS = 0x208;
    public static final int EVENTS = 0x210;
    public static final int REJECTS = 0x218;
    public static final int TRADES = 0x220;
    public static final int STALL_CYCLES = 0x228;
    public static final int LATENCY_MIN = 0x230;
    public static final int LATENCY_MAX = 0x238;
    public static final int LATENCY_SUM = 0x240;
    public static final int LATENCY_COUNT = 0x248;
    public static final int LATENCY_HISTOGRAM = 0x300;
    public static final int LATENCY_BUCKETS = 16;

    /** "XBARCARD" little-endian. */
    public static final long MAGIC_VALUE = 0x4452_4143_5241_4258L;
    public static final int ABI_MAJOR = 1;
    public static final int ABI_MINOR = 0;

    public static final long CONTROL_RESET = 1;
    public static final long CONTROL_RUN = 2;
    public static final long CONTROL_HALT = 3;

    public static final int STATUS_RESET = 0;
    public static final int STATUS_INITIALISING = 1;
    public static final int STATUS_READY = 2;
    public static final int STATUS_RUNNING = 3;
    public static final int STATUS_HALTED = 4;
    public static final int STATUS_FAULT = 5;

    /** Byte 8 of every record; COMPLETE (7) ends every command's events. */
    public static final int KIND_OFFSET = 8;
    public static final int EVENT_COMPLETE = 7;
    /** The completion record's command sequence (bytes 24..31). */
    public static final int COMPLETE_COMMAND_SEQUENCE_OFFSET = 24;
    /** The completion record's latency in cycles (bytes 32..35): the one field outside determinism. */
    public static final int COMPLETE_LATENCY_OFFSET = 32;

    private final int commandSlots;
    private final int eventSlots;

    public DeviceLayout(final int commandSlots, final int eventSlots)
    {
        requirePowerOfTwo("command ring slots", commandSlots);
        requirePowerOfTwo("event ring slots", eventSlots);
        this.commandSlots = commandSlots;
        this.eventSlots = eventSlots;
    }

    public int commandSlots()
    {
        return commandSlots;
    }

    public int eventSlots()
    {
        return eventSlots;
    }

    public long commandRing()
    {
        return WINDOW_LENGTH;
    }

    public long eventRing()
    {
        return commandRing() + (long)RECORD_LENGTH * commandSlots;
    }

    /** The card's command head: the sequence of the last command it consumed. */
    public long commandHead()
    {
        return eventRing() + (long)RECORD_LENGTH * eventSlots;
    }

    /** The host's event head: the sequence of the last event it consumed. */
    public long eventHead()
    {
        return commandHead() + RECORD_LENGTH;
    }

    public long size()
    {
        return eventHead() + RECORD_LENGTH;
    }

    public long commandSlot(final long sequence)
    {
        return commandRing() + (long)RECORD_LENGTH * (sequence & (commandSlots - 1));
    }

    public long eventSlot(final long sequence)
    {
        return eventRing() + (long)RECORD_LENGTH * (sequence & (eventSlots - 1));
    }

    public static String statusName(final long status)
    {
        return switch ((int)status)
        {
            case STATUS_RESET -> "RESET";
            case STATUS_INITIALISING -> "INITIALISING";
            case STATUS_READY -> "READY";
            case STATUS_RUNNING -> "RUNNING";
            case STATUS_HALTED -> "HALTED";
            case STATUS_FAULT -> "FAULT";
            default -> "status " + status;
        };
    }

    public static String faultName(final long code)
    {
        return switch ((int)code)
        {
            case 0 -> "NONE";
            case 1 -> "INTERNAL_INVARIANT";
            case 2 -> "COMMAND_SEQUENCE_GAP";
            case 3 -> "EVENT_RING_STALL";
            default -> "fault code " + code;
        };
    }

    private static void requirePowerOfTwo(final String what, final int value)
    {
        if (value < 2 || Integer.bitCount(value) != 1 || value > (1 << 24))
        {
            throw new IllegalArgumentException(what + " must be a power of two in [2, 2^24]: " + value);
        }
    }

    public String toString()
    {
        return "DeviceLayout{commandSlots=" + commandSlots + ", eventSlots=" + eventSlots + ", size=" + size() + '}';
    }
}
