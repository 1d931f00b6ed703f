package io.crossbar.bench.e2e;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.crossbar.appliance.Appliance;
import io.crossbar.appliance.ApplianceConfig;
import io.crossbar.appliance.ApplianceContext;
import io.crossbar.marketdata.MarketDataContext;
import io.crossbar.appliance.FirmSpec;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.client.OrderEntryListener;
import io.crossbar.device.DeviceContext;
import io.crossbar.gateway.Gateway;
import io.crossbar.sbe.orderentry.BusinessRejectDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportCanceledDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportNewDecoder;
import io.crossbar.sbe.orderentry.ExecutionReportRejectDecoder;
import io.crossbar.sbe.orderentry.OrderCancelRejectDecoder;
import io.crossbar.sbe.orderentry.Side;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.HdrHistogram.Histogram;

/**
 * Order to first report through the whole appliance over Aeron: one order-entry session of firm 1
 * on loopback UDP, the gateway, the sequencer, the Aeron Archive-recorded journal, the device and
 * the execution report back. Measured the way {@link AeronEcho} measures the bare transport, so
 * the two can be divided.
 * <p>
 * {@link #openLoop}: requests at planned times ({@code start + i / rate}); request {@code i} is an
 * order resting at 49,950 (never trades) when {@code i} is even and the cancel of order
 * {@code i - 1} when odd, so the book holds at most one order. Each request's latency runs from its
 * planned send time to the first report that names its client order id (ExecutionReportNew for an
 * order, ExecutionReportCanceled for a cancel, or a reject): a stalled sender or appliance delays
 * every later request and shows in their latency (no coordinated omission).
 * <p>
 * {@link #maxRate}: closed loop with a window of requests outstanding, for the rate the
 * appliance acknowledges; also used to write a long journal for the recovery measurement.
 */
public final class OrderRoundTrip implements AutoCloseable
{
    /** Orders rest here: inside BTC-PERP's band (49,900 .. 50,100), bought only, so nothing trades. */
    public static final long PRICE = 49_950;
    static final int ACCOUNT = 1;
    static final int INSTRUMENT = 0;
    private static final long FIRM = 1;

    private final String device;
    private final String idleStrategy;
    private final int port;
    private final Path journalDirectory;
    private boolean coreTimings;
    private Appliance appliance;
    private Aeron aeron;
    private OrderEntryClient client;
    private long nextClOrdId = 1;

    /**
     * @param device           reference, sim or sim-inproc.
     * @param idleStrategy     backoff, yielding or busy, for every thread of the appliance and the client.
     * @param port             the gateway on 127.0.0.1:port, market data on port + 1.
     * @param journalDirectory where Aeron Archive writes the journal.
     */
    public OrderRoundTrip(final String device, final String idleStrategy, final int port, final Path journalDirectory)
    {
        this.device = device;
        this.idleStrategy = idleStrategy;
        this.port = port;
        this.journalDirectory = journalDirectory;
    }

    /** The appliance context the bench launches: the demo firms, its own ports, throttles out of the way. */
    public static ApplianceContext context(
        final String device, final String idleStrategy, final int port, final Path journalDirectory)
    {
        final ApplianceContext ctx = new ApplianceContext()
            .config(ApplianceConfig.demo())
            .journalDirectory(journalDirectory)
            .idleStrategy(idleStrategy)
            .device(device)
            .gateway(gatewayConfig(port))
            .marketData(new MarketDataContext().channel("aeron:udp?control=127.0.0.1:" + (port + 1) + "|control-mode=dynamic"));
        if (!"reference".equals(device))
        {
            // The card process idles like the rest of the run: yielding (or spinning) never sleeps,
            // so a sleep's timer slack is not counted as the card's share.
            ctx.deviceContext(new DeviceContext().engineConfig(ApplianceContext.smallCard())
                .idleMicros("backoff".equals(idleStrategy) ? new DeviceContext().idleMicros() : 0));
        }
        return ctx;
    }

    /** The defaults, on the bench's port, with order and cancel throttles far above what one client sends. */
    public static Gateway.Config gatewayConfig(final int port)
    {
        return Gateway.Config.defaults()
            .withChannel("aeron:udp?endpoint=127.0.0.1:" + port)
            .withThrottles(100_000_000L, 1_000_000L, 100_000_000L, 1_000_000L);
    }

    /** A session of firm 1 against the gateway on {@code port}. */
    public static OrderEntryClient connect(final Aeron aeron, final int port, final OrderEntryListener listener)
    {
        final FirmSpec firm = ApplianceConfig.demo().firm(FIRM);
        final OrderEntryClient client = new OrderEntryClient(new OrderEntryClient.Context()
            .aeron(aeron)
            .gatewayChannel("aeron:udp?endpoint=127.0.0.1:" + port)
            .firmId(firm.id())
            .accessKeyId(firm.accessKeyId())
            .secret(firm.secret())
            .keepAliveIntervalMs(1_000), listener);
        if (!client.connect(TimeUnit.SECONDS.toNanos(20)))
        {
            throw new IllegalStateException("could not establish a session: " + client.rejectText());
        }
        return client;
    }

    /**
     * Time the appliance core thread's steps ({@link io.crossbar.appliance.CoreTimings}; five clock
     * reads per duty cycle); read them from {@link #appliance()} after {@link #close()}.
     */
    public OrderRoundTrip coreTimings(final boolean enabled)
    {
        this.coreTimings = enabled;
        return this;
    }

