package io.crossbar.gateway;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The last {@code capacity} application messages a session was sent, by seqNum, for
 * retransmission. Fixed slots, allocated when the session is established (or, for a session the
 * journal's replay rebuilds, with its first message; a session negotiated and never established
 * holds none), and given up by {@link #release} once the session has terminated; a message longer
 * than a slot is cut (retransmit then refuses it), which the encoders' bounded text never reaches.
 */
final class OutboundLog
{
    static final int SLOT_LENGTH = 256;
    private static final int LENGTH_PREFIX = 4;

    private UnsafeBuffer slots; // null until the session is established or its first message, and after release()
    private boolean released;
    private final int mask;
    private long firstSeqNum = 1;
    private long nextSeqNum = 1;

    OutboundLog(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.mask = capacity - 1;
    }

    /** Store the message with seqNum {@link #nextSeqNum()}. */
    void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (slots == null)
        {
            if (released)
            {
                // Given up: the seqNum goes on, nothing is kept (no allocation on the report path).
                nextSeqNum++;
                firstSeqNum = nextSeqNum;
                return;
            }
            ensureAllocated(); // a session rebuilt by the journal's replay
        }
        final int at = (int)(nextSeqNum & mask) * SLOT_LENGTH;
        final int stored = Math.min(length, SLOT_LENGTH - LENGTH_PREFIX);
        slots.putInt(at, length);
        slots.putBytes(at + LENGTH_PREFIX, buffer, offset, stored);
        nextSeqNum++;
        if (nextSeqNum - firstSeqNum > mask + 1)
        {
            firstSeqNum = nextSeqNum - (mask + 1);
        }
    }

    /**
     * Give up the stored messages: the seqNums go on from where they were, but none is held for
     * retransmission any more, nor any later one until {@link #ensureAllocated}.
     */
    void release()
    {
        slots = null;
        released = true;
        firstSeqNum = nextSeqNum;
    }

    /** Allocate the slots if they are not (a session established, or again after a release). */
    void ensureAllocated()
    {
        if (slots == null)
        {
            slots = new UnsafeBuffer(new byte[(mask + 1) * SLOT_LENGTH]);
            released = false;
        }
    }

    /** Whether messages are stored (memory held). */
    boolean allocated()
    {
        return slots != null;
    }

    int capacity()
    {
        return mask + 1;
    }

    /** The oldest seqNum still held; {@link #nextSeqNum()} when none is. */
    long firstSeqNum()
    {
        return firstSeqNum;
    }

    long nextSeqNum()
    {
        return nextSeqNum;
    }

    /** Whether [from, from + count) is still held. */
    boolean holds(final long fromSeqNum, final long count)
    {
        // Subtracted rather than added: fromSeqNum + count could wrap past Long.MAX_VALUE into range.
        return fromSeqNum >= firstSeqNum && count > 0 && fromSeqNum <= nextSeqNum - count;
    }

    /** Length of the stored message, or -1 when it was too long to keep. */
    int length(final long seqNum)
    {
        final int at = (int)(seqNum & mask) * SLOT_LENGTH;
        final int length = slots.getInt(at);
        return length > SLOT_LENGTH - LENGTH_PREFIX ? -1 : length;
    }

    int offset(final long seqNum)
    {
        return (int)(seqNum & mask) * SLOT_LENGTH + LENGTH_PREFIX;
    }

    UnsafeBuffer buffer()
    {
        return slots;
    }
}
