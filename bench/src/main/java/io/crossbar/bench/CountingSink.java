package io.crossbar.bench;

import io.crossbar.engine.EventSink;
import io.crossbar.sbe.device.EventKind;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * The event sink of the timed replays: counts events, reads one word of each (so that the engine's
 * output is consumed, not dead) and counts rejects, which must stay zero for a valid stream. A
 * command's records arrive as one batch, read in one loop as a consumer of the event ring would.
 */
public final class CountingSink implements EventSink
{
    private static final int RECORD = CommandRecords.RECORD; // events are 64-byte records too
    private static final int KIND_OFFSET = 8;
    private static final int WORD_OFFSET = 24;
    private static final byte REJECTED = (byte)EventKind.REJECTED.value();

    public long events;
    public long checksum;
    public long rejects;

    public void onEvent(final DirectBuffer buffer, final int offset)
    {
        events++;
        checksum += buffer.getLong(offset + WORD_OFFSET);
        if (buffer.getByte(offset + KIND_OFFSET) == REJECTED)
        {
            rejects++;
        }
    }

    public void onEvents(final DirectBuffer buffer, final int offset, final int count)
    {
        // One bounds check for the batch, then raw reads (native byte order: the word only feeds
        // the checksum), as a consumer of the event ring reads a batch it has claimed.
        buffer.boundsCheck(offset, count * RECORD);
        final byte[] array = buffer.byteArray();
        long address = buffer.addressOffset() + offset;
        long sum = 0;
        long rejected = 0;
        for (int i = 0; i < count; i++, address += RECORD)
        {
            sum += UnsafeApi.getLong(array, address + WORD_OFFSET);
            rejected += UnsafeApi.getByte(array, address + KIND_OFFSET) == REJECTED ? 1 : 0;
        }
        events += count;
        checksum += sum;
        if (rejected != 0)
        {
            rejects += rejected;
        }
    }

    public void clear()
    {
        events = 0;
        checksum = 0;
        rejects = 0;
    }
}
