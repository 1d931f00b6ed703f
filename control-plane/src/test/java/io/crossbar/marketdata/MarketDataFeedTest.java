package io.crossbar.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.aeron.Aeron;
import io.aeron.AeronCounters;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.status.StreamCounter;
import io.crossbar.appliance.ApplianceContext;
import io.crossbar.client.marketdata.BookBuilder;
import io.crossbar.client.marketdata.MarketDataClient;
import io.crossbar.client.marketdata.MarketDataClientContext;
import io.crossbar.client.marketdata.MarketDataReceiver;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Publisher to consumer over real Aeron UDP on loopback: the default kind of channel (MDC with
 * dynamic control, subscribers on endpoint port 0), embedded media drivers in SHARED mode with
 * back-off idling (the machine has two cores), a seeded random flow of book updates.
 */
class MarketDataFeedTest
{
    private static final int[] IDS = {0, 3};
    private static final long TIMEOUT_MS = 5_000;
    private static final int PACE_EVERY = 50;
    private static final long SNAPSHOT_INTERVAL_NS = 20_000_000L;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000L, 200_000L);
    private final List<MarketDataClient> clients = new ArrayList<>();
    private String testName;
    private String publicationChannel;
    private String subscriptionChannel;
    private MarketDataPublisher publisher;
    /** Client of the publisher's media driver; subscribers on it stand for consumers on the same host. */
    private Aeron publisherAeron;

    @BeforeEach
    void start(final TestInfo info) throws IOException
    {
        testName = info.getTestMethod().orElseThrow().getName();
        final int controlPort = ApplianceContext.freeUdpPort();
        publicationChannel = "aeron:udp?control=127.0.0.1:" + controlPort + "|control-mode=dynamic";
        subscriptionChannel = "aeron:udp?endpoint=127.0.0.1:0|control=127.0.0.1:" + controlPort + "|control-mode=dynamic";

        publisherAeron = aeron(driver("pub"));
    }

    private void startPublisher(final long snapshotIntervalNs)
    {
        publisher = new MarketDataPublisher(publisherAeron, new MarketDataContext()
            .channel(publicationChannel)
            .snapshotIntervalNs(snapshotIntervalNs)
            .definitionIntervalNs(50_000_000L)
            .statisticsIntervalNs(50_000_000L), RandomBookFlow.specs(IDS));
        toClose.add(publisher);
        publisher.live(true);
    }

    @AfterEach
    void stop()
    {
        for (final AutoCloseable closeable : toClose.reversed())
        {
            CloseHelper.quietClose(closeable);
        }
    }

    @Test
    void subscriberFromTheStartGetsTheBookTradesAndStatusInOrder()
    {
        startPublisher(SNAPSHOT_INTERVAL_NS);
        final Recorder recorder = new Recorder();
        final MarketDataClient client = client(publisherAeron, recorder);
        await("the subscriber to connect and recover from the first snapshots", client::allRecovered);

        final RandomBookFlow flow = new RandomBookFlow(42L, IDS);
        runCommands(flow, 3_000, client);
        await("the subscriber to catch up with the publisher", () -> caughtUp(client));
        await("statistics and definitions of both instruments", () -> recorder.symbols.size() == IDS.length &&
            recorder.statistics.stream().map((s) -> s[0]).distinct().count() == IDS.length);

        for (final int id : IDS)
        {
            Recorder.assertSameBook("from the start", publisher, flow, client.book(id), id);
        }
        assertEquals(Map.of(0, "TEST0-PERP", 3, "TEST3-PERP"), recorder.symbols);

        // Nothing lost, nothing out of order.
        final MarketDataReceiver receiver = client.receiver();
        assertEquals(List.of(), recorder.gaps.stream().map((g) -> g[0] + ":" + g[1] + "/" + g[2]).toList(), "gaps");
        assertEquals(0, receiver.rptSeqGaps());
        assertEquals(0, receiver.packetGaps(MarketDataReceiver.INCREMENTAL));
        assertEquals(0, receiver.malformedPackets() + receiver.malformedMessages() + receiver.unknownTemplates());
        assertEquals(0, publisher.backPressureDrops(), "the flow was paced to stay within the receiver window");
        assertTrue(publisher.incrementalPacketsSent() > 1_000);

        // Trades: every one, in order, with increasing rptSeq per instrument.
        assertEquals(flow.trades().size(), recorder.trades.size(), "trades received");
        for (int i = 0; i < flow.trades().size(); i++)
        {
            final long[] sent = flow.trades().get(i);
            final long[] got = recorder.trades.get(i);
            assertEquals(List.of(sent[0], sent[1], sent[2], sent[3]), List.of(got[0], got[2], got[3], got[4]),
                "trade " + i);
        }
        assertFalse(recorder.statuses.isEmpty(), "the flow changes a status now and then");
        for (final int id : IDS)
        {
            // Trades, statuses and statistics interleave with book entries on one counter: in
            // order, and each one after the previous of the same instrument.
            final List<Long> seqs = new ArrayList<>();
            for (final List<long[]> list : List.of(recorder.trades, recorder.statuses, recorder.statistics))
            {
                list.stream().filter((e) -> e[0] == id).forEach((e) -> seqs.add(e[1]));
            }
            assertEquals(seqs.stream().sorted().distinct().toList().size(), seqs.size(), "rptSeq used twice");
            final List<Long> tradeSeqs = recorder.trades.stream().filter((e) -> e[0] == id).map((e) -> e[1]).toList();
            assertEquals(tradeSeqs.stream().sorted().toList(), tradeSeqs, "trades of " + id + " in rptSeq order");
        }
    }

    /**
     * The snapshot loop is slowed down so the test decides when snapshots go: the late joiner
     * first only buffers, then a snapshot is sent and more commands follow before the late
     * joiner reads again, so it finds incrementals older and newer than the snapshot in its
     * buffer and must drop the first and apply the second.
     */
    @Test
    void lateJoinerBuildsTheSameBookFromSnapshotAndBufferedIncrementals()
    {
        startPublisher(3_600_000_000_000L);
        final Recorder early = new Recorder();
        final MarketDataClient first = client(publisherAeron, early);
        await("the first subscriber to connect", first::isConnected);
        publisher.sendSnapshots();
        await("the first subscriber to recover", first::allRecovered);

        final RandomBookFlow flow = new RandomBookFlow(7L, IDS);
        while (flow.updates() < 1_000)
        {
            runCommands(flow, PACE_EVERY, first);
        }
        final long packetsBeforeJoin = publisher.incrementalSequenceNumber();

        // A consumer on another host: its own media driver, so its own receive endpoint (port 0).
        final Recorder late = new Recorder();
        final Aeron lateAeron = aeron(driver("late"));
        final MarketDataClient second = client(lateAeron, late);
        await("the late joiner to connect", second::isConnected);
        runCommands(flow, 200, first, second);
        await("the late joiner to read what was sent", () -> caughtUp(second));
        assertFalse(second.allRecovered(), "no snapshot yet: the late joiner only buffers");
        assertTrue(second.receiver().builder(IDS[0]).bufferedUpdates() > 0, "incrementals are buffered");

        publisher.sendSnapshots();
        clients.remove(second);   // the late joiner reads nothing for a while ...
        runCommands(flow, 40, first);
        // Its own media driver must have received those incrementals before it reads again, so
        // that its first poll (incrementals before snapshots) buffers them ahead of the snapshot.
        final long published = streamCounter(publisherAeron, AeronCounters.DRIVER_PUBLISHER_POS_TYPE_ID);
        await("the late joiner's driver to receive every incremental",
            () -> streamCounter(lateAeron, AeronCounters.DRIVER_RECEIVER_HWM_TYPE_ID) >= published);
        clients.add(second);      // ... then finds incrementals queued before and after the snapshot
        await("the late joiner to recover", second::allRecovered);
        runCommands(flow, 500, first, second);
        await("both subscribers to catch up", () -> caughtUp(first) && caughtUp(second));

        for (final int id : IDS)
        {
            Recorder.assertSameBook("first", publisher, flow, first.book(id), id);
            Recorder.assertSameBook("late joiner", publisher, flow, second.book(id), id);
        }
        long replayed = 0;
        for (final int id : IDS)
        {
            final BookBuilder builder = second.receiver().builder(id);
            replayed += builder.replayedUpdates();
            System.out.println("late joiner, instrument " + id + ": joined after incremental packet " +
                packetsBeforeJoin + ", first packet received " +
                second.receiver().firstPacketSequence(MarketDataReceiver.INCREMENTAL) + ", " +
                builder.replayedUpdates() + " buffered updates applied on the snapshot, now at rptSeq " +
                builder.book().lastRptSeq());
        }
        assertTrue(replayed > 0, "updates sent after the snapshot were applied from the buffer");
        assertEquals(List.of(), late.gaps.stream().map((g) -> g[0] + ":" + g[1] + "/" + g[2]).toList(),
            "a late joiner recovers without gaps");
        assertEquals(IDS.length, late.recovered.size(), "one recovery per instrument");
        assertEquals(IDS.length, second.receiver().snapshotsApplied());
        assertFalse(late.trades.isEmpty(), "trades after the join reach the late joiner");
        // Per instrument, the late joiner's trades are exactly the tail of what was traded (across
        // instruments the order differs: buffered trades are delivered as each book recovers).
        for (final int id : IDS)
        {
            final List<Long> sent = flow.trades().stream().filter((t) -> t[0] == id).map((t) -> t[1]).toList();
            final List<Long> got = late.trades.stream().filter((t) -> t[0] == id).map((t) -> t[2]).toList();
            assertEquals(sent.subList(sent.size() - got.size(), sent.size()), got, "late joiner's trades of " + id);
        }
        assertEquals(0, publisher.backPressureDrops());
    }

    @Test
    void lostPacketIsAGapAndTheNextSnapshotRecoversTheBook()
    {
        startPublisher(SNAPSHOT_INTERVAL_NS);
        final Recorder recorder = new Recorder();
        final MarketDataClient client = client(publisherAeron, recorder);
        await("the subscriber to recover", client::allRecovered);

        final RandomBookFlow flow = new RandomBookFlow(1234L, IDS);
        runCommands(flow, 300, client);
        await("the subscriber to catch up", () -> caughtUp(client));
        assertTrue(recorder.gaps.isEmpty());

        publisher.dropNextIncrementalPackets(1);
        runCommands(flow, 1, client);
        assertEquals(1, publisher.suppressedPackets());
        runCommands(flow, 20, client);

        await("a gap to be seen", () -> !recorder.gaps.isEmpty());
        final long[] gap = recorder.gaps.getFirst();
        final int gapInstrument = (int)gap[0];

        // The book went stale at the gap (the builder marks it before reporting the gap) and only
        // a snapshot received after the gap recovers it. Asserting staleness now would race with
        // that snapshot (one every 20 ms); the recovery recorded after the gap shows both.
        await("the next snapshot to recover the book", () -> client.allRecovered() && caughtUp(client));
        assertTrue(recorder.recovered.subList((int)gap[3], recorder.recovered.size()).contains(gapInstrument),
            "the book with the gap was recovered by a snapshot after the gap");
        runCommands(flow, 100, client);
        await("the subscriber to catch up", () -> caughtUp(client));

        for (final int id : IDS)
        {
            Recorder.assertSameBook("after the gap", publisher, flow, client.book(id), id);
        }
        assertEquals(1, client.receiver().packetGaps(MarketDataReceiver.INCREMENTAL), "one packet was lost");
        assertTrue(recorder.gaps.size() <= IDS.length, "at most one gap per instrument");
        assertEquals(recorder.gaps.size(), client.receiver().rptSeqGaps());
        assertEquals(IDS.length + recorder.gaps.size(), recorder.recovered.size(),
            "one recovery at the start per instrument and one per gap");
    }

    /** Runs commands, letting the clients read after each and pacing to stay within Aeron's flow-control window. */
    private void runCommands(final RandomBookFlow flow, final int commands, final MarketDataClient... pace)
    {
        for (int i = 0; i < commands; i++)
        {
            flow.command(publisher);
            publisher.doWork(System.nanoTime());
            for (final MarketDataClient client : clients)
            {
                client.poll();
            }
            if (i % PACE_EVERY == PACE_EVERY - 1)
            {
                await("pacing: the subscriber to read what was sent", () ->
                {
                    for (final MarketDataClient client : pace)
                    {
                        if (!caughtUp(client))
                        {
                            return false;
                        }
                    }
                    return true;
                });
            }
        }
    }

    /** The client has read every incremental packet sent, and its recovered books are current. */
    private boolean caughtUp(final MarketDataClient client)
    {
        final MarketDataReceiver receiver = client.receiver();
        if (receiver.lastPacketSequence(MarketDataReceiver.INCREMENTAL) < publisher.incrementalSequenceNumber())
        {
            return false;
        }
        for (final int id : IDS)
        {
            if (client.book(id) != null && client.book(id).isRecovered() &&
                client.book(id).lastRptSeq() != publisher.rptSeq(id))
            {
                return false;
            }
        }
        return true;
    }

    /** The highest value of a driver's stream position counters of a type for the incremental stream. */
    private static long streamCounter(final Aeron aeron, final int typeId)
    {
        final CountersReader counters = aeron.countersReader();
        final long[] value = {-1};
        counters.forEach((counterId, type, key, label) ->
        {
            if (type == typeId && key.getInt(StreamCounter.STREAM_ID_OFFSET) == MarketDataContext.DEFAULT_INCREMENTAL_STREAM_ID)
            {
                value[0] = Math.max(value[0], counters.getCounterValue(counterId));
            }
        });
        return value[0];
    }

    private void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                final StringBuilder state = new StringBuilder();
                for (final MarketDataClient client : clients)
                {
                    state.append("\n  client: connected=").append(client.isConnected())
                        .append(" lastPacket=").append(client.receiver().lastPacketSequence(MarketDataReceiver.INCREMENTAL))
                        .append(" books=").append(client.book(IDS[0])).append(' ').append(client.book(IDS[1]));
                }
                fail("timed out after " + TIMEOUT_MS + " ms waiting for " + what + "; publisher: packets=" +
                    publisher.incrementalSequenceNumber() + " notConnected=" + publisher.notConnectedDrops() +
                    " backPressured=" + publisher.backPressureDrops() + " rptSeqs=" + publisher.rptSeq(IDS[0]) + "," +
                    publisher.rptSeq(IDS[1]) + state);
            }
            int work = publisher.doWork(System.nanoTime());
            for (final MarketDataClient client : clients)
            {
                work += client.poll();
            }
            idle.idle(work);
        }
    }

    private MarketDataClient client(final Aeron aeron, final Recorder recorder)
    {
        final MarketDataClient client = new MarketDataClient(aeron,
            new MarketDataClientContext().channel(subscriptionChannel).maxInstruments(16), recorder);
        toClose.add(client);
        clients.add(client);
        return client;
    }

    private Aeron aeron(final MediaDriver driver)
    {
        final Aeron aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .idleStrategy(new BackoffIdleStrategy(10, 20, 1_000L, 1_000_000L)));
        toClose.add(aeron);
        return aeron;
    }

    private MediaDriver driver(final String role)
    {
        final Path shm = Path.of("/dev/shm");
        final Path base = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        final String dir = base.resolve("crossbar-md-" + testName + "-" + role + "-" + ProcessHandle.current().pid())
            .toString();
        final MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000L, 100_000L))
            .publicationTermBufferLength(1 << 20)
            .ipcTermBufferLength(1 << 16));
        toClose.add(driver);
        return driver;
    }

}
