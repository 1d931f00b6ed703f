package io.crossbar.sbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import io.crossbar.sbe.admin.AccountViewDecoder;
import io.crossbar.sbe.admin.AccountViewEncoder;
import io.crossbar.sbe.admin.AdminAckDecoder;
import io.crossbar.sbe.admin.AdminAckEncoder;
import io.crossbar.sbe.admin.AdminStatus;
import io.crossbar.sbe.admin.BookViewDecoder;
import io.crossbar.sbe.admin.BookViewEncoder;
import io.crossbar.sbe.admin.CloseInstrumentDecoder;
import io.crossbar.sbe.admin.CloseInstrumentEncoder;
import io.crossbar.sbe.admin.CountersViewDecoder;
import io.crossbar.sbe.admin.CountersViewEncoder;
import io.crossbar.sbe.admin.GetAccountDecoder;
import io.crossbar.sbe.admin.GetAccountEncoder;
import io.crossbar.sbe.admin.GetBookDecoder;
import io.crossbar.sbe.admin.GetBookEncoder;
import io.crossbar.sbe.admin.GetCountersDecoder;
import io.crossbar.sbe.admin.GetCountersEncoder;
import io.crossbar.sbe.admin.HaltInstrumentDecoder;
import io.crossbar.sbe.admin.HaltInstrumentEncoder;
import io.crossbar.sbe.admin.InstrumentKind;
import io.crossbar.sbe.admin.InstrumentListDecoder;
import io.crossbar.sbe.admin.InstrumentListEncoder;
import io.crossbar.sbe.admin.InstrumentStatus;
import io.crossbar.sbe.admin.KillSwitchAction;
import io.crossbar.sbe.admin.KillSwitchDecoder;
import io.crossbar.sbe.admin.KillSwitchEncoder;
import io.crossbar.sbe.admin.ListInstrumentsDecoder;
import io.crossbar.sbe.admin.ListInstrumentsEncoder;
import io.crossbar.sbe.admin.MassCancelDecoder;
import io.crossbar.sbe.admin.MassCancelEncoder;
import io.crossbar.sbe.admin.MassCancelScope;
import io.crossbar.sbe.admin.Reason;
import io.crossbar.sbe.admin.RequestHeaderDecoder;
import io.crossbar.sbe.admin.RequestHeaderEncoder;
import io.crossbar.sbe.admin.ResumeInstrumentDecoder;
import io.crossbar.sbe.admin.ResumeInstrumentEncoder;
import io.crossbar.sbe.admin.SetAccountCreditDecoder;
import io.crossbar.sbe.admin.SetAccountCreditEncoder;
import io.crossbar.sbe.admin.SetReferencePriceDecoder;
import io.crossbar.sbe.admin.SetReferencePriceEncoder;

/** Round trips of every admin message. */
final class AdminRoundTrips
{
    static final String SCHEMA = "admin.xml";

    private static final long CORRELATION = 0x8000_0000_CAFE_0001L;
    private static final long OPERATOR = 3_500_000_007L;

    private AdminRoundTrips()
    {
    }

    static List<RoundTrip> cases()
    {
        return List.of(
            new RoundTrip(SCHEMA, ListInstrumentsDecoder.TEMPLATE_ID, AdminRoundTrips::listInstruments),
            new RoundTrip(SCHEMA, HaltInstrumentDecoder.TEMPLATE_ID, AdminRoundTrips::haltInstrument),
            new RoundTrip(SCHEMA, ResumeInstrumentDecoder.TEMPLATE_ID, AdminRoundTrips::resumeInstrument),
            new RoundTrip(SCHEMA, CloseInstrumentDecoder.TEMPLATE_ID, AdminRoundTrips::closeInstrument),
            new RoundTrip(SCHEMA, SetReferencePriceDecoder.TEMPLATE_ID, AdminRoundTrips::setReferencePrice),
            new RoundTrip(SCHEMA, SetAccountCreditDecoder.TEMPLATE_ID, AdminRoundTrips::setAccountCredit),
            new RoundTrip(SCHEMA, MassCancelDecoder.TEMPLATE_ID, AdminRoundTrips::massCancel),
            new RoundTrip(SCHEMA, KillSwitchDecoder.TEMPLATE_ID, AdminRoundTrips::killSwitch),
            new RoundTrip(SCHEMA, GetBookDecoder.TEMPLATE_ID, AdminRoundTrips::getBook),
            new RoundTrip(SCHEMA, GetAccountDecoder.TEMPLATE_ID, AdminRoundTrips::getAccount),
            new RoundTrip(SCHEMA, GetCountersDecoder.TEMPLATE_ID, AdminRoundTrips::getCounters),
            new RoundTrip(SCHEMA, AdminAckDecoder.TEMPLATE_ID, AdminRoundTrips::adminAck),
            new RoundTrip(SCHEMA, InstrumentListDecoder.TEMPLATE_ID, AdminRoundTrips::instrumentList),
            new RoundTrip(SCHEMA, BookViewDecoder.TEMPLATE_ID, AdminRoundTrips::bookView),
            new RoundTrip(SCHEMA, AccountViewDecoder.TEMPLATE_ID, AdminRoundTrips::accountView),
            new RoundTrip(SCHEMA, CountersViewDecoder.TEMPLATE_ID, AdminRoundTrips::countersView));
    }

