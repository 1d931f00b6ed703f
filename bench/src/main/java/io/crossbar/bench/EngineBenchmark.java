package io.crossbar.bench;

import io.crossbar.engine.ReferenceEngine;
import io.crossbar.sbe.device.Side;
import io.crossbar.sbe.device.TimeInForce;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Our reference engine, per command kind and on the mixed peer stream, in commands per second.
 * <p>
 * Every benchmark processes a batch of precomputed 64-byte records per invocation and reports per
 * command ({@link OperationsPerInvocation}). The book stays in a steady state: about 1,000
 * resting orders (500 bids 10-309 ticks below the reference price, 500 asks as far above, about
 * 200 levels a side) which each benchmark returns to after every invocation. Where the measured
 * commands consume what they act on (new orders add, cancels and IOC orders remove), the
 * opposite commands run untimed in a per-invocation setup or teardown; a batch of
 * {@value #BATCH} commands takes tens of microseconds or more, so the per-invocation timestamps
 * cost well under 1%. Order ids the engine assigned in earlier invocations are substituted by
 * {@link EngineDriver}.
 * <p>
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the allocation per command, which the
 * engine promises to be zero in steady state (the untimed per-invocation work is included in
 * that figure, so zero there means zero for both).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    JvmOptions.EXPORT_MISC, JvmOptions.OPEN_LANG, JvmOptions.OPEN_NIO, JvmOptions.NATIVE_ACCESS,
    JvmOptions.UNSAFE_MEMORY, JvmOptions.HEAP_MIN, JvmOptions.HEAP_MAX})
public class EngineBenchmark
{
    /** Commands per invocation of the per-kind benchmarks. */
    public static final int BATCH = 1_000;
    /** Commands in the main part of the mixed stream (one invocation). */
    public static final int MIXED = 100_000;

    static final int INSTRUMENT = PeerStream.INSTRUMENT;
    static final long REF = PeerStream.REFERENCE_PRICE;
    static final int BASE_PER_SIDE = 500;
    /** Base bids rest at REF - GAP - depth, asks at REF + GAP + depth, depth in [0, DEPTH). */
    static final int GAP = 10;
    static final int DEPTH = 300;

    // ------------------------------------------------------------------------------------------
    // Benchmarks
    // ------------------------------------------------------------------------------------------

    /** A new GTC limit order that does not cross, joining or opening a level behind the touch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long newOrder(final NewOrderState s)
    {
        return s.driver.run(s.place);
    }

    /** A cancel of a resting order. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long cancel(final CancelState s)
    {
        return s.driver.run(s.cancel);
    }

    /** A modify to a new price a few ticks away on its own side: loses priority, does not cross. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long modify(final ModifyState s)
    {
        final int from = s.half * BATCH;
        s.half ^= 1;
        return s.driver.run(s.cycle, from, from + BATCH);
    }

    /** A modify that keeps the price and reduces the quantity by one lot: in place, priority kept. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long modifyInPlace(final InPlaceState s)
    {
        return s.driver.run(s.reduce);
    }

    /** An IOC order that crosses and fully fills one resting order at the touch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long iocTrade(final IocState s)
    {
        return s.driver.run(s.ioc);
    }

    /** The main part of the peer stream: 9% GTC, 3% IOC, 6% cancel, 82% modify, ~1,000 resting orders. */
    @Benchmark
    @OperationsPerInvocation(MIXED)
    public long mixed(final MixedState s)
    {
        return s.driver.run(s.batch, s.mainFrom, s.mainTo);
    }

    // ------------------------------------------------------------------------------------------
    // States
    // ------------------------------------------------------------------------------------------

    /**
     * An engine configured as for the peer stream, holding the base book. Id slots
     * {@code [0, 2 * BASE_PER_SIDE)} hold the base orders' ids; later slots are the benchmark's.
     */
    public abstract static class BaseBook
    {
        final CommandRecords writer = new CommandRecords();
        final SplittableRandom random = new SplittableRandom(17);
        EngineDriver driver;
        final long[] basePrice = new long[2 * BASE_PER_SIDE];
        final long[] baseQuantity = new long[2 * BASE_PER_SIDE];
        final int[] baseAccount = new int[2 * BASE_PER_SIDE];

