package io.crossbar.appliance;

import static io.crossbar.appliance.TestClients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.client.SessionSigner;
import io.crossbar.gateway.Gateway;
import io.crossbar.sbe.orderentry.MassCancelScope;
import io.crossbar.sbe.orderentry.MessageHeaderEncoder;
import io.crossbar.sbe.orderentry.NegotiateEncoder;
import io.crossbar.sbe.orderentry.NewOrderSingleEncoder;
import io.crossbar.sbe.orderentry.OrderMassActionRequestEncoder;
import io.crossbar.sbe.orderentry.OrderType;
import io.crossbar.sbe.orderentry.Side;
import io.crossbar.sbe.orderentry.StpMode;
import io.crossbar.sbe.orderentry.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway under abuse, over real Aeron UDP on loopback: each bad input gets its reject (or is
 * counted when there is no one to answer) while a well-behaved session keeps trading.
 */
class GatewayAbuseTest
{
    @TempDir
    Path journal;

    private final ApplianceConfig config = ApplianceConfig.demo();
    private Appliance appliance;
    private Aeron aeron;
    private final TestClients.Recorder bravoHeard = new TestClients.Recorder();
    private OrderEntryClient bravo;
    private long bravoClOrdId = 9_000;

    @BeforeEach
    void start()
    {
        final ApplianceContext context = TestClients.context(config, journal);
        appliance = Appliance.launch(context.gateway(context.gateway().withThrottles(20, 10, 1_000, 100)));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(appliance.aeronDirectory()));
        bravo = TestClients.connect(TestClients.firm(appliance, aeron, config, 2), bravoHeard);
    }

    @AfterEach
    void stop()
    {
        bravo.close();
        aeron.close();
        appliance.close();
        assertNull(appliance.lastError(), "the core thread failed");
    }

    /** Offer a raw frame on a connection of the test's own, retrying while it pushes back (5 s at most). */
    private static void offer(final ExclusivePublication publication, final UnsafeBuffer frame, final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (publication.offer(frame, 0, length) < 0)
        {
            assertTrue(System.nanoTime() < deadline, "could not reach the gateway");
            Thread.yield();
        }
    }

    /** The well-behaved session still trades: a new order is acknowledged. */
    private void bravoStillTrades()
    {
        final long clOrdId = ++bravoClOrdId;
        while (bravo.limitOrder(clOrdId, 5, 0, Side.SELL, 50_090, 1) < 0)
        {
            bravo.poll();
        }
        await("bravo's order " + clOrdId + " acknowledged", () -> bravoHeard.has("NEW " + clOrdId), bravo);
    }

    @Test
    void shouldAnswerMalformedFramesAndUnknownTemplatesWithBusinessRejects()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        final UnsafeBuffer junk = new UnsafeBuffer(new byte[64]);
        junk.putInt(0, 0x0102);
        assertTrue(alpha.sendRaw(junk, 0, 5) > 0);
        final MessageHeaderEncoder header = new MessageHeaderEncoder().wrap(junk, 0);
        header.blockLength(8).templateId(99).schemaId(MessageHeaderEncoder.SCHEMA_ID).version(2);
        assertTrue(alpha.sendRaw(junk, 0, 16) > 0);
        header.blockLength(200).templateId(NewOrderSingleEncoder.TEMPLATE_ID);
        assertTrue(alpha.sendRaw(junk, 0, 24) > 0);
        await("three business rejects", () -> heard.lines.size() == 3, alpha);
        assertEquals("BUSINESS_REJECT ref=0 template=0 MALFORMED_MESSAGE", heard.lines.get(0));
        assertEquals("BUSINESS_REJECT ref=0 template=99 MALFORMED_MESSAGE", heard.lines.get(1));
        assertEquals("BUSINESS_REJECT ref=0 template=20 MALFORMED_MESSAGE", heard.lines.get(2));
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldCountANegotiateWhoseRouteLengthRunsPastTheFrame()
    {
        // The route's length prefix is the client's: taken on trust it sized an allocation (a
        // negative one threw into the poll; one near 2^31 was an OutOfMemoryError that ended the
        // core thread) or read the following frames as the route.
        final ExclusivePublication stranger = aeron.addExclusivePublication(
            appliance.gatewayChannel(), Gateway.Config.defaults().streamId());
        final UnsafeBuffer negotiate = new UnsafeBuffer(new byte[256]);
        final NegotiateEncoder encoder = new NegotiateEncoder().wrapAndApplyHeader(negotiate, 0, new MessageHeaderEncoder());
        encoder.uuid(77).firmId(1).responseStreamId(7_777).responseChannel("aeron:udp?endpoint=127.0.0.1:1");
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final int prefix = MessageHeaderEncoder.ENCODED_LENGTH + NegotiateEncoder.BLOCK_LENGTH;
        final long before = appliance.gateway().counters().malformedFrames();
        for (final int lie : new int[] {0xFFFF_FFFF, 0x7FFF_FFFF, 0x4000_0000, 0x0010_0000, 40})
        {
            negotiate.putInt(prefix, lie);
            offer(stranger, negotiate, length);
        }
        await("five Negotiates counted as malformed",
            () -> appliance.gateway().counters().malformedFrames() >= before + 5, bravo);
        assertNull(appliance.lastError(), "the core thread failed");
        bravoStillTrades();
        stranger.close();
    }

    @Test
    void shouldLeaveNothingBehindForASignedNegotiateWhoseRouteTheDriverRefuses()
    {
        // Signed correctly, but the route names a host that does not resolve: the media driver
        // refuses the publication. That used to throw into the poll after SESSION_OPENED was
        // journaled and the session made, so the uuid was spent and the client never answered.
        final FirmSpec firm = config.firm(1);
        final String route = "aeron:udp?endpoint=no-such-host.invalid:40123";
        final long uuid = 4_242;
        final long now = new org.agrona.concurrent.OffsetEpochNanoClock().nanoTime();
        final UnsafeBuffer negotiate = new UnsafeBuffer(new byte[256]);
        final NegotiateEncoder encoder = new NegotiateEncoder().wrapAndApplyHeader(negotiate, 0, new MessageHeaderEncoder());
        encoder.uuid(uuid).requestTimestamp(now).firmId(firm.id()).accessKeyId(firm.accessKeyId())
            .putHmacSignature(new SessionSigner(firm.secret()).signNegotiate(now, uuid, firm.id(), firm.accessKeyId(), 7_001, route),
                0, SessionSigner.SIGNATURE_LENGTH);
        encoder.clientFlags().clear().cancelOnDisconnect(true);
        encoder.responseStreamId(7_001).responseChannel(route);
        final ExclusivePublication stranger = aeron.addExclusivePublication(
            appliance.gatewayChannel(), Gateway.Config.defaults().streamId());
        final long before = appliance.gateway().counters().negotiationsRejected();
        final long inputsBefore = appliance.onCoreThread((a) -> a.sequencer().nextSequence());
        offer(stranger, negotiate, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        await("the Negotiate refused", () -> appliance.gateway().counters().negotiationsRejected() > before, bravo);
        assertNull(appliance.lastError(), "the core thread failed");
        assertEquals(inputsBefore, (long)appliance.onCoreThread((a) -> a.sequencer().nextSequence()),
            "no session opened in the journal");
        bravoStillTrades();
        stranger.close();
    }

    @Test
    void shouldRefuseABlockShorterThanItsVersionsFieldsAndANewerVersion()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        final UnsafeBuffer order = new UnsafeBuffer(new byte[128]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final NewOrderSingleEncoder encoder = new NewOrderSingleEncoder().wrapAndApplyHeader(order, 0, header);
        final long seqNum = alpha.nextSeqNum();
        encoder.seqNum(seqNum).clOrdId(31).price(49_000).quantity(1).account(1).instrument(0)
            .side(Side.BUY).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).stpMode(StpMode.CANCEL_RESTING);
        // Version 2 with the block cut short: its missing fields would be read from what follows the frame.
        header.wrap(order, 0).blockLength(40);
        assertTrue(alpha.sendRaw(order, 0, MessageHeaderEncoder.ENCODED_LENGTH + 40) > 0);
        // A version this gateway does not know: it must not act without the fields it would ignore.
        header.blockLength(NewOrderSingleEncoder.BLOCK_LENGTH).version(MessageHeaderEncoder.SCHEMA_VERSION + 1);
        assertTrue(alpha.sendRaw(order, 0, MessageHeaderEncoder.ENCODED_LENGTH + NewOrderSingleEncoder.BLOCK_LENGTH) > 0);
        await("two business rejects", () -> heard.lines.size() == 2, alpha);
        assertEquals("BUSINESS_REJECT ref=0 template=20 MALFORMED_MESSAGE", heard.lines.get(0));
        assertEquals("BUSINESS_REJECT ref=" + seqNum + " template=20 UNSUPPORTED_VERSION", heard.lines.get(1));
        assertEquals(0, (int)appliance.onCoreThread((a) -> a.driver().liveOrders()), "nothing reached the book");
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldCountOrdersFromAConnectionThatNeverNegotiated()
    {
        final ExclusivePublication stranger = aeron.addExclusivePublication(
            appliance.gatewayChannel(), Gateway.Config.defaults().streamId());
        final UnsafeBuffer order = new UnsafeBuffer(new byte[128]);
        final NewOrderSingleEncoder encoder = new NewOrderSingleEncoder().wrapAndApplyHeader(order, 0, new MessageHeaderEncoder());
        encoder.seqNum(1).clOrdId(1).price(50_000).quantity(1).account(1).instrument(0).side(Side.BUY)
            .orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).stpMode(StpMode.CANCEL_RESTING);
        final long before = appliance.gateway().counters().unauthenticatedFrames();
        offer(stranger, order, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        await("the unauthenticated frame counted",
            () -> appliance.gateway().counters().unauthenticatedFrames() > before, bravo);
        assertEquals(0, (int)appliance.onCoreThread((a) -> a.driver().liveOrders()), "nothing reached the book");
        bravoStillTrades();
        stranger.close();
    }

    @Test
    void shouldThrottleAFirmThatOpensSessionsInALoop()
    {
        // Every Negotiate is journaled and replayed at each restart: a loop of them would grow the
        // journal and the session table for good. The firm gets THROTTLED; other firms trade on.
        String refusal = null;
        for (int i = 0; i < 200 && refusal == null; i++)
        {
            final OrderEntryClient client = new OrderEntryClient(TestClients.firm(appliance, aeron, config, 1),
                new TestClients.Recorder());
            if (!client.connect(TimeUnit.SECONDS.toNanos(10)))
            {
                refusal = client.rejectText();
            }
            client.close();
        }
        assertTrue(refusal != null && refusal.contains("THROTTLED") && refusal.contains("too many new sessions"),
            String.valueOf(refusal));
        bravoStillTrades();
    }

    @Test
    void shouldEndASessionThatSendsWhatMustBeRefusedAtLineRate()
    {
        // Every refusal is journaled and answered: stale seqNums sent in a loop would otherwise
        // write to the journal as fast as the client can send.
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        final UnsafeBuffer order = new UnsafeBuffer(new byte[128]);
        final NewOrderSingleEncoder encoder = new NewOrderSingleEncoder().wrapAndApplyHeader(order, 0, new MessageHeaderEncoder());
        encoder.seqNum(0).clOrdId(77).price(49_000).quantity(1).account(1).instrument(0).side(Side.BUY)
            .orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).stpMode(StpMode.CANCEL_RESTING);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final long inputsBefore = appliance.onCoreThread((a) -> a.sequencer().nextSequence());
        for (int i = 0; i < 5_000 && !heard.has("TERMINATE PROTOCOL_VIOLATION"); i++)
        {
            while (alpha.sendRaw(order, 0, length) < 0)
            {
                alpha.poll();
            }
            alpha.poll();
        }
        await("the session ended", () -> heard.has("TERMINATE PROTOCOL_VIOLATION"), alpha);
        final long journaled = appliance.onCoreThread((a) -> a.sequencer().nextSequence()) - inputsBefore;
        assertTrue(journaled <= Gateway.MIN_REFUSALS_PER_SECOND * 3L, "journaled " + journaled + " refusals");
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldRefuseASeqNumNearTheTopAndGoOnCatchingStaleOnes()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        final UnsafeBuffer order = new UnsafeBuffer(new byte[128]);
        final NewOrderSingleEncoder encoder = new NewOrderSingleEncoder().wrapAndApplyHeader(order, 0, new MessageHeaderEncoder());
        encoder.seqNum(Long.MAX_VALUE).clOrdId(88).price(49_000).quantity(1).account(1).instrument(0).side(Side.BUY)
            .orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).stpMode(StpMode.CANCEL_RESTING);
        assertTrue(alpha.sendRaw(order, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()) > 0);
        await("the refusal", () -> heard.has("BUSINESS_REJECT"), alpha);
        assertEquals("BUSINESS_REJECT ref=" + Long.MAX_VALUE + " template=20 SEQUENCE_GAP", heard.lines.get(0));

        // The expected seqNum did not move: the client's next order is taken, and a stale one is still refused.
        while (alpha.limitOrder(89, 1, 0, Side.BUY, 49_950, 1) < 0)
        {
            alpha.poll();
        }
        await("the next order acknowledged", () -> heard.has("NEW 89"), alpha);
        encoder.seqNum(1).clOrdId(90);
        assertTrue(alpha.sendRaw(order, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()) > 0);
        await("the stale one refused", () -> heard.lines.stream().filter((l) -> l.contains("SEQUENCE_GAP")).count() == 2, alpha);
        assertFalse(heard.has("NEW 90"));
        assertFalse(heard.has("NOT_APPLIED"), "the refused seqNum did not move the expected one: " + heard.lines);
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldNameTheSeqNumOfAMalformedInstructionAndNotReportItAsAGapAfterwards()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        final UnsafeBuffer request = new UnsafeBuffer(new byte[128]);
        final OrderMassActionRequestEncoder encoder =
            new OrderMassActionRequestEncoder().wrapAndApplyHeader(request, 0, new MessageHeaderEncoder());
        final long seqNum = alpha.nextSeqNum();
        encoder.seqNum(seqNum).clOrdId(501).account(1).instrument(0).scope(MassCancelScope.ACCOUNT);
        request.putByte(MessageHeaderEncoder.ENCODED_LENGTH + OrderMassActionRequestEncoder.scopeEncodingOffset(), (byte)7);
        assertTrue(alpha.sendRaw(request, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()) > 0);
        await("the refusal", () -> heard.has("BUSINESS_REJECT"), alpha);
        assertEquals("BUSINESS_REJECT ref=" + seqNum + " template=23 MALFORMED_MESSAGE", heard.lines.get(0));

        // The next message is numbered after the refused one: no gap is reported.
        final UnsafeBuffer order = new UnsafeBuffer(new byte[128]);
        final NewOrderSingleEncoder next = new NewOrderSingleEncoder().wrapAndApplyHeader(order, 0, new MessageHeaderEncoder());
        next.seqNum(seqNum + 1).clOrdId(502).price(49_950).quantity(1).account(1).instrument(0).side(Side.BUY)
            .orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).stpMode(StpMode.CANCEL_RESTING);
        assertTrue(alpha.sendRaw(order, 0, MessageHeaderEncoder.ENCODED_LENGTH + next.encodedLength()) > 0);
        await("the next order acknowledged", () -> heard.has("NEW 502"), alpha);
        assertFalse(heard.has("NOT_APPLIED"), String.valueOf(heard.lines));
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldEndASessionThatFloodsHeartbeats()
    {
        // A Sequence is due once a keep-alive interval; a flood of them kept the ingress full,
        // which holds off every session's keep-alive judgement.
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        for (int i = 0; i < 5_000 && !heard.has("TERMINATE PROTOCOL_VIOLATION"); i++)
        {
            while (alpha.skipTo(alpha.nextSeqNum()) < 0)
            {
                alpha.poll();
            }
            alpha.poll();
        }
        await("the session ended", () -> heard.has("TERMINATE PROTOCOL_VIOLATION"), alpha);
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldRefuseABadSignature()
    {
        final OrderEntryClient.Context impostor = TestClients.firm(appliance, aeron, config, 1)
            .secret(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        final OrderEntryClient client = new OrderEntryClient(impostor, new TestClients.Recorder());
        assertFalse(client.connect(TimeUnit.SECONDS.toNanos(10)));
        assertTrue(client.rejectText().contains("NOT_AUTHENTICATED"), client.rejectText());
        assertTrue(client.rejectText().contains("signature"), client.rejectText());
        bravoStillTrades();
        client.close();
    }

    @Test
    void shouldReportASequenceGapAndStillProcessTheMessage()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        assertTrue(alpha.limitOrder(1, 1, 0, Side.BUY, 49_900, 1) > 0);
        final UnsafeBuffer order = new UnsafeBuffer(new byte[128]);
        final NewOrderSingleEncoder encoder = new NewOrderSingleEncoder().wrapAndApplyHeader(order, 0, new MessageHeaderEncoder());
        encoder.seqNum(5).sendingTime(0).clOrdId(2).price(49_901).quantity(1).displayQuantity(0).account(1).instrument(0)
            .side(Side.BUY).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).stpMode(StpMode.CANCEL_RESTING);
        assertTrue(alpha.sendRaw(order, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()) > 0);
        await("the gap reported and the order accepted", () -> heard.has("NOT_APPLIED") && heard.has("NEW 2"), alpha);
        assertTrue(heard.has("NOT_APPLIED 2+3"), heard.lines::toString);
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldThrottleOrdersButKeepTheCancelBudget()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        for (int i = 1; i <= 30; i++)
        {
            while (alpha.limitOrder(i, 1, 0, Side.BUY, 49_900 + i, 1) < 0)
            {
                alpha.poll();
            }
        }
        await("30 answers", () -> heard.lines.size() == 30, alpha);
        final long throttled = heard.lines.stream().filter((l) -> l.endsWith("THROTTLED")).count();
        assertTrue(throttled >= 10, () -> "expected at least 10 throttled of 30 with a burst of 10: " + heard.lines);
        assertTrue(alpha.massCancel(100, 1, 0, MassCancelScope.ACCOUNT) > 0);
        await("the mass cancel, on its own budget", () -> heard.has("MASS 100 ACCEPTED"), alpha);
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldRefuseADuplicateClientOrderId()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        assertTrue(alpha.limitOrder(7, 1, 0, Side.BUY, 49_900, 1) > 0);
        assertTrue(alpha.limitOrder(7, 1, 0, Side.BUY, 49_901, 1) > 0);
        await("two answers", () -> heard.lines.size() == 2, alpha);
        assertTrue(heard.lines.get(0).startsWith("NEW 7"));
        assertEquals("REJECTED 7 DUPLICATE_CLIENT_ORDER_ID", heard.lines.get(1));
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldNotLetASessionTouchAnotherFirmsOrders()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        assertTrue(alpha.limitOrder(1, 1, 0, Side.BUY, 49_900, 3) > 0);
        await("alpha's order", () -> heard.has("NEW 1"), alpha);
        final long alphaOrderId = heard.orderIds.get(0);

        assertTrue(bravo.cancel(500, 0, alphaOrderId, 5, 0, Side.BUY) > 0);
        assertTrue(bravo.cancel(501, 0, alphaOrderId, 1, 0, Side.BUY) > 0);
        assertTrue(bravo.limitOrder(502, 2, 0, Side.BUY, 49_900, 1) > 0);
        await("three refusals", () -> bravoHeard.has("CANCEL_REJECTED 500") && bravoHeard.has("CANCEL_REJECTED 501") &&
            bravoHeard.has("REJECTED 502"), bravo, alpha);
        assertTrue(bravoHeard.has("CANCEL_REJECTED 500 CANCEL NOT_ORDER_OWNER"), bravoHeard.lines::toString);
        assertTrue(bravoHeard.has("CANCEL_REJECTED 501 CANCEL NOT_PERMITTED"), bravoHeard.lines::toString);
        assertTrue(bravoHeard.has("REJECTED 502 NOT_PERMITTED"), bravoHeard.lines::toString);
        assertEquals(1, heard.lines.size(), "alpha's order untouched");
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldRejectPricesOutOfBandOrInvalidWithTheCardsReason()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        assertTrue(alpha.limitOrder(1, 1, 0, Side.BUY, 60_000, 1) > 0);
        assertTrue(alpha.limitOrder(2, 1, 0, Side.BUY, -5, 1) > 0);
        assertTrue(alpha.limitOrder(3, 1, 0, Side.BUY, 50_000, 0) > 0);
        assertTrue(alpha.limitOrder(4, 1, 7, Side.BUY, 50_000, 1) > 0);
        await("four rejects", () -> heard.lines.size() == 4, alpha);
        assertEquals("REJECTED 1 PRICE_OUT_OF_BAND", heard.lines.get(0));
        assertEquals("REJECTED 2 INVALID_PRICE", heard.lines.get(1));
        assertEquals("REJECTED 3 INVALID_QUANTITY", heard.lines.get(2));
        assertEquals("REJECTED 4 UNKNOWN_INSTRUMENT", heard.lines.get(3));
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldCancelOnDisconnectAndServeRetransmission()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        assertTrue(alpha.limitOrder(1, 1, 0, Side.BUY, 49_950, 2) > 0);
        assertTrue(alpha.limitOrder(2, 2, 0, Side.BUY, 49_951, 2) > 0);
        await("two orders", () -> heard.lines.size() == 2, alpha);

        final TestClients.Recorder replayed = new TestClients.Recorder();
        alpha.listener(replayed);
        assertTrue(alpha.retransmitRequest(alpha.uuid(), 1, 2) > 0);
        await("two retransmitted reports", () -> replayed.lines.size() == 2, alpha);
        assertEquals(heard.lines, replayed.lines);

        alpha.close();
        await("cancel-on-disconnect emptied the book",
            () -> appliance.onCoreThread((a) -> a.driver().liveOrders()) == 0, bravo);
        bravoStillTrades();
    }

    @Test
    void shouldTerminateASilentSessionAndCancelItsOrders() throws InterruptedException
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        assertTrue(alpha.limitOrder(1, 1, 0, Side.BUY, 49_950, 2) > 0);
        await("the order", () -> heard.has("NEW 1"), alpha);
        final long disconnectsBefore = appliance.gateway().counters().disconnects();

        // Alpha sends nothing (not even heartbeats) for more than two keep-alive intervals of 500 ms;
        // bravo keeps its session alive meanwhile.
        final long silentUntilNs = System.nanoTime() + 1_600_000_000L;
        while (System.nanoTime() < silentUntilNs)
        {
            if (bravo.poll() == 0)
            {
                Thread.sleep(1);
            }
        }

        await("the gateway's Terminate", () -> heard.has("TERMINATE KEEP_ALIVE_LAPSED"), alpha, bravo);
        assertEquals(OrderEntryClient.State.TERMINATED, alpha.state());
        assertEquals(disconnectsBefore + 1, appliance.gateway().counters().disconnects());
        await("cancel-on-disconnect", () -> appliance.onCoreThread((a) -> a.driver().liveOrders()) == 0, bravo);
        bravoStillTrades();
        alpha.close();
    }

    @Test
    void shouldAnswerTerminateAndCancelOnTerminate()
    {
        final TestClients.Recorder heard = new TestClients.Recorder();
        final OrderEntryClient alpha = TestClients.connect(TestClients.firm(appliance, aeron, config, 1), heard);
        assertTrue(alpha.limitOrder(1, 1, 0, Side.BUY, 49_950, 2) > 0);
        assertTrue(alpha.limitOrder(2, 2, 0, Side.SELL, 50_050, 2) > 0);
        await("two orders", () -> heard.lines.size() == 2, alpha);
        alpha.terminate();
        await("the gateway's answer", () -> heard.has("TERMINATE FINISHED"), alpha);
        await("cancel-on-terminate", () -> appliance.onCoreThread((a) -> a.driver().liveOrders()) == 0, bravo);
        assertTrue(alpha.limitOrder(3, 1, 0, Side.BUY, 49_950, 2) < 0, "a terminated session sends nothing");
        bravoStillTrades();
        alpha.close();
    }
}
