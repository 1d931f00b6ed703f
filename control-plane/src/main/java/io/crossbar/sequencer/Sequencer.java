package io.crossbar.sequencer;

import io.aeron.ExclusivePublication;
import io.crossbar.sbe.journal.InputKind;
import io.crossbar.sbe.journal.InputSource;
import io.crossbar.sbe.journal.MessageHeaderEncoder;
import io.crossbar.sbe.journal.SequencedInputEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The one writer of the input sequence. Every input that changes state gets the next sequence
 * number and the sequencer's timestamp here and is appended to the journal publication, which
 * Aeron Archive records; the device driver reads it back from the journal, so what the card
 * sees is exactly what was recorded, in that order.
 * <p>
 * The clock is read by the owner once per duty cycle and passed in ({@link #clock(long)}); the
 * sequencer keeps timestamps strictly increasing so that each input's time is unique.
 * {@link #append} returns Aeron's offer result: negative means nothing was written and no
 * sequence number was used (the caller retries the same input later).
 */
public final class Sequencer
{
    private static final int RECORD_CAPACITY = 256;

    private final ExclusivePublication journal;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RECORD_CAPACITY]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SequencedInputEncoder input = new SequencedInputEncoder();
    private final byte[] noCommand = new byte[SequencedInputEncoder.commandLength()];
    private long nextSequence;
    private long lastTimestampNs;
    private long nowNs;

    /**
     * @param journal      the recorded publication.
     * @param nextSequence the sequence number of the next input (1 for an empty journal).
     * @param lastTimestampNs the last timestamp in the journal (0 for an empty journal).
     */
    public Sequencer(final ExclusivePublication journal, final long nextSequence, final long lastTimestampNs)
    {
        this.journal = journal;
        this.nextSequence = nextSequence;
        this.lastTimestampNs = lastTimestampNs;
    }

    /** The owner's clock reading for this duty cycle, ns since the epoch. */
    public void clock(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    /**
     * Journal one input.
     *
     * @param command the 64-byte device record at {@code commandOffset}, or null for none.
     * @return the journal position after the input (positive), or Aeron's negative offer result.
     */
    public long append(
        final InputKind kind,
        final InputSource source,
        final long uuid,
        final long firmId,
        final long clOrdId,
        final long origClOrdId,
        final long clientSeqNum,
        final int refTemplateId,
        final int reason,
        final int sessionFlags,
        final DirectBuffer command,
        final int commandOffset)
    {
        final long timestampNs = Math.max(nowNs, lastTimestampNs + 1);
        input.wrapAndApplyHeader(buffer, 0, header)
            .sequence(nextSequence)
            .timestampNs(timestampNs)
            .uuid(uuid)
            .clOrdId(clOrdId)
            .origClOrdId(origClOrdId)
            .clientSeqNum(clientSeqNum)
            .firmId(firmId)
            .refTemplateId(refTemplateId)
            .kind(kind)
            .source(source)
            .sessionFlags((short)sessionFlags);
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + SequencedInputEncoder.reasonEncodingOffset(), (byte)reason);
        if (command != null)
        {
            input.putCommand(command, commandOffset, SequencedInputEncoder.commandLength());
        }
        else
        {
            input.putCommand(noCommand, 0, noCommand.length);
        }
        final long result = journal.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + input.encodedLength());
        if (result > 0)
        {
            nextSequence++;
            lastTimestampNs = timestampNs;
        }
        return result;
    }

    /** The sequence number the next input will get. */
    public long nextSequence()
    {
        return nextSequence;
    }

    public ExclusivePublication publication()
    {
        return journal;
    }
}
