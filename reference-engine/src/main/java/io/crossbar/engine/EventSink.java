package io.crossbar.engine;

import org.agrona.DirectBuffer;

/**
 * Receives the engine's output, one 64-byte event record per call, in stream order. The buffer is
 * the engine's scratch space: copy what you need before returning.
 */
@FunctionalInterface
public interface EventSink
{
    void onEvent(DirectBuffer buffer, int offset);
}
