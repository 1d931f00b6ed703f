package io.crossbar.workload;

import io.crossbar.engine.CommandWriter;
import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.EventSink;
import io.crossbar.sbe.device.CommandKind;
import io.crossbar.sbe.device.EventKind;
import io.crossbar.sbe.device.InstrumentStatus;
import io.crossbar.sbe.device.MassCancelScope;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;

import java.util.SplittableRandom;

/**
 * A seeded stream of commands that reaches every command kind, every reject reason and every
 * capacity limit of a small engine: the workload of the property tests and of the differential
 * runs against the card. It learns order ids from the events it is shown ({@link #onEvent}), so
 * that modifies and cancels mostly hit live orders; the rest hit filled, stale, foreign or
 * invented ids on purpose. A few percent of commands are malformed (bad enumerations, bad
 * numbers, unknown kinds, raw noise).
 * <p>
 * The same seed and the same events give the same commands, so a stream can be regenerated from
 * its seed alone when run against the reference engine.
 */
public final class RandomCommands implements EventSink
{
    /** A small engine that makes every limit reachable within a few thousand commands. */
    public static EngineConfig smallConfig()
    {
        return new EngineConfig().instruments(3).levelsPerSide(256).orderSlots(40).accounts(6);
    }

    private static final long BASE_PRICE = 1_000;
    private static final long NO_OWNER = -1;

    private final SplittableRandom random;
    private final CommandWriter writer = new CommandWriter();
    private final int instruments;
    private final int accounts;
    private final int levels;
    private final int slots;
    private final LongArrayList liveIds = new LongArrayList();
    private final LongArrayList liveOwners = new LongArrayList(); // account << 32 | instrument, as liveIds
    private final LongArrayList liveSides = new LongArrayList();  // side code, as liveIds
    private final Long2LongHashMap liveIndex = new Long2LongHashMap(-1); // id -> its index in liveIds
    private final LongArrayList deadIds = new LongArrayList();
    private final long[] reference;
    private long sequence;
    private int setupStep;
    private long owner = NO_OWNER;
    private boolean quoting;

    public RandomCommands(final long seed, final EngineConfig config)
    {
        this.random = new SplittableRandom(seed);
        this.instruments = config.instruments();
        this.accounts = config.accounts();
        this.levels = config.levelsPerSide();
        this.slots = config.orderSlots();
        this.reference = new long[instruments];
    }

    /**
     * A market maker's flow instead of the mix of every kind: after the same setup, on instrument
     * 0 only, 70% moves of a live order to another of the few price levels a tick to four ticks
     * behind the reference (3% of new prices cross), 8% cancels, 18% new GTC and IOC orders on
     * those levels, each by the order's owner, and 1% mass cancels of an account's orders. The
     * book holds several orders a level, so a command often names the order the previous one
     * queued behind: the back-to-back hazards between one command's last writes and the next
     * one's first reads.
     */
    public RandomCommands quoting()
    {
        this.quoting = true;
        return this;
    }

    /** Learn order ids from the engine's events. */
    public void onEvent(final DirectBuffer buffer, final int offset)
    {
        final int kind = buffer.getByte(offset + 8);
        if (kind == EventKind.ACCEPTED.value() && quoting && buffer.getByte(offset + 11) != 1)
        {
            return; // the quoting stream names GTC orders only (an IOC never rests)
        }
        if (kind == EventKind.ACCEPTED.value())
        {
            final long orderId = buffer.getLong(offset + 24);
            liveIndex.put(orderId, liveIds.size()); // ids are unique: a slot's generation advances
            liveIds.addLong(orderId);
            liveOwners.addLong(((long)buffer.getInt(offset + 16) << 32) | (buffer.getInt(offset + 20) & 0xFFFF_FFFFL));
            liveSides.addLong(buffer.getByte(offset + 9));
        }
        else if (kind == EventKind.CANCELED.value())
        {
            forget(buffer.getLong(offset + 24));
        }
        else if (kind == EventKind.TRADE.value())
        {
            // Cheap approximation: a traded id may be gone; the next command may find out. The
            // quoting stream forgets both sides (a remainder left resting is swept up by its
            // account's mass cancels).
            if (quoting)
            {
                forget(buffer.getLong(offset + 48));
            }
            if (quoting || random.nextInt(4) == 0)
            {
                forget(buffer.getLong(offset + 56));
            }
        }
    }

