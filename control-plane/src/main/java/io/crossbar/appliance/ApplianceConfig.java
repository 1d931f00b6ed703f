package io.crossbar.appliance;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.crossbar.engine.Limits;

/**
 * What the appliance lists and who may trade: instruments, firms with their credentials and
 * accounts, and the accounts' opening credit. Read from a plain text file, one entry per line,
 * {@code key=value} fields, {@code #} comments:
 * <pre>
 * instrument id=0 symbol=BTC-PERP tick=1 lot=0.001 tick-value=1000 ref=50000 band=20 max-qty=1000 position-limit=100000 margin=0+100/0+100
 * instrument id=2 symbol=BTC-26JUN26-50000-C option=call underlying=0 expiry=2026-06-26 strike=50000 tick=5 lot=0.001 ...
 * firm id=1 name=alpha key=AKIDALPHA secret=00112233445566778899aabbccddeeff accounts=1,2
 * account id=1 credit=1000000000000
 * </pre>
 * {@code margin=A+B/A+B} gives the buy and sell reservation per lot, A + B x price. Anything the
 * appliance would not run as written is an error naming the file, the line and what was expected:
 * a malformed line, an unknown or repeated key, a value out of the card's range (the bounds of
 * {@link Limits}), an id, symbol, access key or account owner listed twice, an account a firm owns
 * without an {@code account} line, an option whose underlying is not a listed perpetual.
 */
