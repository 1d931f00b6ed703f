package io.crossbar.appliance;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.aeron.Counter;
import io.aeron.archive.ArchiveMarkFile;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.crossbar.device.Device;
import io.crossbar.device.DeviceHealth;
import io.crossbar.device.Devices;
import io.crossbar.device.ReferenceDevice;
import io.crossbar.driver.DeviceDriver;
import io.crossbar.driver.MarketDataSink;
import io.crossbar.engine.CommandWriter;
import io.crossbar.gateway.Gateway;
import io.crossbar.gateway.GatewayCounters;
import io.crossbar.gateway.SessionRegistry;
import io.crossbar.marketdata.MarketDataPublisher;
import io.crossbar.sbe.journal.InputKind;
import io.crossbar.sbe.journal.InputSource;
import io.crossbar.sequencer.Journal;
import io.crossbar.sequencer.JournalArchive;
import io.crossbar.sequencer.Sequencer;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The appliance in one process: an embedded Aeron media driver with Aeron Archive, the device
 * (reference engine, simulated card or PCIe card), and one core thread that runs the gateway, the
 * sequencer, the device driver and market data in turn. One thread for the whole order path keeps
 * it deterministic and lock-free and leaves the machine's other core to the media driver.
 * <p>
 * Start-up: open the device, replay the journal into it (rebuilding sessions, order ids and
 * books), then start this run's journal recording; on an empty journal, sequence the configured
 * instruments, margins and accounts as the first inputs; then open the gateway.
 */
public final class Appliance implements AutoCloseable
{
    /** The file in the journal directory that the running appliance holds locked. */
    public static final String JOURNAL_LOCK_FILE = "appliance.lock";
    /** The configuration the journal was started with, beside it (see {@code JournalConfiguration}). */
    public static final String JOURNAL_CONFIGURATION_FILE = JournalConfiguration.FILE_NAME;

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long DEAD_DRIVER_TIMEOUT_MS = 30_000L;
    /** How often the driver's counts are published to the counters file. */
    private static final long COUNTERS_INTERVAL_NS = 1_000_000L;

    private final ApplianceContext ctx;
    private final String aeronDirectory;
    private ArchivingMediaDriver mediaDriver;
    private Aeron aeron;
    private AeronArchive archive;
    private Device device;
    private Journal journal;
    private Sequencer sequencer;
    private SessionRegistry registry;
    private DeviceDriver driver;
    private Gateway gateway;
    private MarketDataSink marketData = MarketDataSink.NONE;
    private volatile AgentRunner runner;
    private final ManyToOneConcurrentArrayQueue<Runnable> tasks = new ManyToOneConcurrentArrayQueue<>(64);
    private long replayedInputs;
    private long replayNs;
    private volatile Throwable lastError;
    private volatile String deviceProblem;
    private Counter commandsCounter;
    private Counter tradesCounter;
    private Counter reportsCounter;
    private Counter liveOrdersCounter;
    private Counter inputsCounter;
    private Counter deviceUnavailableCounter;
    private Counter unansweredCounter;
    private AgentInvoker archiveInvoker;
    private final CoreTimings coreTimings;
    private Thread coreThread;
    private FileChannel journalLockChannel;
    private FileLock journalLock;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Throwable startFailure;

    private Appliance(final ApplianceContext ctx)
    {
        this.ctx = ctx.conclude();
        this.aeronDirectory = ctx.aeronDirectory() != null ? ctx.aeronDirectory() :
            "/dev/shm/crossbar-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        this.coreTimings = ctx.coreTimings() ? new CoreTimings() : null;
    }

