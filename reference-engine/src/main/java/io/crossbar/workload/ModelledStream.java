package io.crossbar.workload;

import io.crossbar.engine.CommandWriter;
import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.Limits;
import io.crossbar.sbe.device.InstrumentStatus;
import io.crossbar.sbe.device.MassCancelScope;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * A seeded generator of long, valid command streams (a million commands and more) that knows the
 * final book they must leave: it drives an independent {@link BookModel} while it writes the
 * commands, so the model's final state is the expectation for any engine the stream is replayed
 * into. Prices random-walk around a moving mid per instrument; the mix is new limit orders (GTC
 * with some icebergs, IOC, FOK), modifies (mostly moves, some in-place reductions and quantity
 * increases), cancels and occasional mass cancels, from accounts that sometimes meet themselves.
 */
public final class ModelledStream
{
    /** The most commands one stream holds: its records are one buffer, indexed by int. */
    public static final int MAX_COMMANDS = Integer.MAX_VALUE / CommandWriter.RECORD_LENGTH;

    /** The generated stream: {@code count} 64-byte records in {@code commands}, and the model. */
    public record Stream(UnsafeBuffer commands, int count, BookModel model, int instruments, int accounts)
    {
    }

    public static final long REFERENCE_PRICE = 100_000;
    private static final long BAND_BPS = 150;
    private static final long MAX_QUANTITY = 1_000;

    private ModelledStream()
    {
    }

    /**
     * Generate a stream for an engine of the given capacities.
     *
     * @param seed     the seed; the same seed gives the same stream.
     * @param count    commands, setup included.
     * @param config   capacities of the engine it will be replayed into.
     */
    public static Stream generate(final long seed, final int count, final EngineConfig config)
    {
        if (count < 1 || count > MAX_COMMANDS)
        {
            throw new IllegalArgumentException(
                "a modelled stream holds 1 to " + MAX_COMMANDS + " commands (one buffer of 64-byte records), not " + count);
        }
        final int instruments = Math.min(4, config.instruments());
        final int accounts = Math.min(64, config.accounts());
        final SplittableRandom random = new SplittableRandom(seed);
        final CommandWriter writer = new CommandWriter();
        final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(count * CommandWriter.RECORD_LENGTH));
        final BookModel model = new BookModel(instruments, config.orderSlots());
        final long[] mid = new long[instruments];
        final long halfBand = REFERENCE_PRICE * BAND_BPS / 10_000;

        int n = 0;
        for (int i = 0; i < instruments && n < count; i++, n++)
        {
            mid[i] = REFERENCE_PRICE;
            writer.setInstrument(out, n * 64, n + 1, i, InstrumentStatus.TRADING, REFERENCE_PRICE, BAND_BPS,
                MAX_QUANTITY, Limits.MAX_QUANTITY);
        }
        for (int a = 0; a < accounts && n < count; a++, n++)
        {
            writer.setAccount(out, n * 64, n + 1, a, Limits.MAX_COLLATERAL);
        }

        for (; n < count; n++)
        {
            final int offset = n * 64;
            final long sequence = n + 1;
            final int instrument = random.nextInt(instruments);
            if (random.nextInt(8) == 0)
            {
                mid[instrument] = Math.clamp(mid[instrument] + random.nextInt(-2, 3),
                    REFERENCE_PRICE - halfBand + 40, REFERENCE_PRICE + halfBand - 40);
            }
            final int roll = random.nextInt(1000);
            final int newOrders = model.liveCount() < 1_200 ? 300 : 90;
            if (roll < newOrders || model.liveCount() == 0)
            {
                final int account = random.nextInt(accounts);
                final boolean buy = random.nextBoolean();
                final boolean aggressive = random.nextInt(10) == 0;
                final long offsetTicks = aggressive ? -random.nextInt(0, 6) : random.nextInt(1, 30);
                final long price = buy ? mid[instrument] - offsetTicks : mid[instrument] + offsetTicks;
                final long quantity = random.nextLong(1, 50);
                final int tifRoll = random.nextInt(10);
                final int tif = tifRoll < 8 ? 1 : tifRoll < 9 ? 2 : 3;
                final long display = tif == 1 && random.nextInt(10) == 0 ? random.nextLong(1, quantity + 1) : 0;
                writer.newOrder(out, offset, sequence, account, instrument, buy ? 1 : 2, 1, tif, 0, 0, price, quantity, display);
                model.enter(account, instrument, buy, price, quantity, display, tif);
            }
            else if (roll < newOrders + 60)
            {
                final BookModel.Order order = model.liveAt(random.nextInt(model.liveCount()));
                final long id = order.id();
                writer.cancel(out, offset, sequence, order.account(), order.instrument(), id);
                model.cancel(id);
            }
            else if (roll < newOrders + 62)
            {
                final int account = random.nextInt(accounts);
                writer.massCancel(out, offset, sequence, MassCancelScope.ACCOUNT, account, 0);
                model.cancelAll(account);
            }
            else
            {
                final BookModel.Order order = model.liveAt(random.nextInt(model.liveCount()));
                final long id = order.id();
                final int kind = random.nextInt(10);
                long price = order.price();
                long quantity = order.leaves();
                if (kind < 7)
                {
                    final long m = mid[order.instrument()];
                    final long away = random.nextInt(40) == 0 ? -random.nextInt(0, 4) : random.nextInt(1, 30);
                    price = order.buy() ? m - away : m + away;
                }
                else if (kind < 9)
                {
                    quantity = random.nextLong(1, order.leaves() + 1);
                }
                else
                {
                    quantity = Math.min(MAX_QUANTITY, order.leaves() + random.nextLong(1, 20));
                }
                writer.modify(out, offset, sequence, order.account(), order.instrument(), id, price, quantity);
                model.modify(id, price, quantity);
            }
        }
        return new Stream(out, count, model, instruments, accounts);
    }
}