        /** Base order {@code k}: bids are even, asks odd. */
        static boolean isBuy(final int k)
        {
            return (k & 1) == 0;
        }

        void init(final long maxOrderQuantity, final long baseSize, final int extraIdSlots)
        {
            driver = new EngineDriver(new ReferenceEngine(PeerStream.engineConfig()), 2 * BASE_PER_SIDE + extraIdSlots);
            final EngineDriver.Batch setup = new EngineDriver.Batch(2 + PeerStream.ACCOUNTS + 2 * BASE_PER_SIDE);
            writer.setInstrument(
                setup.records, setup.next(EngineDriver.NONE, EngineDriver.NONE), 0, INSTRUMENT, REF, PeerStream.BAND_BPS,
                maxOrderQuantity, PeerStream.POSITION_LIMIT);
            writer.setZeroMargin(setup.records, setup.next(EngineDriver.NONE, EngineDriver.NONE), 0, INSTRUMENT);
            for (int a = 0; a < PeerStream.ACCOUNTS; a++)
            {
                writer.setAccount(setup.records, setup.next(EngineDriver.NONE, EngineDriver.NONE), 0, a, PeerStream.CREDIT);
            }
            for (int k = 0; k < 2 * BASE_PER_SIDE; k++)
            {
                final boolean buy = isBuy(k);
                final double u = random.nextDouble();
                final long depth = (long)(u * u * DEPTH);
                basePrice[k] = buy ? REF - GAP - depth : REF + GAP + depth;
                baseQuantity[k] = baseSize > 0 ? baseSize : size();
                baseAccount[k] = account(buy);
                writer.newOrder(
                    setup.records, setup.next(EngineDriver.NONE, k), 0, baseAccount[k], INSTRUMENT,
                    buy ? Side.BUY : Side.SELL, TimeInForce.GTC, basePrice[k], baseQuantity[k]);
            }
            driver.run(setup);
            driver.requireNoRejects("base book");
        }

        int account(final boolean buy)
        {
            return buy ? random.nextInt(PeerStream.BUYERS) : PeerStream.BUYERS + random.nextInt(PeerStream.SELLERS);
        }

        long size()
        {
            return 1 + (long)random.nextInt(6) * random.nextInt(6) * random.nextInt(6);
        }

        /** A passive price within the base book's range on one side. */
        long passivePrice(final boolean buy)
        {
            final double u = random.nextDouble();
            final long depth = (long)(u * u * DEPTH);
            return buy ? REF - GAP - depth : REF + GAP + depth;
        }

        /**
         * A batch of {@code BATCH} passive new orders storing their ids in slots
         * {@code [firstSlot, firstSlot + BATCH)}, and the matching cancels in shuffled order.
         */
        void placeAndCancel(final EngineDriver.Batch place, final EngineDriver.Batch cancel, final int firstSlot)
        {
            final int[] account = new int[BATCH];
            for (int j = 0; j < BATCH; j++)
            {
                final boolean buy = (j & 1) == 0;
                account[j] = account(buy);
                writer.newOrder(
                    place.records, place.next(EngineDriver.NONE, firstSlot + j), 0, account[j], INSTRUMENT,
                    buy ? Side.BUY : Side.SELL, TimeInForce.GTC, passivePrice(buy), size());
            }
            final int[] order = permutation(BATCH);
            for (int j = 0; j < BATCH; j++)
            {
                final int k = order[j];
                writer.cancel(cancel.records, cancel.next(firstSlot + k, EngineDriver.NONE), 0, account[k], INSTRUMENT, 0);
            }
        }

        int[] permutation(final int n)
        {
            final int[] p = new int[n];
            for (int i = 0; i < n; i++)
            {
                p[i] = i;
            }
            for (int i = n - 1; i > 0; i--)
            {
                final int j = random.nextInt(i + 1);
                final int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        }

        /** The base book must be back where it started: same order count. */
        void requireSteadyState(final String what)
        {
            driver.requireNoRejects(what);
            final int orders = BookSnapshot.ofReference(driver.engine(), INSTRUMENT).orders();
            if (orders != 2 * BASE_PER_SIDE)
            {
                throw new IllegalStateException(what + ": book holds " + orders + " orders, expected " + 2 * BASE_PER_SIDE);
            }
        }
    }