    /**
     * Start the appliance; returns once it is trading (the journal replayed, the gateway open).
     * Everything, start-up and shutdown included, runs on the core thread: with the archive on
     * that thread (Aeron's INVOKER mode) the archive must only ever be run by one thread.
     */
    public static Appliance launch(final ApplianceContext ctx)
    {
        final Appliance appliance = new Appliance(ctx);
        final Thread core = new Thread(appliance::runCore, "crossbar-core");
        appliance.coreThread = core;
        core.start();
        try
        {
            appliance.started.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the appliance started", ex);
        }
        if (appliance.startFailure != null)
        {
            try
            {
                core.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            final Throwable failure = appliance.startFailure;
            if (failure instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw new IllegalStateException(failure);
        }
        return appliance;
    }

    /** The core thread: start, run the duty cycle until closed, release everything. */
    private void runCore()
    {
        try
        {
            start();
        }
        catch (final Throwable ex)
        {
            startFailure = ex;
            release();
            started.countDown();
            return;
        }
        runner = new AgentRunner(ctx.newIdleStrategy(), this::onError, null, new CoreAgent());
        started.countDown();
        runner.run();
    }

    private void start()
    {
        lockJournal();
        if (ctx.embeddedMediaDriver() && ctx.aeronDirectory() == null)
        {
            removeDeadDriverDirectories();
        }
        // First, as it may take a while (building the simulated card): nothing else waits on it yet.
        device = Devices.open(ctx.device(), ctx.deviceContext());
        if (ctx.embeddedMediaDriver())
        {
            final MediaDriver.Context driverContext = new MediaDriver.Context()
                .aeronDirectoryName(aeronDirectory)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(ctx.newIdleStrategy())
                .spiesSimulateConnection(true);
            mediaDriver = ArchivingMediaDriver.launch(driverContext, JournalArchive.context(
                aeronDirectory, ctx.journalDirectory(), ctx.archiveOnCoreThread(), ctx::newIdleStrategy));
            archiveInvoker = mediaDriver.archive().invoker();
        }
        // Aeron hands an exception thrown inside a poll to this handler and carries on: record it
        // as the core thread's error, so that it is never lost.
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory).errorHandler(this::onError));
        // Blocking archive requests made on this thread run the archive while they wait.
        archive = JournalArchive.connect(aeron, JournalArchive.pumping(ctx.newIdleStrategy(), this::pumpArchive));
        registry = new SessionRegistry(ctx.config().firms(), ctx.outboundLogCapacity(), ctx.clOrdIdCapacity());
        marketData = ctx.marketDataEnabled() ?
            new MarketDataPublisher(aeron, ctx.marketData(), ctx.config().instruments()) : MarketDataSink.NONE;
        driver = new DeviceDriver(device, registry, marketData, ctx.inFlightCapacity());
        journal = new Journal(aeron, archive, ctx.journalChannel(), ctx.journalStreamId());

        // The journal set the card up as it was started: refuse to serve it with another
        // configuration, before its replay into a card it was not written for.
        final List<String> configuration = JournalConfiguration.describe(ctx.config(), device.info().engineConfig());
        final List<Journal.Recording> recordings = journal.recordings(); // listed once: the replay reads the same
        final boolean journalHoldsInputs = recordings.stream()
            .anyMatch((recording) -> recording.stopPosition() > recording.startPosition());
        if (journalHoldsInputs)
        {
            JournalConfiguration.check(ctx.journalDirectory(), configuration);
        }

        final long replayStartNs = System.nanoTime();
        marketData.live(false);
        driver.replaying(true);
        journal.replay(recordings, driver, () -> drainDevice() + pumpArchive(), ctx.replayTimeoutNs());
        while (driver.inFlight() > 0)
        {
            if (drainDevice() == 0)
            {
                Thread.onSpinWait();
            }
        }
        replayedInputs = driver.lastSequence();
        replayNs = System.nanoTime() - replayStartNs;
        driver.replaying(false);
        marketData.live(true);

        sequencer = new Sequencer(journal.startLive(10_000_000_000L, this::pumpArchive), driver.lastSequence() + 1,
            driver.lastTimestampNs());
        driver.sequencer(sequencer);
        gateway = new Gateway(ctx.gateway(), aeron, registry, sequencer);
        commandsCounter = aeron.addCounter(GatewayCounters.TYPE_ID, "crossbar driver: commands completed by the device");
        tradesCounter = aeron.addCounter(GatewayCounters.TYPE_ID, "crossbar driver: trades");
        reportsCounter = aeron.addCounter(GatewayCounters.TYPE_ID, "crossbar driver: execution reports sent");
        liveOrdersCounter = aeron.addCounter(GatewayCounters.TYPE_ID, "crossbar driver: live orders");
        inputsCounter = aeron.addCounter(GatewayCounters.TYPE_ID, "crossbar sequencer: inputs journaled");
        deviceUnavailableCounter = aeron.addCounter(GatewayCounters.TYPE_ID, "crossbar driver: device unavailable (1)");
        unansweredCounter = aeron.addCounter(GatewayCounters.TYPE_ID, "crossbar driver: inputs awaiting a working card");
        gateway.sessionOrders(driver);
        // Recorded before the configuration is journaled: a journal never holds a set-up without
        // the file that says which it was.
        JournalConfiguration.record(ctx.journalDirectory(), configuration, replayedInputs == 0);
        if (driver.lastSequence() == 0)
        {
            sequenceConfiguration();
        }
    }

