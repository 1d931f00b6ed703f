package io.crossbar.engine;

import org.agrona.DirectBuffer;

/**
 * Receives the engine's output as 64-byte event records in stream order. The engine hands over
 * records in batches of up to 64: when 64 are waiting, and when the last command of a
 * {@code process} call has completed (a call of one command hands over that command's records,
 * its COMPLETE record last). The buffer is the engine's scratch space: copy what you need before
 * returning.
 */
@FunctionalInterface
public interface EventSink
{
    /**
     * One record.
     *
     * @param buffer holding the record.
     * @param offset of the record's first byte.
     */
    void onEvent(DirectBuffer buffer, int offset);

    /**
     * Consecutive records, 64 bytes apart. By default each goes to {@link #onEvent}; a consumer
     * that reads a batch in one loop overrides this.
     *
     * @param buffer holding the records.
     * @param offset of the first record's first byte.
     * @param count  of records, at least one.
     */
    default void onEvents(final DirectBuffer buffer, final int offset, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            onEvent(buffer, offset + i * EventEmitter.RECORD_LENGTH);
        }
    }
}
