package io.crossbar.bench.e2e;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.crossbar.appliance.ApplianceContext;
import io.crossbar.sequencer.Journal;
import io.crossbar.sequencer.JournalArchive;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
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
 * <p>
 * {@link #journaled(Path)} makes it the <em>journaled echo</em>: the journal's floor. The echo
 * thread then does what the appliance's core thread does with an input, and nothing else: it
 * appends each message to the appliance's {@link Journal} (an Aeron IPC publication recorded by
 * Aeron Archive, the archive run on the echo thread as the appliance runs it on the core thread,
 * with the appliance's archive settings) and answers only with what the archive has recorded. The
 * appliance can be no faster than this; its distance from it is the gateway, sequencer, device and
 * reports.
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
    private Path journalDirectory;
    private AutoCloseable driver;
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

    /**
     * Journal every message before echoing it (the journal's floor, see the class comment), the
     * archive writing under {@code directory}. Call before {@link #start()}.
     */
    public AeronEcho journaled(final Path directory)
    {
        this.journalDirectory = directory;
        return this;
    }

    /**
     * Start the driver, the echo thread and the sender's connection; returns once connected both
     * ways. On a failure, what was started is closed before the exception leaves.
     */
    public AeronEcho start()
    {
        try
        {
            return startAll();
        }
        catch (final RuntimeException | Error ex)
        {
            close();
            throw ex;
        }
    }

    private AeronEcho startAll()
    {
        final String dir = "/dev/shm/crossbar-echo-" + ProcessHandle.current().pid();
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(ApplianceContext.newIdleStrategy(idleStrategy));
        final AgentInvoker archiveInvoker;
        if (journalDirectory == null)
        {
            driver = MediaDriver.launch(driverContext);
            archiveInvoker = null;
        }
        else
        {
            // The appliance's driver and archive settings (Appliance.start), the archive invoked by the echo thread.
            final ArchivingMediaDriver archivingDriver = ArchivingMediaDriver.launch(
                driverContext.spiesSimulateConnection(true),
                JournalArchive.context(dir, journalDirectory, true, () -> ApplianceContext.newIdleStrategy(idleStrategy)));
            driver = archivingDriver;
            archiveInvoker = archivingDriver.archive().invoker();
        }
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
        final Agent echo = archiveInvoker == null ? new Echo(echoIn, echoOut) :
            new JournaledEcho(echoIn, echoOut, aeron, archiveInvoker, idleStrategy);
        echoRunner = new AgentRunner(ApplianceContext.newIdleStrategy(idleStrategy), Throwable::printStackTrace, null, echo);
        AgentRunner.startOnThread(echoRunner);
        if (echo instanceof JournaledEcho journaled)
        {
            journaled.awaitStarted();
        }
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

    /**
     * The journaled echo: each message appended to the journal, the archive run, and answered from
     * the journal up to what the archive has recorded, as the appliance's core thread does
     * (gateway poll, archive invoke, journal poll). Set up on its own thread, which then alone
     * runs the archive.
     */
    private static final class JournaledEcho implements Agent, FragmentHandler
    {
        private final Subscription in;
        private final ExclusivePublication out;
        private final Aeron aeron;
        private final AgentInvoker archiveInvoker;
        private final String idleStrategy;
        private final CountDownLatch started = new CountDownLatch(1);
        private volatile Throwable startFailure;
        private AeronArchive archive;
        private Journal journal;
        private ExclusivePublication journalPublication;
        /** A recorded message: answer it, or take it again on the next poll when the answer is back-pressured. */
        private final ControlledFragmentHandler answer;

        JournaledEcho(
            final Subscription in,
            final ExclusivePublication out,
            final Aeron aeron,
            final AgentInvoker archiveInvoker,
            final String idleStrategy)
        {
            this.in = in;
            this.out = out;
            this.aeron = aeron;
            this.archiveInvoker = archiveInvoker;
            this.idleStrategy = idleStrategy;
            this.answer = (buffer, offset, length, header) -> out.offer(buffer, offset, length) > 0 ?
                ControlledFragmentHandler.Action.CONTINUE : ControlledFragmentHandler.Action.ABORT;
        }

        public void onStart()
        {
            try
            {
                archive = JournalArchive.connect(aeron,
                    JournalArchive.pumping(ApplianceContext.newIdleStrategy(idleStrategy), archiveInvoker::invoke));
                final ApplianceContext defaults = new ApplianceContext();
                journal = new Journal(aeron, archive, defaults.journalChannel(), defaults.journalStreamId());
                journalPublication = journal.startLive(10_000_000_000L, archiveInvoker::invoke);
            }
            catch (final Throwable ex)
            {
                startFailure = ex;
                throw ex;
            }
            finally
            {
                started.countDown();
            }
        }

        void awaitStarted()
        {
            try
            {
                started.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            if (startFailure != null)
            {
                throw new IllegalStateException("the journaled echo did not start", startFailure);
            }
        }

        public int doWork()
        {
            int work = in.poll(this, 16);
            work += archiveInvoker.invoke();
            work += journal.poll(answer, 64);
            return work;
        }

        /** A message in: append it to the journal. */
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            long result;
            while ((result = journalPublication.offer(buffer, offset, length)) == Publication.BACK_PRESSURED ||
                result == Publication.ADMIN_ACTION)
            {
                archiveInvoker.invoke();
            }
        }

        public void onClose()
        {
            CloseHelper.quietCloseAll(journal, archive, in, out);
        }

        public String roleName()
        {
            return "aeron-journaled-echo";
        }
    }
}