    /**
     * One appliance per journal: an exclusive lock on {@code appliance.lock}, which the operating
     * system releases when the process ends however it ends. Holding it proves that an archive
     * mark file left in the journal belongs to a dead process (killed, say, with SIGKILL), so it is
     * removed; otherwise Aeron Archive would refuse to start for its liveness timeout (10 s).
     */
    private void lockJournal()
    {
        try
        {
            final Path directory = ctx.journalDirectory();
            Files.createDirectories(directory);
            journalLockChannel = FileChannel.open(directory.resolve(JOURNAL_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            journalLock = journalLockChannel.tryLock();
            if (journalLock == null)
            {
                throw new IllegalStateException("the journal " + directory.toAbsolutePath() +
                    " is in use by another running appliance");
            }
            Files.deleteIfExists(directory.resolve("archive").resolve(ArchiveMarkFile.FILENAME));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot lock the journal " + ctx.journalDirectory(), ex);
        }
    }

    /**
     * An appliance killed with SIGKILL leaves its media driver's directory (with its log buffers,
     * tens of MB of shared memory) in /dev/shm under a name no later run reuses. Remove those whose
     * driver has shown no heartbeat for {@link #DEAD_DRIVER_TIMEOUT_MS}; a live one heartbeats
     * every second.
     */
    private void removeDeadDriverDirectories()
    {
        final File parent = new File(aeronDirectory).getParentFile();
        if (parent != null)
        {
            removeDeadDriverDirectories(parent, "crossbar-", DEAD_DRIVER_TIMEOUT_MS);
        }
    }

    /**
     * Remove the media driver directories under {@code parent} named {@code prefix...} whose driver
     * has not heartbeated for {@code timeoutMs}.
     *
     * @return how many were removed.
     */
    static int removeDeadDriverDirectories(final File parent, final String prefix, final long timeoutMs)
    {
        final File[] candidates = parent.listFiles((file) -> file.isDirectory() && file.getName().startsWith(prefix));
        int removed = 0;
        for (final File candidate : candidates == null ? new File[0] : candidates)
        {
            if (new File(candidate, CncFileDescriptor.CNC_FILE).exists() &&
                !CommonContext.isDriverActive(candidate, timeoutMs, (message) -> {}))
            {
                IoUtil.delete(candidate, true);
                removed++;
            }
        }
        return removed;
    }

    /** Run the archive's duty cycle when it lives on the core thread. */
    private int pumpArchive()
    {
        return archiveInvoker == null ? 0 : archiveInvoker.invoke();
    }

    /** Deliver every event the card has ready (replay keeps the card's pipeline full). */
    private int drainDevice()
    {
        int work = 0;
        int delivered;
        while ((delivered = driver.pollEvents()) > 0)
        {
            work += delivered;
        }
        if (work == 0 && !device.health().healthy())
        {
            throw new IllegalStateException("device fault during journal replay: " + device.health());
        }
        return work;
    }

    /** The configured instruments, margins and accounts, as the journal's first inputs. */
    private void sequenceConfiguration()
    {
        final CommandWriter writer = new CommandWriter();
        final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandWriter.RECORD_LENGTH]);
        sequencer.clock(new OffsetEpochNanoClock().nanoTime());
        for (final InstrumentSpec instrument : ctx.config().instruments())
        {
            writer.setInstrument(command, 0, 0, instrument.id(), io.crossbar.sbe.device.InstrumentStatus.TRADING,
                instrument.referencePrice(), instrument.bandBps(), instrument.maxOrderQuantity(), instrument.positionLimit());
            appendConfig(command);
            writer.setMargin(command, 0, 0, instrument.id(), instrument.buyA(), instrument.buyB(), instrument.sellA(),
                instrument.sellB());
            appendConfig(command);
        }
        for (final AccountSpec account : ctx.config().accounts())
        {
            writer.setAccount(command, 0, 0, account.id(), account.credit());
            appendConfig(command);
        }
    }