    private void forget(final long orderId)
    {
        // The index map stands for liveIds.indexOf, which made the generator quadratic in the
        // live orders; the lists change exactly as before, so a seed gives the same stream.
        final int i = (int)liveIndex.remove(orderId);
        if (i >= 0)
        {
            final int last = liveIds.size() - 1;
            if (i != last)
            {
                liveIndex.put(liveIds.getLong(last), i); // fastUnorderedRemove moves the last into i
            }
            liveIds.fastUnorderedRemove(i);
            liveOwners.fastUnorderedRemove(i);
            liveSides.fastUnorderedRemove(i);
            if (deadIds.size() < 64)
            {
                deadIds.addLong(orderId);
            }
            else
            {
                deadIds.setLong(random.nextInt(64), orderId);
            }
        }
    }

    /** Write the next command at {@code offset}; returns its sequence number. */
    public long next(final MutableDirectBuffer buffer, final int offset)
    {
        final long seq = ++sequence;
        if (setupStep < instruments * 2 + accounts)
        {
            setup(buffer, offset, seq, setupStep++);
            return seq;
        }

        if (quoting)
        {
            quote(buffer, offset, seq);
            return seq;
        }

        final int roll = random.nextInt(1000);
        if (roll < 560)
        {
            newOrder(buffer, offset, seq);
        }
        else if (roll < 690)
        {
            modify(buffer, offset, seq);
        }
        else if (roll < 760)
        {
            cancel(buffer, offset, seq);
        }
        else if (roll < 780)
        {
            massCancel(buffer, offset, seq);
        }
        else if (roll < 800)
        {
            final int instrument = random.nextInt(instruments);
            final long move = random.nextInt(10) == 0 ? random.nextLong(-400, 401) : random.nextLong(-20, 21);
            final long price = random.nextInt(50) == 0 ? random.nextLong(-5, 5) : Math.max(200, reference[instrument] + move);
            if (price > 0)
            {
                reference[instrument] = price;
            }
            writer.setReferencePrice(buffer, offset, seq, instrument(), price);
        }
        else if (roll < 830)
        {
            writer.setAccount(buffer, offset, seq, account(), random.nextInt(20) == 0 ?
                random.nextLong() : random.nextLong(0, 4_000_000));
        }
        else if (roll < 850)
        {
            final int instrument = instrument();
            writer.setMargin(buffer, offset, seq, instrument,
                coefficient(), coefficient(), coefficient(), coefficient());
        }
        else if (roll < 880)
        {
            final int instrument = random.nextInt(instruments + 1);
            final InstrumentStatus status = switch (random.nextInt(20))
            {
                case 0 -> InstrumentStatus.CLOSED;
                case 1, 2 -> InstrumentStatus.HALTED;
                case 3 -> InstrumentStatus.UNCONFIGURED;
                default -> InstrumentStatus.TRADING;
            };
            final long ref = instrument < instruments ? Math.max(1, reference[instrument]) : BASE_PRICE;
            writer.setInstrument(buffer, offset, seq, instrument, status, ref,
                random.nextInt(20) == 0 ? 20_000 : random.nextLong(100, 1_200),
                random.nextInt(20) == 0 ? 0 : random.nextLong(10, 200),
                random.nextLong(50, 2_000));
        }
        else if (roll < 900)
        {
            final int kind = switch (random.nextInt(8))
            {
                case 0 -> CommandKind.HALT.value();
                case 1, 2, 3, 4 -> CommandKind.RESUME.value();
                default -> CommandKind.HEARTBEAT.value();
            };
            writer.control(buffer, offset, seq, kind);
        }
        else if (roll < 910)
        {
            writer.control(buffer, offset, seq, random.nextInt(2) == 0 ? 0 : 12 + random.nextInt(244));
        }
        else if (roll < 920)
        {
            for (int i = 8; i < CommandWriter.RECORD_LENGTH; i += 8)
            {
                buffer.putLong(offset + i, random.nextLong());
            }
            buffer.putLong(offset, seq);
        }
        else
        {
            newOrder(buffer, offset, seq);
        }
        return seq;
    }