    @State(Scope.Thread)
    public static class NewOrderState extends BaseBook
    {
        final EngineDriver.Batch place = new EngineDriver.Batch(BATCH);
        final EngineDriver.Batch cancel = new EngineDriver.Batch(BATCH);

        @Setup(Level.Trial)
        public void setUp()
        {
            init(PeerStream.MAX_ORDER_QUANTITY, 0, BATCH);
            placeAndCancel(place, cancel, 2 * BASE_PER_SIDE);
        }

        @TearDown(Level.Invocation)
        public void removeWhatWasPlaced()
        {
            driver.run(cancel);
        }

        @TearDown(Level.Trial)
        public void check()
        {
            requireSteadyState("newOrder");
        }
    }

    @State(Scope.Thread)
    public static class CancelState extends BaseBook
    {
        final EngineDriver.Batch place = new EngineDriver.Batch(BATCH);
        final EngineDriver.Batch cancel = new EngineDriver.Batch(BATCH);

        @Setup(Level.Trial)
        public void setUp()
        {
            init(PeerStream.MAX_ORDER_QUANTITY, 0, BATCH);
            placeAndCancel(place, cancel, 2 * BASE_PER_SIDE);
        }

        @Setup(Level.Invocation)
        public void placeWhatWillBeCanceled()
        {
            driver.run(place);
        }

        @TearDown(Level.Trial)
        public void check()
        {
            requireSteadyState("cancel");
        }
    }

    @State(Scope.Thread)
    public static class ModifyState extends BaseBook
    {
        /** Two halves of BATCH modifies; after both, every order is back at its home price. */
        final EngineDriver.Batch cycle = new EngineDriver.Batch(2 * BATCH);
        int half;

        @Setup(Level.Trial)
        public void setUp()
        {
            init(PeerStream.MAX_ORDER_QUANTITY, 0, 0);
            final long[] away = new long[2 * BASE_PER_SIDE];
            for (int k = 0; k < away.length; k++)
            {
                final long step = (1 + random.nextInt(5)) * (random.nextBoolean() ? 1 : -1);
                away[k] = basePrice[k] + step;
            }
            final boolean[] isAway = new boolean[2 * BASE_PER_SIDE];
            final int[] pick = new int[BATCH];
            for (int j = 0; j < BATCH; j++)
            {
                pick[j] = random.nextInt(2 * BASE_PER_SIDE);
            }
            // The same picks twice over: each order moves an even number of times per cycle.
            for (int j = 0; j < 2 * BATCH; j++)
            {
                final int k = pick[j % BATCH];
                isAway[k] = !isAway[k];
                writer.modify(
                    cycle.records, cycle.next(k, EngineDriver.NONE), 0, baseAccount[k], INSTRUMENT, 0,
                    isAway[k] ? away[k] : basePrice[k], baseQuantity[k]);
            }
        }

        @TearDown(Level.Trial)
        public void check()
        {
            requireSteadyState("modify");
        }
    }

    @State(Scope.Thread)
    public static class InPlaceState extends BaseBook
    {
        static final long LARGE = 1_000_000_000L;
        final EngineDriver.Batch reduce = new EngineDriver.Batch(BATCH);
        final int[] pick = new int[BATCH];
        final long[] leaves = new long[2 * BASE_PER_SIDE];

        @Setup(Level.Trial)
        public void setUp()
        {
            init(LARGE, LARGE, 0);
            System.arraycopy(baseQuantity, 0, leaves, 0, leaves.length);
            for (int j = 0; j < BATCH; j++)
            {
                final int k = random.nextInt(2 * BASE_PER_SIDE);
                pick[j] = k;
                writer.modify(
                    reduce.records, reduce.next(k, EngineDriver.NONE), 0, baseAccount[k], INSTRUMENT, 0, basePrice[k], 0);
            }
        }

        /** Each modify asks for one lot less than the order will then have. */
        @Setup(Level.Invocation)
        public void writeQuantities()
        {
            for (int j = 0; j < BATCH; j++)
            {
                final int k = pick[j];
                reduce.records.putLong(reduce.offsetOf(j) + CommandRecords.MODIFY_QUANTITY_OFFSET, --leaves[k]);
            }
        }

