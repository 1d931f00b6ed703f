package io.crossbar.device;

import io.crossbar.scenario.ScenarioContext;
import org.agrona.DirectBuffer;

/**
 * Comparing and showing 64-byte records: the byte-for-byte comparison that masks the one field
 * outside determinism (a COMPLETE record's latency in cycles, bytes 32..35), and readable forms
 * for reports of a divergence.
 */
public final class Records
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Records()
    {
    }

    /**
     * The first byte at which two event records differ, ignoring the latency of a COMPLETE
     * record; -1 when they are equal.
     */
    public static int firstDifference(final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset)
    {
        final boolean complete = (a.getByte(aOffset + DeviceLayout.KIND_OFFSET) & 0xFF) == DeviceLayout.EVENT_COMPLETE &&
            (b.getByte(bOffset + DeviceLayout.KIND_OFFSET) & 0xFF) == DeviceLayout.EVENT_COMPLETE;
        for (int i = 0; i < DeviceLayout.RECORD_LENGTH; i += 8)
        {
            long x = a.getLong(aOffset + i);
            long y = b.getLong(bOffset + i);
            if (complete && i == DeviceLayout.COMPLETE_LATENCY_OFFSET)
            {
                x &= 0xFFFF_FFFF_0000_0000L;
                y &= 0xFFFF_FFFF_0000_0000L;
            }
            if (x != y)
            {
                return i + Long.numberOfTrailingZeros(x ^ y) / 8;
            }
        }
        return -1;
    }

    /** The record as 64 hex bytes in groups of eight, byte 0 first. */
    public static String hex(final DirectBuffer buffer, final int offset)
    {
        final StringBuilder sb = new StringBuilder(64 * 2 + 8);
        for (int i = 0; i < DeviceLayout.RECORD_LENGTH; i++)
        {
            if (i > 0 && i % 8 == 0)
            {
                sb.append(' ');
            }
            final int b = buffer.getByte(offset + i) & 0xFF;
            sb.append(HEX[b >>> 4]).append(HEX[b & 15]);
        }
        return sb.toString();
    }

    /** An event in the scenario format (ids as numbers), completion records spelled out. */
    public static String describeEvent(final DirectBuffer buffer, final int offset)
    {
        final int kind = buffer.getByte(offset + DeviceLayout.KIND_OFFSET) & 0xFF;
        if (kind == DeviceLayout.EVENT_COMPLETE)
        {
            return "complete #" + buffer.getLong(offset) + " of command " +
                buffer.getLong(offset + DeviceLayout.COMPLETE_COMMAND_SEQUENCE_OFFSET) +
                " kind=" + (buffer.getByte(offset + 9) & 0xFF) + " outcome=" + (buffer.getByte(offset + 10) & 0xFF) +
                " events=" + buffer.getInt(offset + 12) + " affected=" + buffer.getInt(offset + 16) +
                " latency=" + Integer.toUnsignedString(buffer.getInt(offset + DeviceLayout.COMPLETE_LATENCY_OFFSET));
        }
        try
        {
            return "#" + buffer.getLong(offset) + " " + new ScenarioContext("device").describe(buffer, offset);
        }
        catch (final RuntimeException ex)
        {
            return "#" + buffer.getLong(offset) + " unreadable event kind " + kind;
        }
    }
}
