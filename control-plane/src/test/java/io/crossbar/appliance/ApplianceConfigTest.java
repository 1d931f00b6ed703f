package io.crossbar.appliance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's configuration file: what the shipped file lists, and for each way a line can be
 * wrong, an error that names the file, the line and what was expected (never a stack trace, never
 * a value the card would refuse at start-up without a word).
 */
class ApplianceConfigTest
{
    private static final String PERP =
        "instrument id=0 symbol=BTC-PERP tick=1 lot=0.001 tick-value=1000 ref=50000 band=20 max-qty=1000 " +
        "position-limit=100000 margin=0+100/0+100";
    private static final String FIRM = "firm id=1 name=alpha key=AKIDALPHA0000000001 " +
        "secret=a1f0c3e5b7d9f1e3a5c7b9d1e3f5a7c9 accounts=1";
    private static final String ACCOUNT = "account id=1 credit=1000";

    @Test
    void shouldReadTheShippedConfiguration()
    {
        final ApplianceConfig config = ApplianceConfig.demo();
        assertEquals(3, config.instruments().size());
        assertEquals(4, config.firms().size());
        assertEquals(16, config.accounts().size());
        final InstrumentSpec option = config.instruments().get(2);
        assertTrue(option.option() && option.call());
        assertEquals(0, option.underlying());
        assertEquals(5_000_000_000L, option.tickSizeE9());
        assertArrayEquals(new int[] {5, 6, 7, 8}, config.firm(2).accounts());
    }

    @Test
    void shouldReadRangesAndCommentsAndBlankLines()
    {
        final ApplianceConfig config = ApplianceConfig.parse("ok.conf", PERP + "  # a comment\n\n" +
            "firm id=1 name=alpha key=K1 secret=a1f0c3e5b7d9f1e3a5c7b9d1e3f5a7c9 accounts=1,3-4\n" +
            "account id=1 credit=0\naccount id=3 credit=5\naccount id=4 credit=5\n");
        assertArrayEquals(new int[] {1, 3, 4}, config.firms().get(0).accounts());
        assertEquals(0, config.accounts().get(0).credit());
    }

    static Stream<Arguments> badLines()
    {
        return Stream.of(
            Arguments.of("instrumnet id=0", 1, "expected 'instrument', 'firm' or 'account', found 'instrumnet'"),
            Arguments.of(PERP + " colour=blue", 1, "unknown key 'colour' for instrument (known: band, "),
            Arguments.of(PERP + " band=30", 1, "band= is given twice"),
            Arguments.of(PERP.replace("id=0", "id=x"), 1, "id: expected a whole number from 0 to 2147483647, found 'x'"),
            Arguments.of(PERP.replace("lot=0.001", "lot=0.0000000001"), 1,
                "lot: expected a positive decimal with at most 9 places, found '0.0000000001'"),
            Arguments.of(PERP.replace("tick=1", "tick=-1"), 1, "tick: expected a positive decimal"),
            Arguments.of(PERP.replace("band=20", "band=20000"), 1, "band: expected a whole number from 1 to 10000"),
            Arguments.of(PERP.replace("ref=50000", "ref=5000000000"), 1, "ref: expected a whole number from 1 to 4294967295"),
            Arguments.of(PERP.replace("max-qty=1000", "max-qty=0"), 1, "max-qty: expected a whole number from 1 to"),
            Arguments.of(PERP.replace("margin=0+100/0+100", "margin=0+100"), 1, "margin= must be buyA+buyB/sellA+sellB"),
            Arguments.of(PERP.replace("margin=0+100/0+100", "margin=0+100/-1+100"), 1,
                "margin sellA: expected a whole number from 0 to"),
            Arguments.of(PERP.replace("margin=0+100/0+100", "margin=0+1000000000/0+100"), 1,
                "allow a reservation above 2^62 for one order"),
            Arguments.of(PERP + " strike=100", 1, "strike= is for options (option=call or option=put)"),
            Arguments.of(PERP + "\n" + PERP.replace("id=0", "id=1").replace(" option=call", "") +
                " option=call underlying=0 expiry=2026-13-01 strike=100", 2,
                "expiry: expected a date as YYYY-MM-DD, found '2026-13-01'"),
            Arguments.of(PERP + "\n" + PERP, 2, "instrument id=0 is already listed on line 1"),
            Arguments.of(PERP + "\n" + PERP.replace("id=0", "id=1"), 2, "instrument symbol=BTC-PERP is already listed on line 1"),
            Arguments.of(PERP + "\n" + PERP.replace("id=0", "id=1").replace("BTC-PERP", "BTC-C") +
                " option=call underlying=7 expiry=2026-06-26 strike=100", 2,
                "option BTC-C names underlying=7, which is not a listed perpetual"),
            Arguments.of(FIRM.replace("secret=a1f0", "secret=a1f"), 1, "secret: expected an even number of hex digits"),
            Arguments.of(FIRM.replace("accounts=1", "accounts=4-2"), 1, "accounts: expected a whole number from 4 to"),
            Arguments.of(FIRM + "\n" + ACCOUNT + "\n" + FIRM.replace("id=1 name=alpha", "id=2 name=bravo")
                .replace("AKIDALPHA", "AKIDBRAVO"), 3, "account 1 already belongs to the firm on line 1"),
            Arguments.of(FIRM + "\n" + FIRM.replace("accounts=1", "accounts=2"), 2, "firm id=1 is already listed on line 1"),
            Arguments.of(FIRM.replace("accounts=1", "accounts=1-2") + "\n" + ACCOUNT, 1,
                "firm alpha owns account 2, which has no 'account id=2' line"),
            Arguments.of(ACCOUNT + "\n" + ACCOUNT, 2, "account id=1 is already listed on line 1"),
            Arguments.of("account id=2 credit=-5", 1, "credit: expected a whole number from 0 to 4611686018427387904"),
            Arguments.of("account id=2", 1, "missing credit="));
    }

    @Test
    void shouldRefuseAFileThatListsNothingToTradeOrNobodyToTrade()
    {
        final IllegalArgumentException empty =
            assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.parse("empty.conf", "# nothing yet\n\n"));
        assertEquals("empty.conf: no instrument is listed: at least one 'instrument' line is needed", empty.getMessage());
        final IllegalArgumentException noFirm =
            assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.parse("nofirm.conf", PERP + "\n" + ACCOUNT));
        assertTrue(noFirm.getMessage().startsWith("nofirm.conf: no firm is listed"), noFirm.getMessage());
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void shouldNameTheFileTheLineAndWhatWasExpected(final String text, final int line, final String expected)
    {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> ApplianceConfig.parse("bad.conf", text));
        assertTrue(error.getMessage().startsWith("bad.conf:" + line + ": "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
