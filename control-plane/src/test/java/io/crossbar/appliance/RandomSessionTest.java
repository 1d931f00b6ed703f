package io.crossbar.appliance;

import static io.crossbar.appliance.TestClients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.sbe.orderentry.MassCancelScope;
import io.crossbar.sbe.orderentry.MessageHeaderEncoder;
import io.crossbar.sbe.orderentry.OrderType;
import io.crossbar.sbe.orderentry.Side;
import io.crossbar.sbe.orderentry.StpMode;
import io.crossbar.sbe.orderentry.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random sessions against the appliance over UDP: every kind of request (orders of every
 * type and time in force, replaces and cancels by order id and by client order id, mass cancels,
 * reused client order ids, other firms' accounts, prices off the band) mixed with random bytes.
 * The core thread must never fail; a restart must reach the same state hash; and what each
 * session is sent again after the restart, by retransmission, must be what it heard live.
 */
class RandomSessionTest
{
    private static final int ACTIONS = 3_000;

    @TempDir
    Path journalRoot;

    private Path journal;

    private final ApplianceConfig config = ApplianceConfig.demo();

    @ParameterizedTest
    @ValueSource(longs = {20_261_122L, 7L, 99L})
    void shouldSurviveRandomRequestsAndReplayThemExactly(final long seed)
    {
        final Random random = new Random(seed);
        journal = journalRoot.resolve("seed-" + seed);
        final TestClients.Recorder[] heard = {new TestClients.Recorder(), new TestClients.Recorder()};
        final long[] uuids = new long[2];
        final long[] lastSeqNums = new long[2];
        final long hash;
        try (Appliance appliance = Appliance.launch(TestClients.context(config, journal));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(appliance.aeronDirectory())))
        {
            final OrderEntryClient[] clients = {
                TestClients.connect(TestClients.firm(appliance, aeron, config, 1).cancelOnDisconnect(false), heard[0]),
                TestClients.connect(TestClients.firm(appliance, aeron, config, 2).cancelOnDisconnect(false), heard[1])};
            final List<List<Long>> clOrdIds = List.of(new ArrayList<>(), new ArrayList<>());
            final UnsafeBuffer junk = new UnsafeBuffer(new byte[256]);
            long nextId = 1;
            int junkSent = 0;
            int sendsRefused = 0;
            for (int i = 0; i < ACTIONS; i++)
            {
                final int who = random.nextInt(2);
                final OrderEntryClient client = clients[who];
                final int account = (who == 0 ? 1 : 5) + random.nextInt(4) + (random.nextInt(50) == 0 ? 4 : 0);
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final long price = 49_880 + random.nextInt(241);
                final List<Long> ids = clOrdIds.get(who);
                final long id = random.nextInt(40) == 0 && !ids.isEmpty() ? ids.get(random.nextInt(ids.size())) : nextId++;
                final long known = ids.isEmpty() ? 0 : ids.get(random.nextInt(ids.size()));
                final int kind = random.nextInt(100);
                final long result;
                if (kind < 50)
                {
                    result = client.newOrder(id, account, random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0, side,
                        random.nextInt(10) == 0 ? OrderType.MARKET : OrderType.LIMIT,
                        random.nextInt(10) < 7 ? TimeInForce.GTC : TimeInForce.get((short)(2 + random.nextInt(2))), price,
                        1 + random.nextInt(8), random.nextInt(8) == 0 ? 1 : 0, random.nextInt(8) == 0 ? random.nextInt(4) : 0,
                        StpMode.get((short)random.nextInt(3)));
                    ids.add(id);
                }
                else if (kind < 70)
                {
                    result = client.cancel(id, known, OrderEntryClient.NULL_ORDER_ID, account, 0, side);
                }
                else if (kind < 88)
                {
                    result = client.replace(id, known, OrderEntryClient.NULL_ORDER_ID, account, 0, side, price,
                        1 + random.nextInt(8));
                    ids.add(id);
                }
                else if (kind < 92)
                {
                    result = client.massCancel(id, account, random.nextInt(3),
                        random.nextBoolean() ? MassCancelScope.ACCOUNT : MassCancelScope.ACCOUNT_INSTRUMENT);
                }
                else
                {
                    final int length = random.nextInt(junk.capacity());
                    for (int b = 0; b < length; b++)
                    {
                        junk.putByte(b, (byte)random.nextInt(256));
                    }
                    if (length >= MessageHeaderEncoder.ENCODED_LENGTH && random.nextBoolean())
                    {
                        new MessageHeaderEncoder().wrap(junk, 0).schemaId(MessageHeaderEncoder.SCHEMA_ID)
                            .templateId(20 + random.nextInt(4)).version(2);
                        if (length >= MessageHeaderEncoder.ENCODED_LENGTH + 8)
                        {
                            // seqNum 0: refused as out of sequence without moving the session's series.
                            junk.putLong(MessageHeaderEncoder.ENCODED_LENGTH, 0);
                        }
                    }
                    result = client.sendRaw(junk, 0, length);
                    junkSent += result > 0 ? 1 : 0;
                }
                if (result < 0)
                {
                    sendsRefused++;
                    client.poll();
                }
                if (i % 50 == 0)
                {
                    clients[0].poll();
                    clients[1].poll();
                }
            }
            // Aeron delivers a session's frames in order: the answer to one last request from each
            // session (a cancel of an order it never sent) shows that the gateway has read every
            // frame the session sent before it, junk included. Without it, a loaded host can find
            // the appliance quiescent before the gateway has read the requests at all.
            final long[] lastRequest = new long[2];
            for (int c = 0; c < 2; c++)
            {
                final OrderEntryClient client = clients[c];
                final long clOrdId = nextId++;
                final int account = c == 0 ? 1 : 5;
                lastRequest[c] = clOrdId;
                await("session " + c + "'s last request sent", () ->
                    client.cancel(clOrdId, clOrdId, OrderEntryClient.NULL_ORDER_ID, account, 0, Side.BUY) > 0, clients);
            }
            await("every request answered", () ->
                heard[0].has("CANCEL_REJECTED " + lastRequest[0] + " ") && heard[1].has("CANCEL_REJECTED " + lastRequest[1] + " ") &&
                appliance.awaitQuiescent(TimeUnit.SECONDS.toNanos(1)) &&
                clients[0].expectedSeqNum() == appliance.sessions().session(clients[0].uuid()).nextOutSeqNum() &&
                clients[1].expectedSeqNum() == appliance.sessions().session(clients[1].uuid()).nextOutSeqNum(), clients);
            assertNull(appliance.lastError(), "the core thread failed");
            final String sent = "junk frames sent " + junkSent + ", sends refused " + sendsRefused + "; gateway: " +
                appliance.gateway().counters();
            assertTrue(appliance.gateway().counters().malformedFrames() > 0, () -> "the random bytes were seen as malformed: " + sent);
            final long trades = heard[0].lines.stream().filter((l) -> l.startsWith("TRADE")).count();
            final long accepted = heard[0].lines.stream().filter((l) -> l.startsWith("NEW")).count();
            assertTrue(trades > 50 && accepted > 200, () -> "the random requests traded: " + trades + " fills and " +
                accepted + " orders accepted for session 0");
            hash = appliance.stateHash();
            for (int c = 0; c < 2; c++)
            {
                uuids[c] = clients[c].uuid();
                lastSeqNums[c] = clients[c].expectedSeqNum() - 1;
                assertEquals(0, heard[c].gaps, "no gap in what session " + c + " heard");
                clients[c].close();
            }
        }

        try (Appliance restarted = Appliance.launch(TestClients.context(config, journal));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(restarted.aeronDirectory())))
        {
            assertEquals(hash, restarted.stateHash(), "the replay reaches the live state hash");
            for (int c = 0; c < 2; c++)
            {
                final TestClients.Recorder again = new TestClients.Recorder();
                final OrderEntryClient client = TestClients.connect(TestClients.firm(restarted, aeron, config, 1 + c), again);
                assertEquals(uuids[c], client.previousUuid());
                assertEquals(lastSeqNums[c], client.previousSeqNum(), "the replay rebuilt the session's outbound series");
                final long count = Math.min(2_500, lastSeqNums[c]);
                final long from = lastSeqNums[c] - count + 1;
                assertTrue(client.retransmitRequest(uuids[c], from, (int)count) > 0);
                await("retransmission of session " + c, () -> again.lines.size() == count, client);
                // What the session heard as application messages (NotApplied is session-layer, not sequenced).
                final List<String> application = heard[c].lines.stream().filter((l) -> !l.startsWith("NOT_APPLIED")).toList();
                final List<String> live = application.subList((int)(application.size() - count), application.size());
                for (int m = 0; m < count; m++)
                {
                    assertEquals(live.get(m), again.lines.get(m), "session " + c + " message " + (from + m) +
                        " sent again differs from what it heard live");
                }
                client.close();
            }
            assertNull(restarted.lastError());
        }
    }
}