    private static void request(final RequestHeaderEncoder header)
    {
        header.correlationId(CORRELATION).operatorId(OPERATOR);
    }

    private static void assertRequest(final RequestHeaderDecoder header)
    {
        assertEquals(CORRELATION, header.correlationId());
        assertEquals(OPERATOR, header.operatorId());
    }

    // ---------------------------------------------------------------- requests

    static void listInstruments(final CodecHarness h)
    {
        request(h.encode(new ListInstrumentsEncoder()).requestHeader());

        assertRequest(h.decode(new ListInstrumentsDecoder()).requestHeader());
    }

    static void haltInstrument(final CodecHarness h)
    {
        final HaltInstrumentEncoder e = h.encode(new HaltInstrumentEncoder());
        request(e.requestHeader());
        e.instrument(42L).comment("erroneous index feed");

        final HaltInstrumentDecoder d = h.decode(new HaltInstrumentDecoder());
        assertRequest(d.requestHeader());
        assertEquals(42L, d.instrument());
        assertEquals("erroneous index feed", d.comment());
    }

    static void resumeInstrument(final CodecHarness h)
    {
        final ResumeInstrumentEncoder e = h.encode(new ResumeInstrumentEncoder());
        request(e.requestHeader());
        e.instrument(43L).comment("index feed restored");

        final ResumeInstrumentDecoder d = h.decode(new ResumeInstrumentDecoder());
        assertRequest(d.requestHeader());
        assertEquals(43L, d.instrument());
        assertEquals("index feed restored", d.comment());
    }

    static void closeInstrument(final CodecHarness h)
    {
        final CloseInstrumentEncoder e = h.encode(new CloseInstrumentEncoder());
        request(e.requestHeader());
        e.instrument(44L).comment("expiry 27JUN26");

        final CloseInstrumentDecoder d = h.decode(new CloseInstrumentDecoder());
        assertRequest(d.requestHeader());
        assertEquals(44L, d.instrument());
        assertEquals("expiry 27JUN26", d.comment());
    }

    static void setReferencePrice(final CodecHarness h)
    {
        final SetReferencePriceEncoder e = h.encode(new SetReferencePriceEncoder());
        request(e.requestHeader());
        e.referencePrice(6_543_210L).instrument(45L);

        final SetReferencePriceDecoder d = h.decode(new SetReferencePriceDecoder());
        assertRequest(d.requestHeader());
        assertEquals(6_543_210L, d.referencePrice());
        assertEquals(45L, d.instrument());
    }

    static void setAccountCredit(final CodecHarness h)
    {
        final SetAccountCreditEncoder e = h.encode(new SetAccountCreditEncoder());
        request(e.requestHeader());
        e.credit(-25_000_000L).account(4_000_000_000L);

        final SetAccountCreditDecoder d = h.decode(new SetAccountCreditDecoder());
        assertRequest(d.requestHeader());
        assertEquals(-25_000_000L, d.credit());
        assertEquals(4_000_000_000L, d.account());
    }

    static void massCancel(final CodecHarness h)
    {
        final MassCancelEncoder e = h.encode(new MassCancelEncoder());
        request(e.requestHeader());
        e.account(17L).instrument(46L).scope(MassCancelScope.INSTRUMENT).comment("stale quotes after outage");

        final MassCancelDecoder d = h.decode(new MassCancelDecoder());
        assertRequest(d.requestHeader());
        assertEquals(17L, d.account());
        assertEquals(46L, d.instrument());
        assertEquals(MassCancelScope.INSTRUMENT, d.scope());
        assertEquals("stale quotes after outage", d.comment());
    }