    private void setup(final MutableDirectBuffer buffer, final int offset, final long seq, final int step)
    {
        if (step < instruments)
        {
            reference[step] = BASE_PRICE + 100L * step;
            writer.setInstrument(buffer, offset, seq, step, InstrumentStatus.TRADING, reference[step], 800, 100, 400);
        }
        else if (step < instruments * 2)
        {
            writer.setMargin(buffer, offset, seq, step - instruments, 0, 1, 20, 1);
        }
        else
        {
            writer.setAccount(buffer, offset, seq, step - instruments * 2, 2_000_000);
        }
    }

    private void newOrder(final MutableDirectBuffer buffer, final int offset, final long seq)
    {
        final int instrument = instrument();
        final int side = random.nextInt(50) == 0 ? random.nextInt(4) : 1 + random.nextInt(2);
        final boolean market = random.nextInt(12) == 0;
        final int type = random.nextInt(60) == 0 ? 3 : market ? 2 : 1;
        final int tifRoll = random.nextInt(20);
        final int tif = tifRoll < 13 ? 1 : tifRoll < 17 ? 2 : tifRoll < 19 ? 3 : random.nextInt(5);
        int flags = 0;
        if (random.nextInt(10) == 0)
        {
            flags |= CommandWriter.POST_ONLY;
        }
        if (random.nextInt(12) == 0)
        {
            flags |= CommandWriter.REDUCE_ONLY;
        }
        if (random.nextInt(100) == 0)
        {
            flags |= 1 << (2 + random.nextInt(6));
        }
        final int stp = random.nextInt(6) == 0 ? random.nextInt(4) : 0;
        final long quantity = quantity();
        final long display = random.nextInt(8) == 0 ? random.nextLong(-1, Math.max(quantity, 0) + 2) : 0;
        final long price = market ? (random.nextInt(20) == 0 ? 5 : 0) : price(instrument, side);
        writer.newOrder(buffer, offset, seq, account(), instrument, side, type, tif, flags, stp, price, quantity, display);
    }

    private void quote(final MutableDirectBuffer buffer, final int offset, final long seq)
    {
        // a book kept below three quarters of the slots (then new orders give way to cancels)
        final boolean full = liveIds.size() >= Math.min(slots * 3 / 4, 2_000);
        final int roll = random.nextInt(100);
        if (random.nextInt(100) == 0)
        {
            writer.massCancel(buffer, offset, seq, MassCancelScope.ACCOUNT_INSTRUMENT, random.nextInt(accounts), 0);
            return;
        }
        if ((roll < 78 || full) && !liveIds.isEmpty())
        {
            final int i = random.nextInt(liveIds.size());
            final long target = liveOwners.getLong(i);
            final int account = (int)(target >>> 32);
            final int instrument = (int)target;
            if (roll < 70)
            {
                writer.modify(buffer, offset, seq, account, instrument, liveIds.getLong(i),
                    quotePrice((int)liveSides.getLong(i)), 1 + random.nextInt(5));
            }
            else
            {
                writer.cancel(buffer, offset, seq, account, instrument, liveIds.getLong(i));
            }
            return;
        }
        final int side = 1 + random.nextInt(2);
        final int tif = random.nextInt(6) == 0 ? 2 : 1; // IOC or GTC
        writer.newOrder(buffer, offset, seq, random.nextInt(accounts), 0, side, 1, tif, 0, 0,
            quotePrice(side), 1 + random.nextInt(5), 0);
    }

    /** One to four ticks behind instrument 0's reference on the side's own half; 3% crossing. */
    private long quotePrice(final int side)
    {
        final long ref = reference[0];
        if (random.nextInt(100) < 3)
        {
            return side == 1 ? ref + random.nextInt(3) : ref - random.nextInt(3);
        }
        final long away = 1 + random.nextInt(4);
        return side == 1 ? ref - away : ref + away;
    }

