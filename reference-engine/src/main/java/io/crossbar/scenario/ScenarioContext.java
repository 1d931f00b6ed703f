package io.crossbar.scenario;

import io.crossbar.engine.OrderIds;
import io.crossbar.sbe.device.AcceptedEventDecoder;
import io.crossbar.sbe.device.BookLevelEventDecoder;
import io.crossbar.sbe.device.CanceledEventDecoder;
import io.crossbar.sbe.device.CommandKind;
import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.FaultEventDecoder;
import io.crossbar.sbe.device.InstrumentStatus;
import io.crossbar.sbe.device.MassCancelScope;
import io.crossbar.sbe.device.ModifiedEventDecoder;
import io.crossbar.sbe.device.OrderType;
import io.crossbar.sbe.device.Reason;
import io.crossbar.sbe.device.RejectedEventDecoder;
import io.crossbar.sbe.device.Side;
import io.crossbar.sbe.device.StpMode;
import io.crossbar.sbe.device.TimeInForce;
import io.crossbar.sbe.device.TradeEventDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names of one scenario run (accounts, instruments, order labels) and the two translations
 * the scenario format needs: a command line into a 64-byte command record, and an event record
 * into the line a person reads. docs/scenarios.md is the grammar.
 */
public final class ScenarioContext
{
    private static final int RECORD_LENGTH = 64;
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;
    private static final long MAX_UINT8 = 0xFFL;

    private final String file;
    private final Map<String, Integer> instruments = new HashMap<>();
    private final Map<Integer, String> instrumentNames = new HashMap<>();
    private final Map<Integer, long[]> instrumentParameters = new HashMap<>();
    private final Map<String, Integer> accounts = new HashMap<>();
    private final Map<Integer, String> accountNames = new HashMap<>();
    private final Map<String, long[]> labels = new HashMap<>();   // label -> {orderId, instrument}
    private final Map<Long, String> orderNames = new HashMap<>();

    private final AcceptedEventDecoder accepted = new AcceptedEventDecoder();
    private final RejectedEventDecoder rejected = new RejectedEventDecoder();
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final CanceledEventDecoder canceled = new CanceledEventDecoder();
    private final ModifiedEventDecoder modified = new ModifiedEventDecoder();
    private final BookLevelEventDecoder bookLevel = new BookLevelEventDecoder();
    private final FaultEventDecoder fault = new FaultEventDecoder();

    private String pendingLabel;
    private int line;

    public ScenarioContext(final String file)
    {
        this.file = file;
    }

    // ------------------------------------------------------------------------------------------
    // Commands
    // ------------------------------------------------------------------------------------------

    /**
     * Translate one command line into a record at {@code offset} (64 bytes, reserved bytes zero).
     *
     * @return the label the command asks to bind to the order it creates, or null.
     */
    public String encode(
        final String text, final int lineNumber, final long sequence, final MutableDirectBuffer buffer, final int offset)
        throws ScenarioSyntaxException
    {
        line = lineNumber;
        pendingLabel = null;
        buffer.setMemory(offset, RECORD_LENGTH, (byte)0);
        final Tokens t = new Tokens(text);
        final String head = t.next("a command");
        switch (head)
        {
            case "instrument" -> setInstrument(t, buffer, offset, true);
            case "status" -> setInstrument(t, buffer, offset, false);
            case "margin" -> setMargin(t, buffer, offset);
            case "account" -> setAccount(t, buffer, offset, true);
            case "credit" -> setAccount(t, buffer, offset, false);
            case "ref" ->
            {
                kind(buffer, offset, CommandKind.SET_REFERENCE_PRICE);
                buffer.putInt(offset + 20, instrument(t.next("an instrument")));
                buffer.putLong(offset + 24, number(t.next("a reference price")));
            }
            case "halt" -> kind(buffer, offset, CommandKind.HALT);
            case "resume" -> kind(buffer, offset, CommandKind.RESUME);
            case "heartbeat" -> kind(buffer, offset, CommandKind.HEARTBEAT);
            case "raw" -> raw(t, buffer, offset);
            case "operator" ->
            {
                t.expect("cancel-all");
                kind(buffer, offset, CommandKind.MASS_CANCEL);
                buffer.putByte(offset + 9, (byte)MassCancelScope.INSTRUMENT.value());
                buffer.putInt(offset + 20, instrument(t.next("an instrument")));
            }
            default -> accountCommand(head, t, buffer, offset);
        }
        t.end();
        buffer.putLong(offset, sequence);
        return pendingLabel;
    }

