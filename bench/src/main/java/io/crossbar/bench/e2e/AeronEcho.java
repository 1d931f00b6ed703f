package io.crossbar.bench.e2e;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.crossbar.appliance.ApplianceContext;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.HdrHistogram.Histogram;

/**
 * The limit the appliance is measured against: a bare Aeron UDP echo on loopback with the
 * appliance's media-driver set-up (embedded, SHARED threading, the same idle strategy), a message
 * of a NewOrderSingle's size, and the echo on its own thread as the appliance's core thread is.
 * Whatever the appliance adds above this (gateway, sequencer, journal recording, device, reports)
 * is its own cost; what both pay (the driver, the loopback, the scheduler on two cores) is not.
 * <p>
 * The sender is open loop, as {@link OrderRoundTrip}'s: message {@code i} is due at
 * {@code start + i / rate} and carries that planned time, so a stall delays every later message
 * and shows in their latency (no coordinated omission).
 */
public final class AeronEcho implements AutoCloseable
{
    private static final int PING_STREAM_ID = 7_101;
    private static final int PONG_STREAM_ID = 7_102;
    private static final int SEQUENCE_OFFSET = 0;
    private static final int PLANNED_OFFSET = 8;

    private final String pingChannel;
    private final String pongChannel;
    private final String idleStrategy;
    private final int messageLength;
    private MediaDriver driver;
    private Aeron aeron;
    private AgentRunner echoRunner;
    private ExclusivePublication ping;
    private Subscription pong;

    /**
     * @param port          the echo listens on 127.0.0.1:port and answers on port + 1.
     * @param idleStrategy  backoff, yielding or busy (as {@link ApplianceContext#idleStrategy(String)}).
     * @param messageLength bytes per message (a NewOrderSingle's encoded length).
     */
    public AeronEcho(final int port, final String idleStrategy, final int messageLength)
    {
        this.pingChannel = "aeron:udp?endpoint=127.0.0.1:" + port;
        this.pongChannel = "aeron:udp?endpoint=127.0.0.1:" + (port + 1);
        this.idleStrategy = idleStrategy;
        this.messageLength = Math.max(16, messageLength);
    }

    /** Start the driver, the echo thread and the sender's connection; returns once connected both ways. */
    public AeronEcho start()
    {
        final String dir = "/dev/shm/crossbar-echo-" + ProcessHandle.current().pid();
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(ApplianceContext.newIdleStrategy(idleStrategy)));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir));
        final Subscription echoIn = aeron.addSubscription(pingChannel, PING_STREAM_ID);
        final ExclusivePublication echoOut = aeron.addExclusivePublication(pongChannel, PONG_STREAM_ID);
        pong = aeron.addSubscription(pongChannel, PONG_STREAM_ID);
        ping = aeron.addExclusivePublication(pingChannel, PING_STREAM_ID);
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (!ping.isConnected() || !echoOut.isConnected())
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("the echo did not connect on loopback");
            }
            Thread.yield();
        }
        echoRunner = new AgentRunner(ApplianceContext.newIdleStrategy(idleStrategy), Throwable::printStackTrace, null,
            new Echo(echoIn, echoOut));
        AgentRunner.startOnThread(echoRunner);
        return this;
    }

    /**
     * Send at {@code ratePerSecond} for {@code seconds}, open loop; record the round trip (ns from
     * the planned send time) of every message after the first {@code warmup} into {@code latencies}.
     *
     * @return the messages that got no answer within a second of the last send.
     */
    public long run(final double seconds, final int ratePerSecond, final long warmup, final Histogram latencies)
    {
        final long total = (long)(seconds * ratePerSecond);
        final long intervalNs = 1_000_000_000L / ratePerSecond;
        final UnsafeBuffer message = new UnsafeBuffer(new byte[messageLength]);
        final Receiver receiver = new Receiver(warmup, latencies);
        final IdleStrategy idle = ApplianceContext.newIdleStrategy(idleStrategy);
        OpenLoop.run(System.nanoTime() + 1_000_000L, total, intervalNs, 1_000_000_000L, idle,
            (index, plannedNs) ->
            {
                message.putLong(SEQUENCE_OFFSET, index);
                message.putLong(PLANNED_OFFSET, plannedNs);
                return ping.offer(message, 0, messageLength) > 0;
            },
            () -> pong.poll(receiver, 16),
            () -> receiver.received);
        return total - receiver.received;
    }

    public void close()
    {
        CloseHelper.quietClose(echoRunner);
        CloseHelper.quietCloseAll(ping, pong, aeron, driver);
    }

    /** Records each answer's latency from the planned send time it carries. */
    private static final class Receiver implements FragmentHandler
    {
        private final long warmup;
        private final Histogram latencies;
        private long received;

        Receiver(final long warmup, final Histogram latencies)
        {
            this.warmup = warmup;
            this.latencies = latencies;
        }

        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final long nowNs = System.nanoTime();
            if (buffer.getLong(offset + SEQUENCE_OFFSET) >= warmup)
            {
                latencies.recordValue(Math.min(nowNs - buffer.getLong(offset + PLANNED_OFFSET), latencies.getHighestTrackableValue()));
            }
            received++;
        }
    }

    /** The echo: every message back as it came, on its own thread. */
    private static final class Echo implements Agent, FragmentHandler
    {
        private final Subscription in;
        private final ExclusivePublication out;

        Echo(final Subscription in, final ExclusivePublication out)
        {
            this.in = in;
            this.out = out;
        }

        public int doWork()
        {
            return in.poll(this, 16);
        }

        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            long result;
            while ((result = out.offer(buffer, offset, length)) == Publication.BACK_PRESSURED ||
                result == Publication.ADMIN_ACTION)
            {
                Thread.onSpinWait();
            }
        }

        public void onClose()
        {
            CloseHelper.quietCloseAll(in, out);
        }

        public String roleName()
        {
            return "aeron-echo";
        }
    }
}