    static void killSwitch(final CodecHarness h)
    {
        final KillSwitchEncoder e = h.encode(new KillSwitchEncoder());
        request(e.requestHeader());
        e.action(KillSwitchAction.RELEASE).comment("incident 2026-0042 closed");

        final KillSwitchDecoder d = h.decode(new KillSwitchDecoder());
        assertRequest(d.requestHeader());
        assertEquals(KillSwitchAction.RELEASE, d.action());
        assertEquals("incident 2026-0042 closed", d.comment());
    }

    static void getBook(final CodecHarness h)
    {
        final GetBookEncoder e = h.encode(new GetBookEncoder());
        request(e.requestHeader());
        e.instrument(47L).depth(65_000);

        final GetBookDecoder d = h.decode(new GetBookDecoder());
        assertRequest(d.requestHeader());
        assertEquals(47L, d.instrument());
        assertEquals(65_000, d.depth());
    }

    static void getAccount(final CodecHarness h)
    {
        final GetAccountEncoder e = h.encode(new GetAccountEncoder());
        request(e.requestHeader());
        e.account(18L);

        final GetAccountDecoder d = h.decode(new GetAccountDecoder());
        assertRequest(d.requestHeader());
        assertEquals(18L, d.account());
    }

    static void getCounters(final CodecHarness h)
    {
        request(h.encode(new GetCountersEncoder()).requestHeader());

        assertRequest(h.decode(new GetCountersDecoder()).requestHeader());
    }

    // ---------------------------------------------------------------- responses

    static void adminAck(final CodecHarness h)
    {
        h.encode(new AdminAckEncoder())
            .correlationId(CORRELATION)
            .commandSequence(7_000_100L)
            .affectedOrders(321L)
            .status(AdminStatus.ERROR)
            .reason(Reason.NOT_PERMITTED)
            .text("operator may not close instruments");

        final AdminAckDecoder d = h.decode(new AdminAckDecoder());
        assertEquals(CORRELATION, d.correlationId());
        assertEquals(7_000_100L, d.commandSequence());
        assertEquals(321L, d.affectedOrders());
        assertEquals(AdminStatus.ERROR, d.status());
        assertEquals(Reason.NOT_PERMITTED, d.reason());
        assertEquals("operator may not close instruments", d.text());
    }

    static void instrumentList(final CodecHarness h)
    {
        final InstrumentListEncoder e = h.encode(new InstrumentListEncoder()).correlationId(CORRELATION);
        final InstrumentListEncoder.InstrumentsEncoder instruments = e.instrumentsCount(2);
        instruments.next()
            .referencePrice(6_543_210L).maxOrderQuantity(500_000L).positionLimit(2_000_000L)
            .instrument(1L).bandBps(500L).symbol("BTC-PERP")
            .kind(InstrumentKind.PERPETUAL).status(InstrumentStatus.TRADING);
        instruments.next()
            .referencePrice(1_234L).maxOrderQuantity(1_000L).positionLimit(10_000L)
            .instrument(77L).bandBps(2_500L).symbol("BTC-27JUN26-100000-C")
            .kind(InstrumentKind.OPTION).status(InstrumentStatus.HALTED);

        final InstrumentListDecoder d = h.decode(new InstrumentListDecoder());
        assertEquals(CORRELATION, d.correlationId());
        final InstrumentListDecoder.InstrumentsDecoder decoded = d.instruments();
        assertEquals(2, decoded.count());

        decoded.next();
        assertEquals(6_543_210L, decoded.referencePrice());
        assertEquals(500_000L, decoded.maxOrderQuantity());
        assertEquals(2_000_000L, decoded.positionLimit());
        assertEquals(1L, decoded.instrument());
        assertEquals(500L, decoded.bandBps());
        assertEquals("BTC-PERP", decoded.symbol());
        assertEquals(InstrumentKind.PERPETUAL, decoded.kind());
        assertEquals(InstrumentStatus.TRADING, decoded.status());

        decoded.next();
        assertEquals(1_234L, decoded.referencePrice());
        assertEquals(1_000L, decoded.maxOrderQuantity());
        assertEquals(10_000L, decoded.positionLimit());
        assertEquals(77L, decoded.instrument());
        assertEquals(2_500L, decoded.bandBps());
        assertEquals("BTC-27JUN26-100000-C", decoded.symbol());
        assertEquals(InstrumentKind.OPTION, decoded.kind());
        assertEquals(InstrumentStatus.HALTED, decoded.status());
    }