    private void modify(final MutableDirectBuffer buffer, final int offset, final long seq)
    {
        final long orderId = orderId();
        final int instrument = ownersInstrument();
        final long price = price(instrument, 1 + random.nextInt(2));
        writer.modify(buffer, offset, seq, ownersAccount(), instrument, orderId, price, quantity());
    }

    private void cancel(final MutableDirectBuffer buffer, final int offset, final long seq)
    {
        final long orderId = orderId();
        writer.cancel(buffer, offset, seq, ownersAccount(), ownersInstrument(), orderId);
    }

    private void massCancel(final MutableDirectBuffer buffer, final int offset, final long seq)
    {
        final int roll = random.nextInt(10);
        final MassCancelScope scope = roll < 4 ? MassCancelScope.ACCOUNT :
            roll < 8 ? MassCancelScope.ACCOUNT_INSTRUMENT : roll < 9 ? MassCancelScope.INSTRUMENT : MassCancelScope.NULL_VAL;
        writer.massCancel(buffer, offset, seq, scope, account(), instrument());
        if (scope == MassCancelScope.NULL_VAL)
        {
            buffer.putByte(offset + 9, (byte)(random.nextInt(2) == 0 ? 0 : 4 + random.nextInt(200)));
        }
    }

    /**
     * Mostly a live order, sometimes a dead, foreign-slot or invented id. For a live order, its
     * owner is remembered for {@link #ownersAccount()} and {@link #ownersInstrument()}, which
     * mostly name it: without that, the larger the engine the fewer modifies and cancels would
     * reach an order at all.
     */
    private long orderId()
    {
        owner = NO_OWNER;
        final int roll = random.nextInt(20);
        if (roll < 15 && !liveIds.isEmpty())
        {
            final int i = random.nextInt(liveIds.size());
            if (random.nextInt(4) != 0)
            {
                owner = liveOwners.getLong(i);
            }
            return liveIds.getLong(i);
        }
        if (roll < 18 && !deadIds.isEmpty())
        {
            return deadIds.getLong(random.nextInt(deadIds.size()));
        }
        return random.nextInt(3) == 0 ? random.nextLong() : ((long)random.nextInt(1, 4) << 32) | random.nextInt(128);
    }

    /** The account of the order {@link #orderId()} chose, when it kept its owner; else any. */
    private int ownersAccount()
    {
        return owner == NO_OWNER ? account() : (int)(owner >>> 32);
    }

    /** The instrument of the order {@link #orderId()} chose, when it kept its owner; else any. */
    private int ownersInstrument()
    {
        return owner == NO_OWNER ? instrument() : (int)owner;
    }

    /** Mostly a configured instrument; sometimes one past the end or far away. */
    private int instrument()
    {
        final int roll = random.nextInt(100);
        return roll < 97 ? random.nextInt(instruments) : roll < 99 ? instruments : random.nextInt();
    }

    private int account()
    {
        final int roll = random.nextInt(100);
        return roll < 97 ? random.nextInt(accounts) : roll < 99 ? accounts : random.nextInt();
    }

    private long quantity()
    {
        final int roll = random.nextInt(100);
        if (roll < 2)
        {
            return random.nextLong(-3, 1);
        }
        if (roll < 4)
        {
            return random.nextLong(100, 300);
        }
        return random.nextLong(1, 25);
    }

    /** Mostly a passive price for the side near the reference; sometimes aggressive or invalid. */
    private long price(final int instrument, final int side)
    {
        final long ref = instrument >= 0 && instrument < instruments && reference[instrument] > 0 ? reference[instrument] : BASE_PRICE;
        final int roll = random.nextInt(100);
        if (roll < 2)
        {
            return random.nextInt(2) == 0 ? random.nextLong(-2, 1) : (1L << 32) + random.nextInt(3);
        }
        if (roll < 6)
        {
            return ref + random.nextLong(-levels, levels);
        }
        if (roll < 25)
        {
            return ref + random.nextLong(-12, 13);
        }
        final long away = random.nextLong(0, 16);
        return side == 1 ? ref - away : ref + away;
    }

    private long coefficient()
    {
        final int roll = random.nextInt(40);
        return roll == 0 ? -1 : roll == 1 ? Long.MAX_VALUE / 3 : random.nextLong(0, 4);
    }
}
