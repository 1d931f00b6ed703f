package io.crossbar.scenario;

import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.ReferenceEngine;
import io.crossbar.sbe.device.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lines a scenario must refuse, each with its file, its line and what was expected there: ids
 * outside the engine or too big for their field, repeated keys, and words a check does not use.
 * Each of these used to crash with a stack trace, or to run as something the author did not write.
 */
class ScenarioInputTest
{
    /** Six lines: the line under test is line 7. The engine has 16 instruments and 4096 accounts. */
    private static final String HEAD = """
        title: bad input
        setup:
          instrument BTC id=1 ref=100 band=1000 max-qty=10 position-limit=10
          margin BTC buy=0+0 sell=0+0
          account alice id=1 credit=1000
        > heartbeat
        """;

    private static ScenarioSyntaxException syntaxError(final String line)
    {
        return assertThrows(ScenarioSyntaxException.class,
            () -> new ScenarioRunner().run(ScenarioParser.parse("bad.scn", HEAD + line + "\n"),
                new ReferenceTarget(new EngineConfig())),
            line);
    }

    private static void assertSyntaxError(final String line, final String message)
    {
        final ScenarioSyntaxException ex = syntaxError(line);
        assertEquals("bad.scn", ex.file(), ex.getMessage());
        assertEquals(7, ex.line(), ex.getMessage());
        assertEquals("bad.scn:7: " + message, ex.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "check best #32 bid = none          => expected a declared instrument or #N with N from 0 to 15 but found '#32'",
        "check best #16 ask = none          => expected a declared instrument or #N with N from 0 to 15 but found '#16'",
        "check book #16 bid = empty         => expected a declared instrument or #N with N from 0 to 15 but found '#16'",
        "check orders #-1 bid = empty       => expected a declared instrument or #N with N from 0 to 15 but found '#-1'",
        "check reserved #99999999 = 0       => expected a declared account or #N with N from 0 to 4095 but found '#99999999'",
        "check credit #4096 = 0             => expected a declared account or #N with N from 0 to 4095 but found '#4096'",
        "check open #999999 #1 bid = 0      => expected a declared account or #N with N from 0 to 4095 but found '#999999'",
        "check position alice #40000 = 0    => expected a declared instrument or #N with N from 0 to 15 but found '#40000'",
        "check position #x BTC = 0          => expected a declared account or #N with N from 0 to 4095 but found '#x'",
        "check position # BTC = 0           => expected a declared account or #N with N from 0 to 4095 but found '#'",
        "check position #99999999999 #1 = 0 => expected a declared account or #N with N from 0 to 4095 but found '#99999999999'",
        "check position #-1 #1 = 0          => expected a declared account or #N with N from 0 to 4095 but found '#-1'",
        "check position bob BTC = 0         => expected a declared account or #N with N from 0 to 4095 but found 'bob'",
        "check position alice = 0           => expected an instrument at word 3 of the check but found '='",
    })
    void aCheckOfAnIdTheEngineDoesNotHaveIsASyntaxError(final String line, final String message)
    {
        assertSyntaxError(line.strip(), message);
    }

    @Test
    void aCheckPastTheLastAccountDoesNotReadAnotherAccountsRecord()
    {
        // Account 4097 on instrument 0 and account 1 on instrument 1 used to be the same record.
        assertSyntaxError("check position #4097 #0 = 0",
            "expected a declared account or #N with N from 0 to 4095 but found '#4097'");
    }

