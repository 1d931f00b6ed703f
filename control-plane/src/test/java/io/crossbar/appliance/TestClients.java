package io.crossbar.appliance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.aeron.Aeron;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.client.OrderEntryListener;
import io.crossbar.sbe.orderentry.BusinessRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportModifyDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportTradeDecoder;
import io.crossbar.sbe.orderentry.NotAppliedDecoder;
import io.crossbar.sbe.orderentry.OrderCancelRejectDecoder;
import io.crossbar.sbe.orderentry.OrderMassActionReportDecoder;

/**
 * Test sessions against a running appliance, recording what each hears as readable lines.
 */
final class TestClients
{
    private TestClients()
    {
    }

    /** A listener that keeps one line per message, e.g. {@code NEW 7 order=... leaves=10}. */
    static final class Recorder implements OrderEntryListener
    {
        final List<String> lines = new ArrayList<>();
        final List<Long> orderIds = new ArrayList<>();
        long gaps;

        public void onNew(final ExecutionReportNewDecoder r)
        {
            orderIds.add(r.orderId());
            lines.add("NEW " + r.clOrdId() + " " + r.side() + " " + r.quantity() + "@" + r.price() + " leaves=" + r.leavesQty() +
                " seq=" + r.seqNum());
        }

        public void onTrade(final ExecutionReportTradeDecoder r)
        {
            lines.add("TRADE " + r.clOrdId() + " " + r.lastQty() + "@" + r.lastPrice() + " cum=" + r.cumQty() + " leaves=" +
                r.leavesQty() + " " + r.ordStatus() + " aggressor=" + r.aggressor() + " avg=" + r.avgPrice());
        }

        public void onCanceled(final ExecutionReportCanceledDecoder r)
        {
            lines.add("CANCELED " + r.clOrdId() + " orig=" + r.origClOrdId() + " qty=" + r.canceledQty() + " " + r.reason());
        }

        public void onModified(final ExecutionReportModifyDecoder r)
        {
            lines.add("REPLACED " + r.clOrdId() + " orig=" + r.origClOrdId() + " " + r.quantity() + "@" + r.price());
        }

        public void onRejected(final ExecutionReportRejectDecoder r)
        {
            lines.add("REJECTED " + r.clOrdId() + " " + r.reason());
        }

        public void onCancelRejected(final OrderCancelRejectDecoder r)
        {
            lines.add("CANCEL_REJECTED " + r.clOrdId() + " " + r.cxlRejResponseTo() + " " + r.reason());
        }

        public void onMassActionReport(final OrderMassActionReportDecoder r)
        {
            lines.add("MASS " + r.clOrdId() + " " + r.massActionResponse() + " affected=" + r.totalAffectedOrders() + " " +
                r.reason());
        }

        public void onBusinessReject(final BusinessRejectDecoder r)
        {
            lines.add("BUSINESS_REJECT ref=" + r.refSeqNum() + " template=" + r.refTemplateId() + " " + r.reason());
        }

        public void onNotApplied(final NotAppliedDecoder n)
        {
            lines.add("NOT_APPLIED " + n.fromSeqNum() + "+" + n.msgCount());
        }

        public void onTerminate(final io.crossbar.sbe.orderentry.TerminateDecoder terminate)
        {
            lines.add("TERMINATE " + terminate.code());
        }

        public void onRetransmitReject(final io.crossbar.sbe.orderentry.RetransmitRejectDecoder reject)
        {
            lines.add("RETRANSMIT_REJECT " + reject.reason() + " " + reject.text());
        }

        public void onGap(final long from, final long to)
        {
            gaps++;
        }

        boolean has(final String prefix)
        {
            return lines.stream().anyMatch((line) -> line.startsWith(prefix));
        }
    }

    /** An appliance context on free UDP ports, so tests never collide with another appliance on the machine. */
    static ApplianceContext context(final ApplianceConfig config, final Path journal)
    {
        final ApplianceContext context = new ApplianceContext().config(config).journalDirectory(journal).onFreeLoopbackPorts();
        context.marketData().statisticsIntervalNs(100_000_000L);
        return context;
    }

    /** The subscriber's channel for the appliance's market data. */
    static String marketDataChannel(final Appliance appliance)
    {
        return appliance.context().marketData().subscriberChannel();
    }

    static OrderEntryClient.Context firm(
        final Appliance appliance, final Aeron aeron, final ApplianceConfig config, final long firmId)
    {
        final FirmSpec firm = config.firm(firmId);
        return new OrderEntryClient.Context()
            .aeron(aeron)
            .gatewayChannel(appliance.gatewayChannel())
            .firmId(firm.id())
            .accessKeyId(firm.accessKeyId())
            .secret(firm.secret())
            .keepAliveIntervalMs(500);
    }

    static OrderEntryClient connect(final OrderEntryClient.Context context, final OrderEntryListener recorder)
    {
        final OrderEntryClient client = new OrderEntryClient(context, recorder);
        assertTrue(client.connect(TimeUnit.SECONDS.toNanos(10)), () -> "connect failed: " + client.rejectText());
        return client;
    }

    /** Poll the clients until {@code condition} holds, or fail after 10 s with {@code what}. */
    static void await(final String what, final BooleanSupplier condition, final OrderEntryClient... clients)
    {
        await(() -> what, condition, clients);
    }

    /** As above, with a description made when it fails (it may show state at that time). */
    static void await(
        final java.util.function.Supplier<String> what, final BooleanSupplier condition, final OrderEntryClient... clients)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            int work = 0;
            for (final OrderEntryClient client : clients)
            {
                work += client.poll();
            }
            if (System.nanoTime() > deadlineNs)
            {
                fail("timed out waiting for " + what.get());
            }
            if (work == 0)
            {
                Thread.yield();
            }
        }
    }
}
