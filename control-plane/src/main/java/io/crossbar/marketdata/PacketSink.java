package io.crossbar.marketdata;

import org.agrona.DirectBuffer;

/**
 * Where a feed's finished packets go: an Aeron publication in the appliance, a list in unit
 * tests. Same contract as {@code io.aeron.Publication#offer(DirectBuffer, int, int)}: a
 * positive new position on success, else one of Aeron's negative codes; never blocks.
 */
@FunctionalInterface
interface PacketSink
{
    long offer(DirectBuffer buffer, int offset, int length);
}
