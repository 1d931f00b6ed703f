package io.crossbar.gateway;

/**
 * What the gateway counts, readable by operators and tests. Plain fields written by the one
 * gateway thread; readers on other threads see them eventually (they are statistics).
 */
public final class GatewayCounters
{
    volatile long messagesIn;
    volatile long malformedFrames;
    volatile long unauthenticatedFrames;
    volatile long negotiationsAccepted;
    volatile long negotiationsRejected;
    volatile long establishmentsRejected;
    volatile long throttled;
    volatile long duplicateClOrdIds;
    volatile long notPermitted;
    volatile long sequenceGaps;
    volatile long retransmitRequests;
    volatile long disconnects;
    volatile long journalBackPressure;

    public long messagesIn()
    {
        return messagesIn;
    }

    public long malformedFrames()
    {
        return malformedFrames;
    }

    /** Frames from a connection that never negotiated: there is nowhere to answer them. */
    public long unauthenticatedFrames()
    {
        return unauthenticatedFrames;
    }

    public long negotiationsAccepted()
    {
        return negotiationsAccepted;
    }

    public long negotiationsRejected()
    {
        return negotiationsRejected;
    }

    public long establishmentsRejected()
    {
        return establishmentsRejected;
    }

    public long throttled()
    {
        return throttled;
    }

    public long duplicateClOrdIds()
    {
        return duplicateClOrdIds;
    }

    public long notPermitted()
    {
        return notPermitted;
    }

    public long sequenceGaps()
    {
        return sequenceGaps;
    }

    public long retransmitRequests()
    {
        return retransmitRequests;
    }

    public long disconnects()
    {
        return disconnects;
    }

    public long journalBackPressure()
    {
        return journalBackPressure;
    }

    @Override
    public String toString()
    {
        return "messagesIn=" + messagesIn + " malformed=" + malformedFrames + " unauthenticated=" +
            unauthenticatedFrames + " negotiated=" + negotiationsAccepted + " negotiationRejects=" +
            negotiationsRejected + " establishRejects=" + establishmentsRejected + " throttled=" + throttled +
            " duplicates=" + duplicateClOrdIds + " notPermitted=" + notPermitted + " gaps=" + sequenceGaps +
            " retransmits=" + retransmitRequests + " disconnects=" + disconnects;
    }
}
