package io.crossbar.engine;

import org.agrona.DirectBuffer;

/**
 * Receives the engine's output as 64-byte event records in stream order. The engine hands over a
 * command's records together once the command completes, in batches of up to 64 (a command with
 * more records is handed over in several batches, the last ending with its COMPLETE record). The
 * buffer is the engine's scratch space: copy what you need before returning.
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