    private void setInstrument(final Tokens t, final MutableDirectBuffer buffer, final int offset, final boolean full)
        throws ScenarioSyntaxException
    {
        final String name = t.next("an instrument name");
        Integer id = instruments.get(name);
        long[] p = id == null ? null : instrumentParameters.get(id);
        if (!full)
        {
            if (p == null)
            {
                throw error("unknown instrument '" + name + "': declare it with 'instrument " + name + " id=...' first");
            }
            p[0] = status(t.next("a status (trading, halted, closed)"));
        }
        else
        {
            if (p == null)
            {
                // status, ref, band, max-qty, position-limit
                p = new long[] {InstrumentStatus.TRADING.value(), 0, 0, 0, 0};
            }
            final Set<String> seen = new HashSet<>();
            while (t.hasNext())
            {
                final String kv = t.next("key=value");
                final int eq = kv.indexOf('=');
                if (eq < 0)
                {
                    throw error("expected key=value (id, ref, band, max-qty, position-limit, status) but found '" + kv + "'");
                }
                final String key = kv.substring(0, eq);
                final String value = kv.substring(eq + 1);
                once(seen, key, "repeated key '" + key + "=': give each key once");
                switch (key)
                {
                    case "id" ->
                    {
                        final int newId = unsigned(value, MAX_UINT32, "an instrument id=N");
                        if (id != null && id != newId)
                        {
                            throw error("instrument '" + name + "' already has id " + Integer.toUnsignedString(id));
                        }
                        id = newId;
                    }
                    case "status" -> p[0] = status(value);
                    case "ref" -> p[1] = number(value);
                    case "band" -> p[2] = unsigned(value, MAX_UINT32, "a band=N") & MAX_UINT32;
                    case "max-qty" -> p[3] = number(value);
                    case "position-limit" -> p[4] = number(value);
                    default -> throw error("unknown instrument parameter '" + key +
                        "': expected id, ref, band, max-qty, position-limit or status");
                }
            }
            if (id == null)
            {
                throw error("expected id=N for new instrument '" + name + "'");
            }
            instruments.put(name, id);
            instrumentNames.put(id, name);
            instrumentParameters.put(id, p);
        }
        kind(buffer, offset, CommandKind.SET_INSTRUMENT);
        buffer.putByte(offset + 9, (byte)p[0]);
        buffer.putInt(offset + 12, (int)p[2]);
        buffer.putInt(offset + 20, id);
        buffer.putLong(offset + 24, p[1]);
        buffer.putLong(offset + 32, p[3]);
        buffer.putLong(offset + 40, p[4]);
    }

