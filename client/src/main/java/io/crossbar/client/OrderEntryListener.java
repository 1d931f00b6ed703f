package io.crossbar.client;

import io.crossbar.sbe.orderentry.BusinessRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportModifyDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportTradeDecoder;
import io.crossbar.sbe.orderentry.NotAppliedDecoder;
import io.crossbar.sbe.orderentry.OrderCancelRejectDecoder;
import io.crossbar.sbe.orderentry.OrderMassActionReportDecoder;
import io.crossbar.sbe.orderentry.RetransmitRejectDecoder;
import io.crossbar.sbe.orderentry.TerminateDecoder;

/**
 * What a session hears from the gateway. The decoders are the client's reusable flyweights over
 * the received message: read what you need before returning. Every method has an empty default,
 * so a listener implements only what it uses.
 */
public interface OrderEntryListener
{
    default void onNew(ExecutionReportNewDecoder report)
    {
    }

    default void onTrade(ExecutionReportTradeDecoder report)
    {
    }

    default void onCanceled(ExecutionReportCanceledDecoder report)
    {
    }

    default void onModified(ExecutionReportModifyDecoder report)
    {
    }

    default void onRejected(ExecutionReportRejectDecoder report)
    {
    }

    default void onCancelRejected(OrderCancelRejectDecoder report)
    {
    }

    default void onMassActionReport(OrderMassActionReportDecoder report)
    {
    }

    default void onBusinessReject(BusinessRejectDecoder reject)
    {
    }

    /** The gateway did not receive our seqNums [fromSeqNum, fromSeqNum + msgCount). */
    default void onNotApplied(NotAppliedDecoder notApplied)
    {
    }

    /** The gateway's seqNum jumped: messages [fromSeqNum, toSeqNum) are missing (recover with retransmit). */
    default void onGap(long fromSeqNum, long toSeqNum)
    {
    }

    /** The gateway ended the session. */
    default void onTerminate(TerminateDecoder terminate)
    {
    }

    /**
     * A {@code RetransmitRequest} was refused, with its reason and text: not held, more than a
     * request may ask, over the retransmission budget, or more than the connection can take now
     * (ask for fewer, or later). Nothing of it follows.
     */
    default void onRetransmitReject(RetransmitRejectDecoder reject)
    {
    }
}