    @Test
    void aCheckOfANameDeclaredWithAnIdTheEngineDoesNotHaveIsASyntaxError()
    {
        final ScenarioSyntaxException ex = assertThrows(ScenarioSyntaxException.class,
            () -> new ScenarioRunner().run(ScenarioParser.parse("far.scn", """
                title: an instrument the engine does not have
                > instrument FAR id=99 ref=100 band=1000 max-qty=10 position-limit=10
                  rejected UNKNOWN_INSTRUMENT
                check best FAR bid = none
                """), new ReferenceTarget(new EngineConfig())));
        assertEquals(4, ex.line(), ex.getMessage());
        assertEquals("far.scn:4: expected a declared instrument or #N with N from 0 to 15 but found 'FAR', " +
            "declared with id 99, which the engine does not have", ex.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "check open alice BTC bid extra = 0  => unexpected 'extra' at word 5 of the check: expected 'check open ACCOUNT INSTR bid|ask = N'",
        "check position alice BTC BTC = 0    => unexpected 'BTC' at word 4 of the check: expected 'check position ACCOUNT INSTR = N'",
        "check reserved alice BTC = 0        => unexpected 'BTC' at word 3 of the check: expected 'check reserved ACCOUNT = N'",
        "check best BTC bid now = none       => unexpected 'now' at word 4 of the check: expected 'check best INSTR bid|ask = PRICE'",
        "check live-orders now = 0           => unexpected 'now' at word 2 of the check: expected 'check live-orders = N'",
        "check open alice BTC middle = 0     => expected bid or ask (buy or sell) at word 4 of the check but found 'middle'",
        "check live-orders =                 => expected a value after '=' in 'check live-orders ='",
    })
    void everyWordOfACheckMustBeUsed(final String line, final String message)
    {
        assertSyntaxError(line.strip(), message);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "> instrument ETH id=4294967297 ref=100 band=1000 max-qty=10 position-limit=10 => " +
            "expected an instrument id=N with N from 0 to 4294967295 but found '4294967297'",
        "> instrument ETH id=-1 ref=100 band=1000 max-qty=10 position-limit=10 => " +
            "expected an instrument id=N with N from 0 to 4294967295 but found '-1'",
        "> instrument BTC band=4294967296 => expected a band=N with N from 0 to 4294967295 but found '4294967296'",
        "> account carol id=4294967297 credit=5 => expected an account id=N with N from 0 to 4294967295 but found id=4294967297",
        "> #4294967296 buy 1 BTC @ 100 => expected a declared account or #N with N from 0 to 4294967295 but found '#4294967296'",
        "> alice buy 1 #4294967297 @ 100 => expected a declared instrument or #N with N from 0 to 4294967295 but found '#4294967297'",
        "> alice buy 1 # @ 100 => expected a declared instrument or #N with N from 0 to 4294967295 but found '#'",
        "> ref #x 100 => expected a declared instrument or #N with N from 0 to 4294967295 but found '#x'",
        "> alice buy 1 BTC @ 100 stp=257 => " +
            "expected stp=cancel-resting|cancel-aggressor|cancel-both or a raw stp=N with N from 0 to 255 but found '257'",
        "> alice buy 1 BTC @ 100 type=256 => expected a raw type=N with N from 0 to 255 but found '256'",
    })
    void aNumberTooBigForItsFieldIsASyntaxErrorNotAnotherId(final String line, final String message)
    {
        assertSyntaxError(line.strip(), message);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "> margin BTC buy=1+2 buy=3+4 => repeated key 'buy=': give buy= and sell= once each",
        "> account carol credit=5 credit=6 => repeated key 'credit=': give each key once",
        "> account carol id=3 id=4 credit=6 => repeated key 'id=': give each key once",
        "> instrument BTC band=10 band=20 => repeated key 'band=': give each key once",
        "> alice buy 1 BTC @ 100 display=1 display=2 => repeated order option 'display=': give each option once",
        "> alice buy 1 BTC @ 100 post-only post-only => repeated order option 'post-only': give each option once",
        "> alice buy 1 BTC @ 100 as A1 as A2 => repeated order option 'as': give each option once",
        "> alice buy 1 BTC @ 100 gtc ioc => second time in force 'ioc': give one of gtc, ioc or fok",
        "> alice buy 1 BTC market ioc fok => second time in force 'fok': give one of gtc, ioc or fok",
    })
    void aKeyGivenTwiceOnOneLineIsASyntaxError(final String line, final String message)
    {
        assertSyntaxError(line.strip(), message);
    }

    @Test
    void idsAtTheTopOfTheirFieldStillParse() throws ScenarioSyntaxException
    {
        // What the engine answers to these is other scenarios' business: here they only have to run.
        final ScenarioRunner.Result result = new ScenarioRunner().run(ScenarioParser.parse("top.scn", """
            title: the largest ids each field holds
            > instrument FAR id=4294967295 ref=100 band=4294967295 max-qty=10 position-limit=10
            > account far id=4_294_967_295 credit=5
            > #4294967295 buy 1 #4294967295 @ 100 stp=255 type=255
            > far cancel #1 on FAR
            """), new ReferenceTarget(new EngineConfig()));
        assertEquals(4, result.commands());
        assertTrue(result.transcript().contains("> #4294967295 buy 1 #4294967295 @ 100 stp=255 type=255"),
            result.transcript().toString());
    }

    @Test
    void theEngineRefusesToInspectAnIdItDoesNotHave()
    {
        final ReferenceEngine engine = new ReferenceEngine(new EngineConfig());
        final IllegalArgumentException instrument =
            assertThrows(IllegalArgumentException.class, () -> engine.bestPrice(16, Side.BUY));
        assertEquals("instrument 16 is outside 0..15", instrument.getMessage());
        final IllegalArgumentException account = assertThrows(IllegalArgumentException.class, () -> engine.credit(4096));
        assertEquals("account 4096 is outside 0..4095", account.getMessage());

        // Account 4097 on instrument 0 would otherwise read account 1's record on instrument 1.
        assertThrows(IllegalArgumentException.class, () -> engine.position(4097, 0));
        assertThrows(IllegalArgumentException.class, () -> engine.openQuantity(1, -1, Side.SELL));
        assertThrows(IllegalArgumentException.class, () -> engine.status(-1));
        assertThrows(IllegalArgumentException.class, () -> engine.referencePrice(16));
        assertThrows(IllegalArgumentException.class, () -> engine.bandLow(16));
        assertThrows(IllegalArgumentException.class, () -> engine.bandHigh(16));
        assertThrows(IllegalArgumentException.class, () -> engine.lastTradeId(16));
        assertThrows(IllegalArgumentException.class, () -> engine.accountOpen(-1));
        assertThrows(IllegalArgumentException.class, () -> engine.reserved(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> engine.forEachLevel(16, Side.BUY, (p, q, n) -> { }));
        assertThrows(IllegalArgumentException.class, () -> engine.forEachOrder(-1, Side.SELL, (o, a, p, l, v) -> { }));
        assertEquals(0, engine.position(4095, 15));
    }
}
