package io.crossbar.gateway;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;

/**
 * What the gateway counts, as Aeron counters: they live in the media driver's counters file, so
 * an operator reads them from outside the process while it runs ({@code crossbar stat}, or
 * Aeron's own AeronStat), as Aeron's own counters are read. One writer, the core thread, with
 * release stores; readers anywhere.
 */
public final class GatewayCounters implements AutoCloseable
{
    /** Type id of every Crossbar counter in the counters file (Aeron's own use ids below 1000). */
    public static final int TYPE_ID = 6_000;

    final Counter messagesIn;
    final Counter malformedFrames;
    final Counter unauthenticatedFrames;
    final Counter negotiationsAccepted;
    final Counter negotiationsRejected;
    final Counter establishmentsRejected;
    final Counter throttled;
    final Counter duplicateClOrdIds;
    final Counter notPermitted;
    final Counter sequenceGaps;
    final Counter retransmitRequests;
    final Counter disconnects;
    final Counter journalBackPressure;

    public GatewayCounters(final Aeron aeron)
    {
        messagesIn = aeron.addCounter(TYPE_ID, "crossbar gateway: messages in");
        malformedFrames = aeron.addCounter(TYPE_ID, "crossbar gateway: malformed frames");
        unauthenticatedFrames = aeron.addCounter(TYPE_ID, "crossbar gateway: frames from unauthenticated connections");
        negotiationsAccepted = aeron.addCounter(TYPE_ID, "crossbar gateway: negotiations accepted");
        negotiationsRejected = aeron.addCounter(TYPE_ID, "crossbar gateway: negotiations rejected");
        establishmentsRejected = aeron.addCounter(TYPE_ID, "crossbar gateway: establishments rejected");
        throttled = aeron.addCounter(TYPE_ID, "crossbar gateway: requests throttled");
        duplicateClOrdIds = aeron.addCounter(TYPE_ID, "crossbar gateway: duplicate client order ids");
        notPermitted = aeron.addCounter(TYPE_ID, "crossbar gateway: requests not permitted");
        sequenceGaps = aeron.addCounter(TYPE_ID, "crossbar gateway: sequence gaps");
        retransmitRequests = aeron.addCounter(TYPE_ID, "crossbar gateway: retransmit requests");
        disconnects = aeron.addCounter(TYPE_ID, "crossbar gateway: sessions disconnected");
        journalBackPressure = aeron.addCounter(TYPE_ID, "crossbar gateway: journal back-pressure");
    }

    public long messagesIn()
    {
        return messagesIn.get();
    }

    public long malformedFrames()
    {
        return malformedFrames.get();
    }

    /** Frames from a connection that never negotiated: there is nowhere to answer them. */
    public long unauthenticatedFrames()
    {
        return unauthenticatedFrames.get();
    }

    public long negotiationsAccepted()
    {
        return negotiationsAccepted.get();
    }

    public long negotiationsRejected()
    {
        return negotiationsRejected.get();
    }

    public long establishmentsRejected()
    {
        return establishmentsRejected.get();
    }

    public long throttled()
    {
        return throttled.get();
    }

    public long duplicateClOrdIds()
    {
        return duplicateClOrdIds.get();
    }

    public long notPermitted()
    {
        return notPermitted.get();
    }

    public long sequenceGaps()
    {
        return sequenceGaps.get();
    }

    public long retransmitRequests()
    {
        return retransmitRequests.get();
    }

    public long disconnects()
    {
        return disconnects.get();
    }

    public long journalBackPressure()
    {
        return journalBackPressure.get();
    }

    public void close()
    {
        CloseHelper.quietCloseAll(messagesIn, malformedFrames, unauthenticatedFrames, negotiationsAccepted,
            negotiationsRejected, establishmentsRejected, throttled, duplicateClOrdIds, notPermitted, sequenceGaps,
            retransmitRequests, disconnects, journalBackPressure);
    }

    @Override
    public String toString()
    {
        return "messagesIn=" + messagesIn() + " malformed=" + malformedFrames() + " unauthenticated=" +
            unauthenticatedFrames() + " negotiated=" + negotiationsAccepted() + " negotiationRejects=" +
            negotiationsRejected() + " establishRejects=" + establishmentsRejected() + " throttled=" + throttled() +
            " duplicates=" + duplicateClOrdIds() + " notPermitted=" + notPermitted() + " gaps=" + sequenceGaps() +
            " retransmits=" + retransmitRequests() + " disconnects=" + disconnects();
    }
}
