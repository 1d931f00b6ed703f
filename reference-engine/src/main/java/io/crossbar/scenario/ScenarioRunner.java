package io.crossbar.scenario;

import io.crossbar.engine.EventSink;
import io.crossbar.engine.StateView;
import io.crossbar.sbe.device.CompleteEventDecoder;
import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.Side;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a scenario against a target (the reference engine, or later the card) and compares every
 * command's events, as readable lines, with what the file expects. Also checks the framing every
 * command must have whatever the target: events numbered without gaps, and exactly one completion
 * record, last, carrying the command's sequence, its event count and whether it was rejected.
 */
public final class ScenarioRunner
{
    private static final int RECORD_LENGTH = 64;

    /** Something that processes command records: an engine, a simulated card, a real card. */
    public interface Target
    {
        String name();

        /** Process one 64-byte command record; every event of it goes to the sink before returning. */
        void process(DirectBuffer buffer, int offset, EventSink sink);

        /** State for {@code check} lines, or null when the target cannot be inspected. */
        StateView state();
    }

    /**
     * What one run found.
     *
     * @param scenario   the scenario that ran.
     * @param passed     whether every expectation and framing rule held.
     * @param transcript the run in the scenario format: each command and the events it produced.
     * @param failures   one block per mismatch, each naming file and line.
     * @param commands   commands sent, setup included.
     */
    public record Result(Scenario scenario, boolean passed, List<String> transcript, List<String> failures, int commands)
    {
    }

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[RECORD_LENGTH]);
    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(RECORD_LENGTH * 64);
    private final CompleteEventDecoder complete = new CompleteEventDecoder();
    private int eventCount;

    public Result run(final Scenario scenario, final Target target) throws ScenarioSyntaxException
    {
        final ScenarioContext context = new ScenarioContext(scenario.file());
        final List<String> transcript = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final EventSink sink = (buffer, offset) ->
        {
            events.putBytes(eventCount * RECORD_LENGTH, buffer, offset, RECORD_LENGTH);
            eventCount++;
        };
        long sequence = 0;
        long expectedEventSequence = -1;
        int commands = 0;

        transcript.add("title: " + scenario.title());
        if (!scenario.rules().isEmpty())
        {
            transcript.add("rules: " + String.join(" ", scenario.rules()));
        }
        if (!scenario.setup().isEmpty())
        {
            transcript.add("setup:");
        }

        final List<Scenario.Step> all = new ArrayList<>(scenario.setup());
        all.addAll(scenario.steps());
        for (int i = 0; i < all.size(); i++)
        {
            final Scenario.Step step = all.get(i);
            final boolean setup = i < scenario.setup().size();
            final String where = scenario.file() + ":" + step.line();
            if (step.check())
            {
                final String actual = check(step, context, target.state(), scenario.file());
                transcript.add("check " + actual);
                if (!ScenarioParser.normalise(actual).equals(step.text()))
                {
                    failures.add(where + ": check failed\n  expected: check " + step.text() + "\n  actual:   check " + actual);
                }
                continue;
            }

            sequence++;
            commands++;
            final String label = context.encode(step.text(), step.line(), sequence, command, 0);
            eventCount = 0;
            target.process(command, 0, sink);

            final List<String> actual = new ArrayList<>();
            String framing = null;
            for (int e = 0; e < eventCount; e++)
            {
                final int offset = e * RECORD_LENGTH;
                final long eventSequence = events.getLong(offset);
                if (expectedEventSequence >= 0 && eventSequence != expectedEventSequence && framing == null)
                {
                    framing = "event sequence " + eventSequence + " where " + expectedEventSequence + " was next";
                }
                expectedEventSequence = eventSequence + 1;
                final int kind = events.getByte(offset + 8) & 0xFF;
                if (kind == EventKind.ACCEPTED.value() && label != null)
                {
                    context.bind(label, events.getLong(offset + 24), events.getInt(offset + 20));
                }
                final String line = context.describe(events, offset);
                if (line != null)
                {
                    actual.add(line);
                }
            }
            if (framing == null)
            {
                framing = framing(actual, sequence);
            }

            transcript.add((setup ? "  " : "> ") + step.text());
            if (!setup)
            {
                for (final String line : actual)
                {
                    transcript.add("  " + line);
                }
            }

            if (framing != null)
            {
                failures.add(where + ": " + step.text() + "\n  broken framing: " + framing);
            }
            if (setup)
            {
                if (!actual.isEmpty())
                {
                    failures.add(where + ": setup command '" + step.text() + "' must succeed silently but produced:\n    " +
                        String.join("\n    ", actual));
                }
            }
            else if (!actual.equals(step.expected()))
            {
                failures.add(diff(where, step, actual));
            }
        }
        return new Result(scenario, failures.isEmpty(), transcript, failures, commands);
    }

    /** The completion record must be the last event, exactly once, and agree with what preceded it. */
    private String framing(final List<String> lines, final long sequence)
    {
        if (eventCount == 0)
        {
            return "no events at all (a completion record is required)";
        }
        int completes = 0;
        for (int e = 0; e < eventCount; e++)
        {
            if ((events.getByte(e * RECORD_LENGTH + 8) & 0xFF) == EventKind.COMPLETE.value())
            {
                completes++;
            }
        }
        final int last = (eventCount - 1) * RECORD_LENGTH;
        if (completes != 1 || (events.getByte(last + 8) & 0xFF) != EventKind.COMPLETE.value())
        {
            return "expected exactly one completion record, last; found " + completes;
        }
        complete.wrap(events, last, CompleteEventDecoder.BLOCK_LENGTH, CompleteEventDecoder.SCHEMA_VERSION);
        if (complete.commandSequence() != sequence)
        {
            return "completion carries command sequence " + complete.commandSequence() + ", expected " + sequence;
        }
        if (complete.eventCount() != eventCount - 1)
        {
            return "completion counts " + complete.eventCount() + " events, " + (eventCount - 1) + " preceded it";
        }
        final long canceled = lines.stream().filter(l -> l.startsWith("canceled ")).count();
        final boolean manyCancels = complete.commandKind() == 4 || complete.commandKind() == 5 || complete.commandKind() == 7;
        if (complete.affectedOrders() != (manyCancels ? canceled : 0))
        {
            return "completion counts " + complete.affectedOrders() + " affected orders, " +
                (manyCancels ? canceled + " were canceled" : "expected 0 for this command");
        }
        final boolean rejected = lines.stream().anyMatch(l -> l.startsWith("rejected "));
        if (rejected != (complete.outcomeRaw() == 1))
        {
            return "completion outcome " + complete.outcomeRaw() + " disagrees with " + (rejected ? "a" : "no") + " reject";
        }
        return null;
    }

    private static String diff(final String where, final Scenario.Step step, final List<String> actual)
    {
        final StringBuilder sb = new StringBuilder(where).append(": > ").append(step.text()).append('\n');
        final List<String> expected = step.expected();
        final int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++)
        {
            final String e = i < expected.size() ? expected.get(i) : null;
            final String a = i < actual.size() ? actual.get(i) : null;
            if (e != null && e.equals(a))
            {
                sb.append("      ").append(e).append('\n');
                continue;
            }
            if (e != null)
            {
                sb.append("  -   ").append(e).append("   (expected, line ").append(step.expectedLines().get(i)).append(")\n");
            }
            if (a != null)
            {
                sb.append("  +   ").append(a).append("   (actual)\n");
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String check(
        final Scenario.Step step, final ScenarioContext context, final StateView state, final String file)
        throws ScenarioSyntaxException
    {
        final String[] t = step.text().split(" ");
        final int eq = List.of(t).indexOf("=");
        if (eq < 1)
        {
            throw new ScenarioSyntaxException(file, step.line(), "expected 'check WHAT ... = VALUE' but found 'check " + step.text() + "'");
        }
        if (eq == t.length - 1)
        {
            throw new ScenarioSyntaxException(file, step.line(), "expected a value after '=' in 'check " + step.text() + "'");
        }
        final String lhs = String.join(" ", List.of(t).subList(0, eq));
        if (state == null)
        {
            throw new ScenarioSyntaxException(file, step.line(), "this target cannot be inspected: 'check' lines need the reference device");
        }
        final CheckLine c = new CheckLine(Arrays.copyOf(t, eq), step.line(), file, context, state);
        final String value = switch (t[0])
        {
            case "position" ->
            {
                final int account = c.account(1);
                final int instrument = c.instrument(2);
                c.end("position ACCOUNT INSTR = N");
                yield String.valueOf(state.position(account, instrument));
            }
            case "reserved", "credit" ->
            {
                final int account = c.account(1);
                c.end(t[0] + " ACCOUNT = N");
                yield String.valueOf(t[0].equals("reserved") ? state.reserved(account) : state.credit(account));
            }
            case "open" ->
            {
                final int account = c.account(1);
                final int instrument = c.instrument(2);
                final Side side = c.side(3);
                c.end("open ACCOUNT INSTR bid|ask = N");
                yield String.valueOf(state.openQuantity(account, instrument, side));
            }
            case "best" ->
            {
                final int instrument = c.instrument(1);
                final Side side = c.side(2);
                c.end("best INSTR bid|ask = PRICE");
                final long best = state.bestPrice(instrument, side);
                yield best == 0 ? "none" : String.valueOf(best);
            }
            case "book" ->
            {
                final int instrument = c.instrument(1);
                final Side side = c.side(2);
                c.end("book INSTR bid|ask = P:Q/N ...");
                final StringBuilder sb = new StringBuilder();
                state.forEachLevel(instrument, side,
                    (price, quantity, count) -> sb.append(sb.isEmpty() ? "" : " ").append(price).append(':')
                        .append(quantity).append('/').append(count));
                yield sb.isEmpty() ? "empty" : sb.toString();
            }
            case "orders" ->
            {
                final int instrument = c.instrument(1);
                final Side side = c.side(2);
                c.end("orders INSTR bid|ask = ORDER:LEAVES ...");
                final StringBuilder sb = new StringBuilder();
                state.forEachOrder(instrument, side,
                    (orderId, account, price, leaves, visible) -> sb.append(sb.isEmpty() ? "" : " ")
                        .append(context.orderName(orderId)).append(':').append(leaves));
                yield sb.isEmpty() ? "empty" : sb.toString();
            }
            case "live-orders" ->
            {
                c.end("live-orders = N");
                yield String.valueOf(state.liveOrders());
            }
            default -> throw new ScenarioSyntaxException(file, step.line(),
                "expected a check of position, reserved, credit, open, best, book, orders or live-orders but found '" + t[0] + "'");
        };
        return lhs + " = " + value;
    }

    /**
     * The words of one check before its '=': each read in turn, and every word accounted for, so a
     * misspelt or extra word is an error instead of a check of something else.
     */
    private static final class CheckLine
    {
        private final String[] words;
        private final int line;
        private final String file;
        private final ScenarioContext context;
        private final int accounts;
        private final int instruments;
        private int used = 1;

        CheckLine(
            final String[] words, final int line, final String file, final ScenarioContext context, final StateView state)
        {
            this.words = words;
            this.line = line;
            this.file = file;
            this.context = context;
            // Ids a check may name are bounded by the engine's capacities: past them the engine has no record.
            this.accounts = state.config().accounts();
            this.instruments = state.config().instruments();
        }

        int account(final int i) throws ScenarioSyntaxException
        {
            return context.accountId(word(i, "an account"), line, accounts);
        }

        int instrument(final int i) throws ScenarioSyntaxException
        {
            return context.instrumentId(word(i, "an instrument"), line, instruments);
        }

        Side side(final int i) throws ScenarioSyntaxException
        {
            final String word = word(i, "bid or ask");
            return switch (word)
            {
                case "bid", "buy" -> Side.BUY;
                case "ask", "sell" -> Side.SELL;
                default -> throw new ScenarioSyntaxException(file, line,
                    "expected bid or ask (buy or sell) at word " + (i + 1) + " of the check but found '" + word + "'");
            };
        }

        void end(final String form) throws ScenarioSyntaxException
        {
            if (used < words.length)
            {
                throw new ScenarioSyntaxException(file, line,
                    "unexpected '" + words[used] + "' at word " + (used + 1) + " of the check: expected 'check " + form + "'");
            }
        }

        private String word(final int i, final String what) throws ScenarioSyntaxException
        {
            if (i >= words.length)
            {
                throw new ScenarioSyntaxException(file, line,
                    "expected " + what + " at word " + (i + 1) + " of the check but found '='");
            }
            used = Math.max(used, i + 1);
            return words[i];
        }
    }
}