        @TearDown(Level.Trial)
        public void check()
        {
            requireSteadyState("modifyInPlace");
        }
    }

    @State(Scope.Thread)
    public static class IocState extends BaseBook
    {
        final EngineDriver.Batch restock = new EngineDriver.Batch(BATCH);
        final EngineDriver.Batch ioc = new EngineDriver.Batch(BATCH);
        long invocations;

        @Setup(Level.Trial)
        public void setUp()
        {
            init(PeerStream.MAX_ORDER_QUANTITY, 0, 0);
            // Makers one tick either side of the reference price, inside the base book's gap;
            // each IOC takes exactly the next of them, first in first out, and nothing else.
            final long[] sellSize = new long[BATCH / 2];
            final long[] buySize = new long[BATCH / 2];
            for (int j = 0; j < BATCH / 2; j++)
            {
                sellSize[j] = size();
                buySize[j] = size();
                writer.newOrder(
                    restock.records, restock.next(EngineDriver.NONE, EngineDriver.NONE), 0, account(false), INSTRUMENT,
                    Side.SELL, TimeInForce.GTC, REF + 1, sellSize[j]);
                writer.newOrder(
                    restock.records, restock.next(EngineDriver.NONE, EngineDriver.NONE), 0, account(true), INSTRUMENT,
                    Side.BUY, TimeInForce.GTC, REF - 1, buySize[j]);
            }
            for (int j = 0; j < BATCH / 2; j++)
            {
                writer.newOrder(
                    ioc.records, ioc.next(EngineDriver.NONE, EngineDriver.NONE), 0, account(true), INSTRUMENT,
                    Side.BUY, TimeInForce.IOC, REF + 1, sellSize[j]);
                writer.newOrder(
                    ioc.records, ioc.next(EngineDriver.NONE, EngineDriver.NONE), 0, account(false), INSTRUMENT,
                    Side.SELL, TimeInForce.IOC, REF - 1, buySize[j]);
            }
        }

        @Setup(Level.Invocation)
        public void restock()
        {
            driver.run(restock);
            invocations++;
        }

        @TearDown(Level.Trial)
        public void check()
        {
            requireSteadyState("iocTrade");
            if (driver.trades != invocations * BATCH)
            {
                throw new IllegalStateException(
                    "iocTrade: " + driver.trades + " trades in " + invocations + " invocations, expected one per IOC");
            }
        }
    }

    /**
     * The peer stream replayed in a cycle: each invocation times the main part; before it, untimed,
     * the previous cycle's drain empties the book and the prefill rebuilds the same starting book.
     */
    @State(Scope.Thread)
    public static class MixedState
    {
        PeerStream stream;
        EngineDriver driver;
        EngineDriver.Batch batch;
        int prefillFrom;
        int mainFrom;
        int mainTo;
        int drainTo;
        boolean drained = true;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = PeerStream.generate(20_240_917L, MIXED, PeerStream.DEFAULT_TARGET_ORDERS);
            final int setup = stream.setupCount;
            final int total = setup + stream.streamEnd();
            batch = new EngineDriver.Batch(stream.records, total);
            for (int i = 0; i < stream.streamEnd(); i++)
            {
                final int origin = stream.origin[i];
                batch.idRef[setup + i] = origin;
                batch.acceptInto[setup + i] = origin < 0 ? i : EngineDriver.NONE;
            }
            driver = new EngineDriver(new ReferenceEngine(PeerStream.engineConfig()), stream.streamEnd());
            driver.run(batch, 0, setup);
            prefillFrom = setup;
            mainFrom = setup + stream.mainStart();
            mainTo = setup + stream.mainEnd();
            drainTo = setup + stream.streamEnd();
        }

        @Setup(Level.Invocation)
        public void rebuildStartingBook()
        {
            if (!drained)
            {
                driver.run(batch, mainTo, drainTo);
            }
            driver.run(batch, prefillFrom, mainFrom);
            drained = false;
        }

        @TearDown(Level.Trial)
        public void check()
        {
            driver.requireNoRejects("mixed");
        }
    }
}