    /** Launch the appliance and establish the session. */
    public OrderRoundTrip start()
    {
        appliance = Appliance.launch(context(device, idleStrategy, port, journalDirectory).coreTimings(coreTimings));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(appliance.aeronDirectory()));
        client = connect(aeron, port, new OrderEntryListener()
        {
        });
        return this;
    }

    public Appliance appliance()
    {
        return appliance;
    }

    /**
     * Open loop at {@code ratePerSecond} for {@code seconds}; latencies (ns) of every request
     * after the first {@code warmup} go to {@code latencies}.
     */
    public Result openLoop(final double seconds, final int ratePerSecond, final long warmup, final Histogram latencies)
    {
        final int total = (int)(seconds * ratePerSecond);
        final long intervalNs = 1_000_000_000L / ratePerSecond;
        final OpenLoopListener listener = new OpenLoopListener(nextClOrdId, total, warmup, latencies);
        client.listener(listener);
        final IdleStrategy idle = ApplianceContext.newIdleStrategy(idleStrategy);
        final long base = nextClOrdId;
        nextClOrdId += total;
        final long startNs = System.nanoTime() + 1_000_000L;
        listener.startNs = startNs;
        listener.intervalNs = intervalNs;
        final long sent = OpenLoop.run(startNs, total, intervalNs, 2_000_000_000L, idle,
            (index, plannedNs) ->
            {
                final int i = (int)index;
                final long result;
                if ((i & 1) == 0)
                {
                    result = client.limitOrder(base + i, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 1);
                }
                else
                {
                    final long orderId = listener.orderIds[i - 1];
                    if (orderId == 0)
                    {
                        listener.cancelsWithoutOrderId++;
                    }
                    result = client.cancel(base + i, base + i - 1,
                        orderId == 0 ? OrderEntryClient.NULL_ORDER_ID : orderId, ACCOUNT, INSTRUMENT, Side.BUY);
                }
                return result > 0;
            },
            client::poll,
            () -> listener.answered);
        if (listener.rejects > 0)
        {
            System.out.printf("  %d rejects, %d of them cancel rejects (first: %s); %d cancels were sent by origClOrdId " +
                "alone (the order's ExecutionReportNew had not arrived yet)%n", listener.rejects, listener.cancelRejects,
                listener.cancelRejectReason, listener.cancelsWithoutOrderId);
        }
        return new Result(sent, listener.answered, listener.rejects, 0);
    }

    /**
     * Closed loop: keep {@code window} requests outstanding (orders; each order's cancel is sent
     * when its ExecutionReportNew arrives) until {@code commands} requests were answered or
     * {@code seconds} passed.
     */
    public Result maxRate(final long commands, final double seconds, final int window)
    {
        final MaxRate maxRate = new MaxRate(client, nextClOrdId);
        final Result result = maxRate.run(idleStrategy, commands, seconds, window);
        nextClOrdId = maxRate.nextClOrdId();
        return result;
    }

    public void close()
    {
        if (client != null)
        {
            client.terminate();
        }
        CloseHelper.quietCloseAll(client, aeron, appliance);
    }

    /** What a run sent and heard; {@code elapsedNs} for closed-loop runs. */
    public record Result(long sent, long answered, long rejects, long elapsedNs)
    {
        public double perSecond()
        {
            return elapsedNs == 0 ? 0 : answered * 1e9 / elapsedNs;
        }
    }

    /** First report per request: its latency from the planned time. Arrays sized before the run. */
    private static final class OpenLoopListener implements OrderEntryListener
    {
        private final long base;
        private final int total;
        private final long warmup;
        private final Histogram latencies;
        private final long[] orderIds;
        private final boolean[] seen;
        private long startNs;
        private long intervalNs;
        private int answered;
        private long rejects;
        private long cancelRejects;
        private String cancelRejectReason;
        private long cancelsWithoutOrderId;

        OpenLoopListener(final long base, final int total, final long warmup, final Histogram latencies)
        {
            this.base = base;
            this.total = total;
            this.warmup = warmup;
            this.latencies = latencies;
            this.orderIds = new long[total];
            this.seen = new boolean[total];
        }

        private void answer(final long clOrdId, final long nowNs)
        {
            final long index = clOrdId - base;
            if (index < 0 || index >= total || seen[(int)index])
            {
                return;
            }
            seen[(int)index] = true;
            answered++;
            if (index >= warmup)
            {
                latencies.recordValue(Math.min(nowNs - (startNs + index * intervalNs), latencies.getHighestTrackableValue()));
            }
        }

        public void onNew(final ExecutionReportNewDecoder report)
        {
            final long nowNs = System.nanoTime();
            final long index = report.clOrdId() - base;
            if (index >= 0 && index < total)
            {
                orderIds[(int)index] = report.orderId();
            }
            answer(report.clOrdId(), nowNs);
        }

        public void onCanceled(final ExecutionReportCanceledDecoder report)
        {
            answer(report.clOrdId(), System.nanoTime());
        }

        public void onRejected(final ExecutionReportRejectDecoder report)
        {
            rejects++;
            answer(report.clOrdId(), System.nanoTime());
        }

        public void onCancelRejected(final OrderCancelRejectDecoder report)
        {
            rejects++;
            cancelRejects++;
            if (cancelRejectReason == null)
            {
                cancelRejectReason = report.reason().name();
            }
            answer(report.clOrdId(), System.nanoTime());
        }

        public void onBusinessReject(final BusinessRejectDecoder reject)
        {
            rejects++;
        }
    }
}