    static void bookView(final CodecHarness h)
    {
        final BookViewEncoder e = h.encode(new BookViewEncoder())
            .correlationId(CORRELATION)
            .sequence(7_000_200L)
            .instrument(42L)
            .status(InstrumentStatus.CLOSED);
        e.bidsCount(1).next().price(6_543_210L).quantity(40L).orderCount(3L);
        final BookViewEncoder.AsksEncoder asks = e.asksCount(2);
        asks.next().price(6_543_300L).quantity(7L).orderCount(1L);
        asks.next().price(6_543_400L).quantity(70L).orderCount(9L);

        final BookViewDecoder d = h.decode(new BookViewDecoder());
        assertEquals(CORRELATION, d.correlationId());
        assertEquals(7_000_200L, d.sequence());
        assertEquals(42L, d.instrument());
        assertEquals(InstrumentStatus.CLOSED, d.status());

        final BookViewDecoder.BidsDecoder bids = d.bids();
        assertEquals(1, bids.count());
        bids.next();
        assertEquals(6_543_210L, bids.price());
        assertEquals(40L, bids.quantity());
        assertEquals(3L, bids.orderCount());

        final BookViewDecoder.AsksDecoder decodedAsks = d.asks();
        assertEquals(2, decodedAsks.count());
        decodedAsks.next();
        assertEquals(6_543_300L, decodedAsks.price());
        assertEquals(7L, decodedAsks.quantity());
        assertEquals(1L, decodedAsks.orderCount());
        decodedAsks.next();
        assertEquals(6_543_400L, decodedAsks.price());
        assertEquals(70L, decodedAsks.quantity());
        assertEquals(9L, decodedAsks.orderCount());
    }

    static void accountView(final CodecHarness h)
    {
        final AccountViewEncoder e = h.encode(new AccountViewEncoder())
            .correlationId(CORRELATION)
            .sequence(7_000_300L)
            .credit(1_000_000_000L)
            .reserved(250_000_000L)
            .account(17L);
        final AccountViewEncoder.PositionsEncoder positions = e.positionsCount(2);
        positions.next().position(-30L).openBuyQuantity(5L).openSellQuantity(6L).instrument(42L);
        positions.next().position(12L).openBuyQuantity(7L).openSellQuantity(8L).instrument(77L);

        final AccountViewDecoder d = h.decode(new AccountViewDecoder());
        assertEquals(CORRELATION, d.correlationId());
        assertEquals(7_000_300L, d.sequence());
        assertEquals(1_000_000_000L, d.credit());
        assertEquals(250_000_000L, d.reserved());
        assertEquals(17L, d.account());
        final AccountViewDecoder.PositionsDecoder decoded = d.positions();
        assertEquals(2, decoded.count());
        decoded.next();
        assertEquals(-30L, decoded.position());
        assertEquals(5L, decoded.openBuyQuantity());
        assertEquals(6L, decoded.openSellQuantity());
        assertEquals(42L, decoded.instrument());
        decoded.next();
        assertEquals(12L, decoded.position());
        assertEquals(7L, decoded.openBuyQuantity());
        assertEquals(8L, decoded.openSellQuantity());
        assertEquals(77L, decoded.instrument());
    }

    static void countersView(final CodecHarness h)
    {
        final CountersViewEncoder e = h.encode(new CountersViewEncoder())
            .correlationId(CORRELATION)
            .timestamp(1_767_225_600_400_000_000L);
        final CountersViewEncoder.CountersEncoder counters = e.countersCount(3);
        counters.next().value(1_000_000L).counterId(1L).label("commands.sequenced");
        counters.next().value(-1L).counterId(2L).label("events.lag");
        counters.next().value(Long.MAX_VALUE).counterId(4_000_000_000L).label("card.cycles");

        final CountersViewDecoder d = h.decode(new CountersViewDecoder());
        assertEquals(CORRELATION, d.correlationId());
        assertEquals(1_767_225_600_400_000_000L, d.timestamp());
        final CountersViewDecoder.CountersDecoder decoded = d.counters();
        assertEquals(3, decoded.count());
        decoded.next();
        assertEquals(1_000_000L, decoded.value());
        assertEquals(1L, decoded.counterId());
        assertEquals("commands.sequenced", decoded.label());
        decoded.next();
        assertEquals(-1L, decoded.value());
        assertEquals(2L, decoded.counterId());
        assertEquals("events.lag", decoded.label());
        decoded.next();
        assertEquals(Long.MAX_VALUE, decoded.value());
        assertEquals(4_000_000_000L, decoded.counterId());
        assertEquals("card.cycles", decoded.label());
        assertFalse(decoded.hasNext());
    }
}