public record ApplianceConfig(List<InstrumentSpec> instruments, List<FirmSpec> firms, List<AccountSpec> accounts)
{
    /** The configuration the demo and the tests use, shipped with the control plane. */
    public static ApplianceConfig demo()
    {
        try (InputStream in = ApplianceConfig.class.getResourceAsStream("demo.conf"))
        {
            if (in == null)
            {
                throw new IllegalStateException("demo.conf is missing from the control plane's resources");
            }
            return parse("demo.conf", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public static ApplianceConfig load(final Path file) throws IOException
    {
        return parse(file.toString(), Files.readString(file));
    }

    public FirmSpec firm(final long firmId)
    {
        for (final FirmSpec firm : firms)
        {
            if (firm.id() == firmId)
            {
                return firm;
            }
        }
        return null;
    }

    public static ApplianceConfig parse(final String name, final String text)
    {
        final List<InstrumentSpec> instruments = new ArrayList<>();
        final List<FirmSpec> firms = new ArrayList<>();
        final List<AccountSpec> accounts = new ArrayList<>();
        final Map<String, Integer> firstLine = new HashMap<>(); // "instrument id=0", "owner of 3", ... -> its line
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final String line = lines[i].replaceAll("#.*", "").strip();
            if (line.isEmpty())
            {
                continue;
            }
            final int lineNumber = i + 1;
            final String[] words = line.split("\\s+");
            try
            {
                final Set<String> keys = KEYS.get(words[0]);
                if (keys == null)
                {
                    throw new IllegalArgumentException(
                        "expected 'instrument', 'firm' or 'account', found '" + words[0] + "'");
                }
                final Map<String, String> fields = fields(words, keys);
                switch (words[0])
                {
                    case "instrument" ->
                    {
                        final InstrumentSpec instrument = instrument(fields);
                        listedOnce(firstLine, "instrument id=", instrument.id(), lineNumber);
                        listedOnce(firstLine, "instrument symbol=", instrument.symbol(), lineNumber);
                        instruments.add(instrument);
                    }
                    case "firm" ->
                    {
                        final FirmSpec firm = new FirmSpec(
                            number(fields, "id", 0, Long.MAX_VALUE),
                            required(fields, "name"),
                            required(fields, "key"),
                            secret(fields),
                            ids(fields, "accounts"));
                        listedOnce(firstLine, "firm id=", firm.id(), lineNumber);
                        listedOnce(firstLine, "firm key=", firm.accessKeyId(), lineNumber);
                        for (final int account : firm.accounts())
                        {
                            final Integer owner = firstLine.putIfAbsent("owner of " + account, lineNumber);
                            if (owner != null)
                            {
                                throw new IllegalArgumentException("account " + account +
                                    " already belongs to the firm on line " + owner);
                            }
                        }
                        firms.add(firm);
                    }
                    default ->
                    {
                        final AccountSpec account = new AccountSpec(
                            (int)number(fields, "id", 0, Integer.MAX_VALUE),
                            number(fields, "credit", 0, Limits.MAX_COLLATERAL));
                        listedOnce(firstLine, "account id=", account.id(), lineNumber);
                        accounts.add(account);
                    }
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(name + ":" + lineNumber + ": " + ex.getMessage(), ex);
            }
        }

        // What a line cannot check alone: references to other lines.
        for (final FirmSpec firm : firms)
        {
            for (final int account : firm.accounts())
            {
                if (!firstLine.containsKey("account id=" + account))
                {
                    throw new IllegalArgumentException(name + ":" + firstLine.get("firm id=" + firm.id()) + ": firm " +
                        firm.name() + " owns account " + account + ", which has no 'account id=" + account + "' line");
                }
            }
        }
        for (final InstrumentSpec instrument : instruments)
        {
            if (instrument.option() && instruments.stream()
                .noneMatch((underlying) -> underlying.id() == instrument.underlying() && !underlying.option()))
            {
                throw new IllegalArgumentException(name + ":" + firstLine.get("instrument id=" + instrument.id()) +
                    ": option " + instrument.symbol() + " names underlying=" + instrument.underlying() +
                    ", which is not a listed perpetual");
            }
        }
        // An appliance with nothing to trade, or nobody who may log on, is a mistake (an empty or
        // wrong file), not a configuration.
        if (instruments.isEmpty())
        {
            throw new IllegalArgumentException(name + ": no instrument is listed: at least one 'instrument' line is needed");
        }
        if (firms.isEmpty())
        {
            throw new IllegalArgumentException(name + ": no firm is listed: at least one 'firm' line is needed, " +
                "or no session could log on");
        }
        return new ApplianceConfig(List.copyOf(instruments), List.copyOf(firms), List.copyOf(accounts));
    }

    private static final Map<String, Set<String>> KEYS = Map.of(
        "instrument", Set.of("id", "symbol", "option", "underlying", "expiry", "strike", "tick", "lot", "tick-value",
            "ref", "band", "max-qty", "position-limit", "margin"),
        "firm", Set.of("id", "name", "key", "secret", "accounts"),
        "account", Set.of("id", "credit"));

    private static final Set<String> OPTION_KEYS = Set.of("underlying", "expiry", "strike");

    /** The line's key=value fields: each a known key, given once. */
    private static Map<String, String> fields(final String[] words, final Set<String> keys)
    {
        final Map<String, String> fields = new HashMap<>();
        for (int w = 1; w < words.length; w++)
        {
            final int eq = words[w].indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("expected key=value, found '" + words[w] + "'");
            }
            final String key = words[w].substring(0, eq);
            if (!keys.contains(key))
            {
                throw new IllegalArgumentException("unknown key '" + key + "' for " + words[0] + " (known: " +
                    String.join(", ", new TreeSet<>(keys)) + ")");
            }
            if (fields.put(key, words[w].substring(eq + 1)) != null)
            {
                throw new IllegalArgumentException(key + "= is given twice");
            }
        }
        return fields;
    }

    private static void listedOnce(final Map<String, Integer> firstLine, final String what, final Object value, final int line)
    {
        final Integer earlier = firstLine.putIfAbsent(what + value, line);
        if (earlier != null)
        {
            throw new IllegalArgumentException(what + value + " is already listed on line " + earlier);
        }
    }

    private static InstrumentSpec instrument(final Map<String, String> f)
    {
        final int id = (int)number(f, "id", 0, Integer.MAX_VALUE);
        final String option = f.getOrDefault("option", "none");
        if (!option.equals("none") && !option.equals("call") && !option.equals("put"))
        {
            throw new IllegalArgumentException("option= must be none, call or put, found '" + option + "'");
        }
        final boolean isOption = !option.equals("none");
        if (!isOption)
        {
            for (final String key : OPTION_KEYS)
            {
                if (f.containsKey(key))
                {
                    throw new IllegalArgumentException(key + "= is for options (option=call or option=put)");
                }
            }
        }
        final String[] margin = required(f, "margin").split("/", -1);
        final String[] buy = margin[0].split("\\+", -1);
        final String[] sell = margin.length == 2 ? margin[1].split("\\+", -1) : new String[0];
        if (margin.length != 2 || buy.length != 2 || sell.length != 2)
        {
            throw new IllegalArgumentException("margin= must be buyA+buyB/sellA+sellB, found '" + f.get("margin") + "'");
        }
        final long maxQuantity = number(f, "max-qty", 1, Limits.MAX_QUANTITY);
        final long buyA = number("margin buyA", buy[0], 0, Long.MAX_VALUE);
        final long buyB = number("margin buyB", buy[1], 0, Long.MAX_VALUE);
        final long sellA = number("margin sellA", sell[0], 0, Long.MAX_VALUE);
        final long sellB = number("margin sellB", sell[1], 0, Long.MAX_VALUE);
        if (!Limits.reservationFits(maxQuantity, buyA, buyB) || !Limits.reservationFits(maxQuantity, sellA, sellB))
        {
            throw new IllegalArgumentException("margin= and max-qty= allow a reservation above 2^62 for one order " +
                "(max-qty x (A + B x the highest price) must stay below it)");
        }
        return new InstrumentSpec(
            id,
            required(f, "symbol"),
            isOption,
            option.equals("call"),
            isOption ? (int)number(f, "underlying", 0, Integer.MAX_VALUE) : id,
            isOption ? expiry(f) : 0,
            isOption ? number(f, "strike", 1, Limits.MAX_PRICE) : 0,
            scaledE9(f, "tick"),
            scaledE9(f, "lot"),
            number(f, "tick-value", 1, Long.MAX_VALUE),
            number(f, "ref", 1, Limits.MAX_PRICE),
            (int)number(f, "band", 1, Limits.MAX_BAND_BPS),
            maxQuantity,
            number(f, "position-limit", 1, Limits.MAX_QUANTITY),
            buyA,
            buyB,
            sellA,
            sellB);
    }

    private static long number(final Map<String, String> fields, final String key, final long min, final long max)
    {
        return number(key, required(fields, key), min, max);
    }

    private static long number(final String what, final String text, final long min, final long max)
    {
        try
        {
            final long value = Long.parseLong(text);
            if (value >= min && value <= max)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below, with what was expected
        }
        throw new IllegalArgumentException(what + ": expected a whole number from " + min + " to " + max +
            ", found '" + text + "'");
    }

    /** A positive decimal with at most 9 places, times 10^9. */
    private static long scaledE9(final Map<String, String> fields, final String key)
    {
        final String text = required(fields, key);
        try
        {
            final long value = new BigDecimal(text).movePointRight(9).longValueExact();
            if (value > 0)
            {
                return value;
            }
        }
        catch (final NumberFormatException | ArithmeticException ignored)
        {
            // reported below, with what was expected
        }
        throw new IllegalArgumentException(key + ": expected a positive decimal with at most 9 places, found '" +
            text + "'");
    }

    /** Options expire at 08:00 UTC on their expiry date. */
    private static long expiry(final Map<String, String> fields)
    {
        final String text = required(fields, "expiry");
        try
        {
            return LocalDate.parse(text).atTime(8, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("expiry: expected a date as YYYY-MM-DD, found '" + text + "'");
        }
    }

    private static byte[] secret(final Map<String, String> fields)
    {
        final String text = required(fields, "secret");
        try
        {
            return HexFormat.of().parseHex(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("secret: expected an even number of hex digits");
        }
    }

    /** A list of ids and ranges: {@code 1,2,5-8}. */
    private static int[] ids(final Map<String, String> fields, final String key)
    {
        final String list = required(fields, key);
        final List<Integer> values = new ArrayList<>();
        for (final String part : list.split(",", -1))
        {
            final int dash = part.indexOf('-');
            final int first = (int)number(key, dash > 0 ? part.substring(0, dash) : part, 0, Integer.MAX_VALUE);
            final int last = dash > 0 ? (int)number(key, part.substring(dash + 1), first, Integer.MAX_VALUE) : first;
            if (last - first >= 1 << 20)
            {
                throw new IllegalArgumentException(key + ": the range " + part + " is too long");
            }
            for (int v = first; v <= last; v++)
            {
                values.add(v);
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String required(final Map<String, String> fields, final String key)
    {
        final String value = fields.get(key);
        if (value == null)
        {
            throw new IllegalArgumentException("missing " + key + "=");
        }
        return value;
    }
}