    private void setMargin(final Tokens t, final MutableDirectBuffer buffer, final int offset) throws ScenarioSyntaxException
    {
        kind(buffer, offset, CommandKind.SET_MARGIN);
        buffer.putInt(offset + 20, instrument(t.next("an instrument")));
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2; i++)
        {
            final String kv = t.next("buy=A+B or sell=A+B");
            final int eq = kv.indexOf('=');
            final int plus = kv.indexOf('+', eq + 2);
            if (eq < 0 || plus < 0)
            {
                throw error("expected buy=A+B or sell=A+B (reservation per lot = A + B x price) but found '" + kv + "'");
            }
            final String side = kv.substring(0, eq);
            final long a = number(kv.substring(eq + 1, plus));
            final long b = number(kv.substring(plus + 1));
            final int at = switch (side)
            {
                case "buy" -> 24;
                case "sell" -> 40;
                default -> throw error("expected 'buy=' or 'sell=' but found '" + side + "='");
            };
            // Both sides once: 'buy=.. buy=..' would leave the sell side's margin unset.
            once(seen, side, "repeated key '" + side + "=': give buy= and sell= once each");
            buffer.putLong(offset + at, a);
            buffer.putLong(offset + at + 8, b);
        }
    }

    private void setAccount(final Tokens t, final MutableDirectBuffer buffer, final int offset, final boolean full)
        throws ScenarioSyntaxException
    {
        final String name = t.next("an account name");
        kind(buffer, offset, CommandKind.SET_ACCOUNT);
        if (full)
        {
            final long[] values = keyValues(t, "id", "credit");
            if (values[0] < 0 || values[0] > MAX_UINT32)
            {
                throw error("expected an account id=N with N from 0 to " + MAX_UINT32 + " but found id=" + values[0]);
            }
            final int id = (int)values[0];
            if (accounts.containsKey(name) && accounts.get(name) != id)
            {
                throw error("account '" + name + "' already has id " + Integer.toUnsignedString(accounts.get(name)));
            }
            accounts.put(name, id);
            accountNames.put(id, name);
            buffer.putInt(offset + 16, id);
            buffer.putLong(offset + 24, values[1]);
        }
        else
        {
            buffer.putInt(offset + 16, account(name));
            buffer.putLong(offset + 24, number(t.next("a credit amount")));
        }
    }

    private void accountCommand(final String accountName, final Tokens t, final MutableDirectBuffer buffer, final int offset)
        throws ScenarioSyntaxException
    {
        final int account = account(accountName);
        final String verb = t.next("buy, sell, modify, cancel or cancel-all");
        buffer.putInt(offset + 16, account);
        switch (verb)
        {
            case "buy", "sell" -> newOrder(verb, t, buffer, offset);
            case "modify" ->
            {
                kind(buffer, offset, CommandKind.MODIFY);
                final long[] order = order(t.next("an order label"));
                buffer.putLong(offset + 40, number(t.next("a quantity")));
                t.expect("@");
                buffer.putLong(offset + 32, number(t.next("a price")));
                buffer.putLong(offset + 24, order[0]);
                buffer.putInt(offset + 20, onInstrument(t, order));
            }
            case "cancel" ->
            {
                kind(buffer, offset, CommandKind.CANCEL);
                final long[] order = order(t.next("an order label"));
                buffer.putLong(offset + 24, order[0]);
                buffer.putInt(offset + 20, onInstrument(t, order));
            }
            case "cancel-all" ->
            {
                kind(buffer, offset, CommandKind.MASS_CANCEL);
                if (t.hasNext())
                {
                    buffer.putByte(offset + 9, (byte)MassCancelScope.ACCOUNT_INSTRUMENT.value());
                    buffer.putInt(offset + 20, instrument(t.next("an instrument")));
                }
                else
                {
                    buffer.putByte(offset + 9, (byte)MassCancelScope.ACCOUNT.value());
                }
            }
            default -> throw error("expected buy, sell, modify, cancel or cancel-all after '" + accountName +
                "' but found '" + verb + "'");
        }
    }

    private void newOrder(final String side, final Tokens t, final MutableDirectBuffer buffer, final int offset)
        throws ScenarioSyntaxException
    {
        kind(buffer, offset, CommandKind.NEW_ORDER);
        buffer.putByte(offset + 9, (byte)(side.equals("buy") ? Side.BUY.value() : Side.SELL.value()));
        buffer.putLong(offset + 32, number(t.next("a quantity")));
        buffer.putInt(offset + 20, instrument(t.next("an instrument")));
        final String priceOrMarket = t.next("'@ PRICE' or 'market'");
        boolean market = false;
        if (priceOrMarket.equals("@"))
        {
            buffer.putByte(offset + 10, (byte)OrderType.LIMIT.value());
            buffer.putLong(offset + 24, number(t.next("a price")));
        }
        else if (priceOrMarket.equals("market"))
        {
            market = true;
            buffer.putByte(offset + 10, (byte)OrderType.MARKET.value());
        }
        else
        {
            throw error("expected '@ PRICE' or 'market' but found '" + priceOrMarket + "'");
        }
        buffer.putByte(offset + 11, (byte)(market ? TimeInForce.IOC.value() : TimeInForce.GTC.value()));
        int flags = 0;
        final Set<String> seen = new HashSet<>();
        while (t.hasNext())
        {
            final String option = t.next("an order option");
            final int eq = option.indexOf('=');
            final String key = eq > 0 ? option.substring(0, eq + 1) : option;
            switch (option)
            {
                // One time in force: 'gtc ioc' would otherwise keep whichever came last.
                case "gtc", "ioc", "fok" -> once(seen, "time in force",
                    "second time in force '" + option + "': give one of gtc, ioc or fok");
                default -> once(seen, key, "repeated order option '" + key + "': give each option once");
            }
            switch (option)
            {
                case "gtc" -> buffer.putByte(offset + 11, (byte)TimeInForce.GTC.value());
                case "ioc" -> buffer.putByte(offset + 11, (byte)TimeInForce.IOC.value());
                case "fok" -> buffer.putByte(offset + 11, (byte)TimeInForce.FOK.value());
                case "post-only" -> flags |= 1;
                case "reduce-only" -> flags |= 2;
                case "as" ->
                {
                    pendingLabel = t.next("a label after 'as'");
                    if (labels.containsKey(pendingLabel))
                    {
                        throw error("label '" + pendingLabel + "' is already used in this scenario");
                    }
                }
                default ->
                {
                    if (option.startsWith("display="))
                    {
                        buffer.putLong(offset + 40, number(option.substring("display=".length())));
                    }
                    else if (option.startsWith("stp="))
                    {
                        buffer.putByte(offset + 13, (byte)stp(option.substring("stp=".length())));
                    }
                    else if (option.startsWith("price="))
                    {
                        buffer.putLong(offset + 24, number(option.substring("price=".length())));
                    }
                    else if (option.startsWith("type="))
                    {
                        buffer.putByte(
                            offset + 10, (byte)unsigned(option.substring("type=".length()), MAX_UINT8, "a raw type=N"));
                    }
                    else
                    {
                        throw error("expected an order option (gtc, ioc, fok, post-only, reduce-only, display=N, " +
                            "stp=cancel-resting|cancel-aggressor|cancel-both, as LABEL) but found '" + option + "'");
                    }
                }
            }
        }
        buffer.putByte(offset + 12, (byte)flags);
    }

    private void raw(final Tokens t, final MutableDirectBuffer buffer, final int offset) throws ScenarioSyntaxException
    {
        final StringBuilder hex = new StringBuilder();
        while (t.hasNext())
        {
            hex.append(t.next("hex bytes"));
        }
        if (hex.length() != RECORD_LENGTH * 2 || !hex.toString().matches("[0-9a-fA-F]+"))
        {
            throw error("expected exactly 64 bytes as 128 hex digits after 'raw' but found " + hex.length() + " characters");
        }
        for (int i = 0; i < RECORD_LENGTH; i++)
        {
            buffer.putByte(offset + i, (byte)Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16));
        }
    }

    private int onInstrument(final Tokens t, final long[] order) throws ScenarioSyntaxException
    {
        if (t.hasNext())
        {
            t.expect("on");
            return instrument(t.next("an instrument"));
        }
        if (order[1] < 0)
        {
            throw error("an order given by raw id needs 'on INSTRUMENT'");
        }
        return (int)order[1];
    }

    private static void kind(final MutableDirectBuffer buffer, final int offset, final CommandKind kind)
    {
        buffer.putByte(offset + 8, (byte)kind.value());
    }

    private long[] keyValues(final Tokens t, final String... keys) throws ScenarioSyntaxException
    {
        final long[] values = new long[keys.length];
        final boolean[] seen = new boolean[keys.length];
        while (t.hasNext())
        {
            final String kv = t.next("key=value");
            final int eq = kv.indexOf('=');
            int k = -1;
            for (int i = 0; eq > 0 && i < keys.length; i++)
            {
                if (keys[i].equals(kv.substring(0, eq)))
                {
                    k = i;
                }
            }
            if (k < 0)
            {
                throw error("expected one of " + String.join("=, ", keys) + "= but found '" + kv + "'");
            }
            if (seen[k])
            {
                // The second value would silently replace the first.
                throw error("repeated key '" + keys[k] + "=': give each key once");
            }
            values[k] = number(kv.substring(eq + 1));
            seen[k] = true;
        }
        for (int i = 0; i < keys.length; i++)
        {
            if (!seen[i])
            {
                throw error("expected " + keys[i] + "=N");
            }
        }
        return values;
    }

    private int instrument(final String name) throws ScenarioSyntaxException
    {
        if (name.startsWith("#"))
        {
            return rawId(name, "instrument");
        }
        final Integer id = instruments.get(name);
        if (id == null)
        {
            throw error("unknown instrument '" + name + "': declare it with 'instrument " + name + " id=...' " +
                "or use #N for a raw id");
        }
        return id;
    }

    private int account(final String name) throws ScenarioSyntaxException
    {
        if (name.startsWith("#"))
        {
            return rawId(name, "account");
        }
        final Integer id = accounts.get(name);
        if (id == null)
        {
            throw error("expected a command or a declared account but found '" + name + "' " +
                "(declare accounts with 'account " + name + " id=N credit=C', or use #N for a raw id)");
        }
        return id;
    }

    private long[] order(final String label) throws ScenarioSyntaxException
    {
        if (label.startsWith("#"))
        {
            return new long[] {number(label.substring(1)), -1};
        }
        final long[] order = labels.get(label);
        if (order == null)
        {
            throw error("unknown order label '" + label + "': name an order with 'as " + label +
                "' when it is entered, or use #N for a raw id");
        }
        return order;
    }

    private int status(final String text) throws ScenarioSyntaxException
    {
        return switch (text)
        {
            case "trading" -> InstrumentStatus.TRADING.value();
            case "halted" -> InstrumentStatus.HALTED.value();
            case "closed" -> InstrumentStatus.CLOSED.value();
            case "unconfigured" -> InstrumentStatus.UNCONFIGURED.value();
            default -> throw error("expected a status (trading, halted, closed) but found '" + text + "'");
        };
    }

    private int stp(final String text) throws ScenarioSyntaxException
    {
        return switch (text)
        {
            case "cancel-resting" -> StpMode.CANCEL_RESTING.value();
            case "cancel-aggressor" -> StpMode.CANCEL_AGGRESSOR.value();
            case "cancel-both" -> StpMode.CANCEL_BOTH.value();
            default -> unsigned(text, MAX_UINT8, "stp=cancel-resting|cancel-aggressor|cancel-both or a raw stp=N");
        };
    }

    private long number(final String text) throws ScenarioSyntaxException
    {
        final Long value = parse(text);
        if (value == null)
        {
            throw error("expected a number but found '" + text + "'");
        }
        return value;
    }

    /**
     * A number for a record field narrower than a long, as the field's bit pattern. A value the
     * field cannot hold is an error rather than wrapped: 4294967297 would otherwise be id 1.
     */
    private int unsigned(final String text, final long max, final String what) throws ScenarioSyntaxException
    {
        final Long value = parse(text);
        if (value == null || value < 0 || value > max)
        {
            throw error("expected " + what + " with N from 0 to " + max + " but found '" + text + "'");
        }
        return value.intValue();
    }

    /** A raw {@code #N} account or instrument id of a command: any 32-bit id, so rejects can be tested. */
    private int rawId(final String word, final String kind) throws ScenarioSyntaxException
    {
        final Long value = parse(word.substring(1));
        if (value == null || value < 0 || value > MAX_UINT32)
        {
            throw error("expected a declared " + kind + " or #N with N from 0 to " + MAX_UINT32 + " but found '" + word + "'");
        }
        return value.intValue();
    }

    /** The number in {@code text} ('_' may separate digits), or null when it is not one. */
    private static Long parse(final String text)
    {
        try
        {
            return Long.parseLong(text.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    /** Each key once per line: a repeat would silently replace the first, or leave another key unset. */
    private void once(final Set<String> seen, final String key, final String message) throws ScenarioSyntaxException
    {
        if (!seen.add(key))
        {
            throw error(message);
        }
    }

    private ScenarioSyntaxException error(final String message)
    {
        return new ScenarioSyntaxException(file, line, message);
    }

    // ------------------------------------------------------------------------------------------
    // Events
    // ------------------------------------------------------------------------------------------

    /** Bind a label to the order an ACCEPTED event announces, so later lines can name it. */
    public void bind(final String label, final long orderId, final int instrument)
    {
        labels.put(label, new long[] {orderId, instrument});
        orderNames.put(orderId, label);
    }

    /** The readable line for an event record, or null for a completion record (not printed). */
    public String describe(final DirectBuffer buffer, final int offset)
    {
        final int kind = buffer.getByte(offset + 8) & 0xFF;
        final EventKind eventKind = EventKind.get((short)kind);
        return switch (eventKind)
        {
            case ACCEPTED ->
            {
                accepted.wrap(buffer, offset, AcceptedEventDecoder.BLOCK_LENGTH, AcceptedEventDecoder.SCHEMA_VERSION);
                final StringBuilder sb = new StringBuilder("accepted ")
                    .append(orderName(accepted.orderId())).append(' ')
                    .append(accountName((int)accepted.account())).append(' ')
                    .append(side(accepted.sideRaw())).append(' ')
                    .append(accepted.quantity()).append(' ')
                    .append(instrumentName((int)accepted.instrument())).append(" @ ").append(accepted.price());
                if (accepted.orderTypeRaw() == OrderType.MARKET.value())
                {
                    sb.append(" market");
                }
                if (accepted.timeInForceRaw() == TimeInForce.IOC.value())
                {
                    sb.append(" ioc");
                }
                else if (accepted.timeInForceRaw() == TimeInForce.FOK.value())
                {
                    sb.append(" fok");
                }
                if (accepted.flags().postOnly())
                {
                    sb.append(" post-only");
                }
                if (accepted.flags().reduceOnly())
                {
                    sb.append(" reduce-only");
                }
                if (accepted.displayQuantity() != 0)
                {
                    sb.append(" display=").append(accepted.displayQuantity());
                }
                if (accepted.stpModeRaw() != StpMode.CANCEL_RESTING.value())
                {
                    sb.append(" stp=").append(stpName(accepted.stpModeRaw()));
                }
                if (accepted.reservationPerLot() != 0)
                {
                    sb.append(" per-lot=").append(accepted.reservationPerLot());
                }
                yield sb.toString();
            }
            case REJECTED ->
            {
                rejected.wrap(buffer, offset, RejectedEventDecoder.BLOCK_LENGTH, RejectedEventDecoder.SCHEMA_VERSION);
                final String reason = reasonName(rejected.reasonRaw());
                yield rejected.orderId() == 0 ? "rejected " + reason : "rejected " + orderName(rejected.orderId()) + " " + reason;
            }
            case TRADE ->
            {
                trade.wrap(buffer, offset, TradeEventDecoder.BLOCK_LENGTH, TradeEventDecoder.SCHEMA_VERSION);
                yield "trade #" + trade.tradeId() + " " + instrumentName((int)trade.instrument()) + " " +
                    trade.quantity() + " @ " + trade.price() +
                    " taker " + orderName(trade.takerOrderId()) + " " + accountName((int)trade.takerAccount()) + " " +
                    side(trade.takerSideRaw()) +
                    " maker " + orderName(trade.makerOrderId()) + " " + accountName((int)trade.makerAccount());
            }
            case CANCELED ->
            {
                canceled.wrap(buffer, offset, CanceledEventDecoder.BLOCK_LENGTH, CanceledEventDecoder.SCHEMA_VERSION);
                yield "canceled " + orderName(canceled.orderId()) + " " + accountName((int)canceled.account()) + " " +
                    side(canceled.sideRaw()) + " " + canceled.canceledQuantity() + " " +
                    instrumentName((int)canceled.instrument()) + " @ " + canceled.price() + " " +
                    reasonName(canceled.reasonRaw());
            }
            case MODIFIED ->
            {
                modified.wrap(buffer, offset, ModifiedEventDecoder.BLOCK_LENGTH, ModifiedEventDecoder.SCHEMA_VERSION);
                yield "modified " + orderName(modified.orderId()) + " " + accountName((int)modified.account()) + " " +
                    side(modified.sideRaw()) + " " + modified.quantity() + " " +
                    instrumentName((int)modified.instrument()) + " @ " + modified.price() +
                    (modified.priorityKeptRaw() != 0 ? " priority-kept" : " priority-lost") +
                    (modified.reservationPerLot() != 0 ? " per-lot=" + modified.reservationPerLot() : "");
            }
            case BOOK_LEVEL ->
            {
                bookLevel.wrap(buffer, offset, BookLevelEventDecoder.BLOCK_LENGTH, BookLevelEventDecoder.SCHEMA_VERSION);
                yield "level " + instrumentName((int)bookLevel.instrument()) + " " +
                    (bookLevel.sideRaw() == Side.BUY.value() ? "bid" : "ask") + " " + bookLevel.price() +
                    " qty=" + bookLevel.quantity() + " orders=" + bookLevel.orderCount();
            }
            case COMPLETE -> null;
            case FAULT ->
            {
                fault.wrap(buffer, offset, FaultEventDecoder.BLOCK_LENGTH, FaultEventDecoder.SCHEMA_VERSION);
                yield "fault " + fault.faultCode() + " detail=" + fault.detail();
            }
            default -> "unknown-event kind=" + kind;
        };
    }

    public String orderName(final long orderId)
    {
        final String name = orderNames.get(orderId);
        return name != null ? name : "#" + orderId + "(slot " + OrderIds.slot(orderId) + " gen " + OrderIds.generation(orderId) + ")";
    }

    public String accountName(final int account)
    {
        final String name = accountNames.get(account);
        return name != null ? name : "#" + Integer.toUnsignedString(account);
    }

    public String instrumentName(final int instrument)
    {
        final String name = instrumentNames.get(instrument);
        return name != null ? name : "#" + Integer.toUnsignedString(instrument);
    }

    /**
     * The account a check line names: a declared name, or {@code #N} with N from 0 to
     * {@code count - 1}. Anything else is an error rather than an id, because the inspected
     * engine's records lie back to back and an id past the end would read another account's.
     *
     * @param word       the word of the check.
     * @param lineNumber the line of the check, for the error.
     * @param count      how many accounts the inspected engine has.
     * @return the account id.
     * @throws ScenarioSyntaxException naming the file, the line and what was expected.
     */
    public int accountId(final String word, final int lineNumber, final int count) throws ScenarioSyntaxException
    {
        line = lineNumber;
        return checkedId(word, "account", accounts, count);
    }

    /**
     * The instrument a check line names: a declared name, or {@code #N} with N from 0 to
     * {@code count - 1}; see {@link #accountId(String, int, int)}.
     *
     * @param word       the word of the check.
     * @param lineNumber the line of the check, for the error.
     * @param count      how many instruments the inspected engine has.
     * @return the instrument id.
     * @throws ScenarioSyntaxException naming the file, the line and what was expected.
     */
    public int instrumentId(final String word, final int lineNumber, final int count) throws ScenarioSyntaxException
    {
        line = lineNumber;
        return checkedId(word, "instrument", instruments, count);
    }

    private int checkedId(final String word, final String kind, final Map<String, Integer> names, final int count)
        throws ScenarioSyntaxException
    {
        final String expected = "expected a declared " + kind + " or #N with N from 0 to " + (count - 1);
        if (word.startsWith("#"))
        {
            final Long value = parse(word.substring(1));
            if (value == null || value < 0 || value >= count)
            {
                throw error(expected + " but found '" + word + "'");
            }
            return value.intValue();
        }
        final Integer id = names.get(word);
        if (id == null)
        {
            throw error(expected + " but found '" + word + "'");
        }
        // A declared id the engine does not have (declared to test the reject) has no state to show.
        if (id < 0 || id >= count)
        {
            throw error(expected + " but found '" + word + "', declared with id " + Integer.toUnsignedString(id) +
                ", which the engine does not have");
        }
        return id;
    }

    private static String side(final short raw)
    {
        return raw == Side.BUY.value() ? "buy" : raw == Side.SELL.value() ? "sell" : "side?" + raw;
    }

    private static String stpName(final short raw)
    {
        return raw == StpMode.CANCEL_AGGRESSOR.value() ? "cancel-aggressor" :
            raw == StpMode.CANCEL_BOTH.value() ? "cancel-both" : "cancel-resting";
    }

    private static String reasonName(final short raw)
    {
        final Reason reason = Reason.get(raw);
        return reason == Reason.NULL_VAL ? "REASON_" + raw : reason.name();
    }

    /** Whitespace-separated tokens of one command line. */
    private final class Tokens
    {
        private final String[] tokens;
        private int next;

        Tokens(final String text)
        {
            this.tokens = text.isBlank() ? new String[0] : text.trim().split(" ");
        }

        boolean hasNext()
        {
            return next < tokens.length;
        }

        String next(final String what) throws ScenarioSyntaxException
        {
            if (next >= tokens.length)
            {
                throw error("expected " + what + " but the line ended");
            }
            return tokens[next++];
        }

        void expect(final String word) throws ScenarioSyntaxException
        {
            final String found = next("'" + word + "'");
            if (!found.equals(word))
            {
                throw error("expected '" + word + "' but found '" + found + "'");
            }
        }

        void end() throws ScenarioSyntaxException
        {
            if (next < tokens.length)
            {
                throw error("unexpected '" + tokens[next] + "' at the end of the command");
            }
        }
    }
}
