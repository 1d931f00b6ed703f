package io.crossbar.bench;

import io.crossbar.engine.EventSink;
import io.crossbar.engine.ReferenceEngine;
import io.crossbar.sbe.device.AcceptedEventDecoder;
import io.crossbar.sbe.device.EventKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Feeds precomputed command records to our engine so that the same records can be replayed in a
 * cycle. Order ids are the engine's to assign (slot and generation), so a record that names an
 * order carries a reference into an id table instead: before processing, the driver writes the id
 * the engine gave that order in the current cycle; when a new order is accepted, the sink stores
 * its id in the table slot the record names. The driver also stamps increasing sequence numbers.
 * <p>
 * Per command that is two array reads and up to two stores on top of the engine's work; the sink
 * otherwise does what {@link CountingSink} does (count, read one word, count rejects), and counts
 * trades so that benchmarks can check they traded as intended.
 */
public final class EngineDriver implements EventSink
{
    /** No id to substitute, or nowhere to store an accepted id. */
    public static final int NONE = -1;

    private static final int KIND_OFFSET = 8;
    private static final int WORD_OFFSET = 24;
    private static final int ACCEPTED_ID_OFFSET = AcceptedEventDecoder.orderIdEncodingOffset();
    private static final byte ACCEPTED = (byte)EventKind.ACCEPTED.value();
    private static final byte REJECTED = (byte)EventKind.REJECTED.value();
    private static final byte TRADE = (byte)EventKind.TRADE.value();

    private final ReferenceEngine engine;
    private final long[] ids;
    private int acceptSlot = NONE;
    private long sequence;

    public long events;
    public long checksum;
    public long rejects;
    public long trades;
    public long commands;

    public EngineDriver(final ReferenceEngine engine, final int idSlots)
    {
        this.engine = engine;
        this.ids = new long[idSlots];
    }

    public ReferenceEngine engine()
    {
        return engine;
    }

    public long id(final int slot)
    {
        return ids[slot];
    }

    /**
     * Process records {@code [from, to)} of a batch.
     *
     * @return the events emitted so far, for the benchmark to return.
     */
    public long run(final Batch batch, final int from, final int to)
    {
        final UnsafeBuffer records = batch.records;
        final int[] idRef = batch.idRef;
        final int[] acceptInto = batch.acceptInto;
        final long[] ids = this.ids;
        long sequence = this.sequence;
        for (int i = from; i < to; i++)
        {
            final int offset = i * CommandRecords.RECORD;
            records.putLong(offset + CommandRecords.SEQUENCE_OFFSET, ++sequence);
            final int ref = idRef[i];
            if (ref != NONE)
            {
                records.putLong(offset + CommandRecords.ORDER_ID_OFFSET, ids[ref]);
            }
            acceptSlot = acceptInto[i];
            engine.process(records, offset, this);
        }
        this.sequence = sequence;
        commands += to - from;
        return events;
    }

    /** Process a whole batch. */
    public long run(final Batch batch)
    {
        return run(batch, 0, batch.count);
    }

    public void onEvent(final DirectBuffer buffer, final int offset)
    {
        events++;
        checksum += buffer.getLong(offset + WORD_OFFSET);
        final byte kind = buffer.getByte(offset + KIND_OFFSET);
        if (kind == TRADE)
        {
            trades++;
        }
        else if (kind == ACCEPTED)
        {
            if (acceptSlot != NONE)
            {
                ids[acceptSlot] = buffer.getLong(offset + ACCEPTED_ID_OFFSET);
            }
        }
        else if (kind == REJECTED)
        {
            rejects++;
        }
    }

    /** Fail if the engine rejected anything: the benchmark would not measure what it claims. */
    public void requireNoRejects(final String what)
    {
        if (rejects != 0)
        {
            throw new IllegalStateException(what + ": the engine rejected " + rejects + " of " + commands + " commands");
        }
    }

    /**
     * A run of command records with, per record, the id-table slot whose id it names (or
     * {@link #NONE}) and the slot an accepted order's id goes to (or {@link #NONE}).
     */
    public static final class Batch
    {
        public final UnsafeBuffer records;
        public final int[] idRef;
        public final int[] acceptInto;
        public int count;

        public Batch(final int capacity)
        {
            records = new UnsafeBuffer(org.agrona.BufferUtil.allocateDirectAligned(capacity * CommandRecords.RECORD, 64));
            idRef = new int[capacity];
            acceptInto = new int[capacity];
        }

        /** Wrap existing records (for example a {@link PeerStream}'s), all with no ids to substitute. */
        public Batch(final UnsafeBuffer records, final int count)
        {
            this.records = records;
            this.idRef = new int[count];
            this.acceptInto = new int[count];
            java.util.Arrays.fill(idRef, NONE);
            java.util.Arrays.fill(acceptInto, NONE);
            this.count = count;
        }

        /** Claim the next record: returns its byte offset; the caller writes it. */
        public int next(final int idRefSlot, final int acceptSlot)
        {
            idRef[count] = idRefSlot;
            acceptInto[count] = acceptSlot;
            return count++ * CommandRecords.RECORD;
        }

        public int offsetOf(final int record)
        {
            return record * CommandRecords.RECORD;
        }
    }
}