    private void appendConfig(final UnsafeBuffer command)
    {
        final long deadlineNs = System.nanoTime() + 5_000_000_000L;
        while (sequencer.append(InputKind.DEVICE_CONFIG, InputSource.SYSTEM, 0, 0, 0, 0, 0, 0, 0, 0, command, 0) < 0)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("the journal did not accept the start-up configuration");
            }
            if (pumpArchive() == 0)
            {
                Thread.yield();
            }
        }
    }

    private void onError(final Throwable error)
    {
        lastError = error;
        System.err.println("crossbar: core thread error: " + error);
        error.printStackTrace(System.err);
    }

    /** Run {@code query} on the core thread (between duty cycles) and wait for its answer. */
    public <T> T onCoreThread(final Function<Appliance, T> query)
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Runnable task = () ->
        {
            try
            {
                result.complete(query.apply(this));
            }
            catch (final Throwable ex)
            {
                result.completeExceptionally(ex);
            }
        };
        while (!tasks.offer(task))
        {
            Thread.yield();
        }
        try
        {
            return result.get(30, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("the core thread did not answer", ex);
        }
    }

    /** The reference engine's state hash (reference device only), read on the core thread. */
    public long stateHash()
    {
        return onCoreThread((appliance) -> appliance.device instanceof ReferenceDevice reference ?
            reference.engine().stateHash() : 0L);
    }

    /** Wait until every journaled input has been through the card and answered. */
    public boolean awaitQuiescent(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (System.nanoTime() < deadlineNs)
        {
            if (onCoreThread((a) -> a.driver.inFlight() == 0 && a.driver.systemCancelsWaiting() == 0 &&
                a.journal.consumedPosition() == a.sequencer.publication().position()))
            {
                return true;
            }
            try
            {
                Thread.sleep(2);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Where clients send order entry: the gateway's ingress channel. */
    public String gatewayChannel()
    {
        return ctx.gateway().channel();
    }

    public ApplianceContext context()
    {
        return ctx;
    }

    public String aeronDirectory()
    {
        return aeronDirectory;
    }

    /** The core thread's step timings when {@link ApplianceContext#coreTimings(boolean)} is set, else null. */
    public CoreTimings coreTimings()
    {
        return coreTimings;
    }

    public Aeron aeron()
    {
        return aeron;
    }

    public Gateway gateway()
    {
        return gateway;
    }

    public DeviceDriver driver()
    {
        return driver;
    }

    public Device device()
    {
        return device;
    }

    public Sequencer sequencer()
    {
        return sequencer;
    }

    public SessionRegistry sessions()
    {
        return registry;
    }

    public MarketDataSink marketData()
    {
        return marketData;
    }

    /** Inputs replayed from the journal at start-up. */
    public long replayedInputs()
    {
        return replayedInputs;
    }

    /** Time the start-up replay took. */
    public long replayNs()
    {
        return replayNs;
    }

    /** Why the card was declared unavailable, or null while it answers. */
    public String deviceProblem()
    {
        return deviceProblem;
    }

    public Throwable lastError()
    {
        return lastError;
    }

    public void printStatus(final PrintStream out)
    {
        out.printf("inputs=%d completed=%d trades=%d live-orders=%d reports=%d | %s%n",
            sequencer.nextSequence() - 1, driver.commandsCompleted(), driver.trades(), driver.liveOrders(),
            driver.reportsSent(), gateway.counters());
    }

    /** Stop the core thread; it releases everything it opened. */
    public void close()
    {
        if (runner != null)
        {
            runner.close();
        }
        if (coreThread != null && coreThread != Thread.currentThread())
        {
            try
            {
                coreThread.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Release what start-up opened, on the core thread, in reverse order. */
    private void release()
    {
        if (gateway != null)
        {
            gateway.close();
        }
        CloseHelper.quietCloseAll(commandsCounter, tradesCounter, reportsCounter, liveOrdersCounter, inputsCounter,
            deviceUnavailableCounter, unansweredCounter);
        CloseHelper.quietClose(journal);
        if (marketData instanceof AutoCloseable closeable)
        {
            CloseHelper.quietClose(closeable);
        }
        CloseHelper.quietClose(archive);
        CloseHelper.quietClose(aeron);
        CloseHelper.quietClose(device);
        CloseHelper.quietClose(mediaDriver);
        CloseHelper.quietClose(journalLockChannel);
    }

    /** The core thread's duty cycle. */
    private final class CoreAgent implements Agent
    {
        private final OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
        private long nextHealthCheckNs;
        private long nextCountersNs;

        public int doWork()
        {
            final long nowNs = clock.nanoTime();
            sequencer.clock(nowNs);
            driver.clock(nowNs);
            final CoreTimings timings = coreTimings;
            final long gatewayNs = timings == null ? 0 : System.nanoTime();
            // Cancels owed to ended sessions first: the room the journal made is theirs before new input's.
            final int cancelWork = driver.flushSystemCancels();
            final int gatewayWork = gateway.doWork(nowNs);
            int work = gatewayWork + cancelWork;
            final long recordNs = timings == null ? 0 : System.nanoTime();
            if (archiveInvoker != null)
            {
                work += archiveInvoker.invoke();
            }
            final long deviceNs = timings == null ? 0 : System.nanoTime();
            work += journal.poll(driver, 64);
            final long eventsNs = timings == null ? 0 : System.nanoTime();
            work += driver.pollEvents();
            work += marketData.doWork(nowNs);
            if (timings != null && gatewayWork > 0)
            {
                timings.record(gatewayNs, recordNs, deviceNs, eventsNs, System.nanoTime());
            }
            Runnable task;
            while ((task = tasks.poll()) != null)
            {
                task.run();
                work++;
            }
            if (nowNs >= nextCountersNs)
            {
                nextCountersNs = nowNs + COUNTERS_INTERVAL_NS;
                commandsCounter.setRelease(driver.commandsCompleted());
                tradesCounter.setRelease(driver.trades());
                reportsCounter.setRelease(driver.reportsSent());
                liveOrdersCounter.setRelease(driver.liveOrders());
                inputsCounter.setRelease(sequencer.nextSequence() - 1);
                deviceUnavailableCounter.setRelease(driver.isDeviceUnavailable() ? 1 : 0);
                unansweredCounter.setRelease(driver.unanswered());
            }
            if (nowNs >= nextHealthCheckNs)
            {
                nextHealthCheckNs = nowNs + 100_000_000L;
                final DeviceHealth health = device.health();
                if (!health.healthy() && !driver.isDeviceUnavailable())
                {
                    deviceProblem = health.problem();
                    System.err.println("crossbar: the card stopped answering (" + deviceProblem + "); new requests " +
                        "are refused with DEVICE_UNAVAILABLE; restart to replay the journal into a working card");
                    driver.deviceUnavailable();
                    gateway.deviceUnavailable();
                }
            }
            if (timings != null && gatewayWork == 0)
            {
                timings.recordIdle(gatewayNs, System.nanoTime());
            }
            return work;
        }

        public void onClose()
        {
            drainSystemCancels();
            release();
        }

        /**
         * Cancels owed to sessions that went away (cancel on disconnect or terminate) are
         * journaled before the journal closes: a restart's replay then applies them. The journal
         * makes room as the archive records and the driver reads, so both run while they wait.
         */
        private void drainSystemCancels()
        {
            if (driver == null || sequencer == null)
            {
                return;
            }
            final long deadlineNs = System.nanoTime() + 2_000_000_000L;
            while (driver.systemCancelsWaiting() > 0 && System.nanoTime() < deadlineNs)
            {
                int work = driver.flushSystemCancels() + pumpArchive();
                work += journal.poll(driver, 64) + driver.pollEvents();
                if (work == 0)
                {
                    Thread.yield();
                }
            }
            if (driver.systemCancelsWaiting() > 0)
            {
                onError(new IllegalStateException(driver.systemCancelsWaiting() +
                    " cancels owed to ended sessions were not journaled before shutdown"));
            }
        }

        public String roleName()
        {
            return "crossbar-core";
        }
    }
}
