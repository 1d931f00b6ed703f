package io.crossbar.appliance;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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
 * {@code margin=A+B/A+B} gives the buy and sell reservation per lot, A + B x price. A malformed
 * line is an error naming the file, the line and what was expected.
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
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final String line = lines[i].replaceAll("#.*", "").strip();
            if (line.isEmpty())
            {
                continue;
            }
            final String where = name + ":" + (i + 1) + ": ";
            final String[] words = line.split("\\s+");
            final Map<String, String> fields = new HashMap<>();
            for (int w = 1; w < words.length; w++)
            {
                final int eq = words[w].indexOf('=');
                if (eq <= 0)
                {
                    throw new IllegalArgumentException(where + "expected key=value, found '" + words[w] + "'");
                }
                fields.put(words[w].substring(0, eq), words[w].substring(eq + 1));
            }
            try
            {
                switch (words[0])
                {
                    case "instrument" -> instruments.add(instrument(fields));
                    case "firm" -> firms.add(new FirmSpec(
                        Long.parseLong(required(fields, "id")),
                        required(fields, "name"),
                        required(fields, "key"),
                        HexFormat.of().parseHex(required(fields, "secret")),
                        ints(required(fields, "accounts"))));
                    case "account" -> accounts.add(new AccountSpec(
                        Integer.parseInt(required(fields, "id")), Long.parseLong(required(fields, "credit"))));
                    default -> throw new IllegalArgumentException(
                        "expected 'instrument', 'firm' or 'account', found '" + words[0] + "'");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(ex.getMessage().startsWith(name) ? ex.getMessage() : where + ex.getMessage(), ex);
            }
        }
        return new ApplianceConfig(List.copyOf(instruments), List.copyOf(firms), List.copyOf(accounts));
    }

    private static InstrumentSpec instrument(final Map<String, String> f)
    {
        final int id = Integer.parseInt(required(f, "id"));
        final String option = f.getOrDefault("option", "none");
        if (!option.equals("none") && !option.equals("call") && !option.equals("put"))
        {
            throw new IllegalArgumentException("option must be none, call or put");
        }
        final String[] margin = required(f, "margin").split("/");
        if (margin.length != 2 || !margin[0].contains("+") || !margin[1].contains("+"))
        {
            throw new IllegalArgumentException("margin must be buyA+buyB/sellA+sellB, found '" + f.get("margin") + "'");
        }
        final String[] buy = margin[0].split("\\+");
        final String[] sell = margin[1].split("\\+");
        final boolean isOption = !option.equals("none");
        return new InstrumentSpec(
            id,
            required(f, "symbol"),
            isOption,
            option.equals("call"),
            isOption ? Integer.parseInt(required(f, "underlying")) : id,
            isOption ? LocalDate.parse(required(f, "expiry")).atTime(8, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L : 0,
            isOption ? Long.parseLong(required(f, "strike")) : 0,
            scaledE9(required(f, "tick")),
            scaledE9(required(f, "lot")),
            Long.parseLong(required(f, "tick-value")),
            Long.parseLong(required(f, "ref")),
            Integer.parseInt(required(f, "band")),
            Long.parseLong(required(f, "max-qty")),
            Long.parseLong(required(f, "position-limit")),
            Long.parseLong(buy[0]),
            Long.parseLong(buy[1]),
            Long.parseLong(sell[0]),
            Long.parseLong(sell[1]));
    }

    private static long scaledE9(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(9).longValueExact();
    }

    private static int[] ints(final String list)
    {
        final List<Integer> values = new ArrayList<>();
        for (final String part : list.split(","))
        {
            final int dash = part.indexOf('-');
            if (dash > 0)
            {
                for (int v = Integer.parseInt(part.substring(0, dash)); v <= Integer.parseInt(part.substring(dash + 1)); v++)
                {
                    values.add(v);
                }
            }
            else
            {
                values.add(Integer.parseInt(part));
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
