package io.crossbar.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;

import io.aeron.Aeron;
import io.crossbar.appliance.Appliance;
import io.crossbar.appliance.ApplianceConfig;
import io.crossbar.appliance.ApplianceContext;
import io.crossbar.appliance.FirmSpec;
import io.crossbar.appliance.InstrumentSpec;
import io.crossbar.client.LatencyPlot;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.client.marketdata.MarketDataClient;
import io.crossbar.client.marketdata.MarketDataClientContext;
import io.crossbar.client.marketdata.MarketDataListener;
import io.crossbar.client.marketdata.OrderBook;
import io.crossbar.client.samples.SampleMarketMaker;
import io.crossbar.client.samples.SampleTaker;
import io.crossbar.client.samples.TraderStats;
import io.crossbar.device.Device;
import io.crossbar.device.DeviceContext;
import io.crossbar.device.DeviceLayout;
import io.crossbar.device.Devices;
import io.crossbar.device.InProcessSimDevice;
import io.crossbar.device.SimDevice;
import io.crossbar.gateway.GatewayCounters;
import io.crossbar.marketdata.MarketDataPublisher;
import io.crossbar.sbe.orderentry.Reason;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;

/**
 * {@code crossbar demo}: the appliance doing its job, end to end, on one machine. Starts the
 * appliance (embedded media driver and archive, the device — by default the simulated card —
 * the gateway, sequencer and device driver on one core thread), connects sample market makers and
 * takers over Aeron UDP as separate sessions of the demo firms, lets them trade for a while, and
 * reports what a person evaluating the appliance wants to see: rates, fills, rejects and the
 * round-trip latency from each order's planned send time to its first execution report, live once
 * a second and as a summary with a percentile plot.
 * <p>
 * The traders share this one thread (the machine may have two cores: the core thread and the
 * media driver have the rest), idling with a back-off strategy, never a busy spin.
 */
final class DemoCommand
{
    static final int PASS = 0;
    static final int FAIL = 1;
    static final int USAGE = 2;
    static final int NO_DEVICE = 3;

    private static final String USAGE_TEXT = "usage: crossbar demo [--device=sim|reference|sim-inproc] [--duration=SECONDS] " +
        "[--makers=N] [--takers=N] [--rate=ORDERS_PER_SECOND] [--out=DIR] [--journal=DIR] [--levels=N] [--size=LOTS] " +
        "[--seed=S] [--idle=backoff|yielding]";
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long KEEP_ALIVE_MS = 5_000;

    private DemoCommand()
    {
    }

    /** The options, as parsed. */
    private static final class Options
    {
        String device = "sim";
        int durationSeconds = 20;
        int makers = 3;
        int takers = 2;
        double rate = 200;
        Path out = Path.of("target", "demo");
        Path journal;
        int levels = 5;
        long size = 10;
        long seed = 20261122L;
        String idle = "backoff";
    }

    private static final List<String> OPTIONS = List.of("--device", "--duration", "--makers", "--takers", "--rate",
        "--out", "--journal", "--levels", "--size", "--seed", "--idle");

    static int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final Options options = new Options();
        for (final String arg : args)
        {
            final int eq = arg.indexOf('=');
            final String key = eq < 0 ? arg : arg.substring(0, eq);
            if (!OPTIONS.contains(key))
            {
                err.println("demo: unknown option '" + arg + "'");
                err.println(USAGE_TEXT);
                return USAGE;
            }
            final String value = eq < 0 ? "" : arg.substring(eq + 1);
            if (value.isEmpty())
            {
                err.println("demo: " + key + " needs a value (" + key + "=...)");
                err.println(USAGE_TEXT);
                return USAGE;
            }
            // Numbers may group their digits with '_' (--duration=3_600); names and paths are taken as written.
            final String number = value.replace("_", "");
            try
            {
                switch (key)
                {
                    case "--device" -> options.device = value;
                    case "--duration" -> options.durationSeconds = Integer.parseInt(number);
                    case "--makers" -> options.makers = Integer.parseInt(number);
                    case "--takers" -> options.takers = Integer.parseInt(number);
                    case "--rate" -> options.rate = Double.parseDouble(number);
                    case "--out" -> options.out = Path.of(value);
                    case "--journal" -> options.journal = Path.of(value);
                    case "--levels" -> options.levels = Integer.parseInt(number);
                    case "--size" -> options.size = Long.parseLong(number);
                    case "--seed" -> options.seed = Long.parseLong(number);
                    case "--idle" -> options.idle = value;
                    default -> throw new IllegalStateException("an option of OPTIONS without a case: " + key);
                }
            }
            catch (final NumberFormatException ex)
            {
                err.println("demo: not a number in '" + arg + "'");
                return USAGE;
            }
        }
        final String problem = validate(options);
        if (problem != null)
        {
            err.println("demo: " + problem);
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try
        {
            return new Run(options, out, err).run();
        }
        catch (final IOException ex)
        {
            err.println("demo: " + IoProblems.describe(ex));
            return USAGE; // a path given as an option (--out, --journal) that cannot be used
        }
    }

    private static String validate(final Options options)
    {
        if (!options.device.equals("reference") && !Devices.isSimulated(options.device) &&
            !options.device.startsWith("pcie:"))
        {
            return "unknown device '" + options.device + "' (available: " + Devices.SPECS + ")";
        }
        if (options.durationSeconds < 1 || options.durationSeconds > 86_400)
        {
            return "--duration must be 1 .. 86400 seconds";
        }
        if (options.makers < 1 || options.makers > 64 || options.takers < 1 || options.takers > 64)
        {
            return "--makers and --takers must be 1 .. 64";
        }
        if (!(options.rate > 0 && options.rate <= 100_000))
        {
            return "--rate must be above 0 and at most 100000 orders a second per taker";
        }
        if (options.levels < 1 || options.levels > SampleMarketMaker.MAX_LEVELS || options.size < 1)
        {
            return "--levels must be 1 .. " + SampleMarketMaker.MAX_LEVELS + " and --size at least 1";
        }
        if (!options.idle.equals("backoff") && !options.idle.equals("yielding"))
        {
            return "--idle must be backoff or yielding (the demo shares the machine: no busy spinning)";
        }
        return null;
    }

    /** One demo run: the appliance, the traders, the loop and the report. */
    private static final class Run
    {
        private final Options options;
        private final PrintStream out;
        private final PrintStream err;
        private final List<SampleMarketMaker> makers = new ArrayList<>();
        private final List<SampleTaker> takers = new ArrayList<>();
        private final Histogram intervalMakers = TraderStats.newHistogram();
        private final Histogram intervalTakers = TraderStats.newHistogram();
        private Appliance appliance;
        private Aeron aeron;
        private long lastSent;
        private long maxLoopGapNs;
        private MarketDataClient marketData;
        private long marketDataTrades;
        private int bookInstrument;
        private boolean marketDataMismatch;
        private final List<String> sessionsEnded = new ArrayList<>();

        Run(final Options options, final PrintStream out, final PrintStream err)
        {
            this.options = options;
            this.out = out;
            this.err = err;
        }

        int run() throws IOException
        {
            Files.createDirectories(options.out);
            final Path journal = options.journal != null ? options.journal : freshJournal(options.out.resolve("journal"));
            final ApplianceConfig config = ApplianceConfig.demo();
            final ApplianceContext ctx = new ApplianceContext()
                .config(config)
                .device(options.device)
                .journalDirectory(journal)
                .idleStrategy(options.idle)
                .onFreeLoopbackPorts();
            final String gatewayChannel = ctx.gateway().channel();
            if (!options.device.equals("reference"))
            {
                ctx.deviceContext(new DeviceContext().engineConfig(ApplianceContext.smallCard()));
            }

            out.printf("crossbar demo: %d market makers, %d takers x %s orders/s, %d s, on device %s%n", options.makers,
                options.takers, trim(options.rate), options.durationSeconds, options.device);
            final long launchStartNs = System.nanoTime();
            try
            {
                appliance = Appliance.launch(ctx);
            }
            catch (final RuntimeException ex)
            {
                err.println("demo: the appliance did not start on device " + options.device + ": " + ex.getMessage());
                if (Devices.isSimulated(options.device))
                {
                    err.println("demo: the simulated card needs verilator (sim/ensure-tools.sh); " +
                        "--device=reference runs without it");
                }
                return NO_DEVICE;
            }
            try
            {
                out.printf("appliance up in %.1f s: %s%n", (System.nanoTime() - launchStartNs) / 1e9, appliance.device().info());
                out.printf("  journal %s (%,d inputs replayed), gateway %s, aeron %s%n", journal.toAbsolutePath(),
                    appliance.replayedInputs(), gatewayChannel, appliance.aeronDirectory());
                aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(appliance.aeronDirectory()));
                final InstrumentSpec instrument = config.instruments().stream()
                    .filter((i) -> !i.option()).findFirst().orElseThrow();
                marketData = new MarketDataClient(aeron, new MarketDataClientContext().channel(
                    ctx.marketData().subscriberChannel()),
                    new MarketDataListener()
                    {
                        public void onTrade(
                            final int instrument, final long rptSeq, final long tradeId, final long price,
                            final long quantity, final int aggressorSide, final long transactTimeNs)
                        {
                            marketDataTrades++;
                        }
                    });
                bookInstrument = instrument.id();
                if (!connectTraders(config, instrument, gatewayChannel))
                {
                    return FAIL;
                }
                trade();
                return report(config, instrument);
            }
            finally
            {
                for (final SampleMarketMaker maker : makers)
                {
                    maker.close();
                }
                for (final SampleTaker taker : takers)
                {
                    taker.close();
                }
                if (marketData != null)
                {
                    marketData.close();
                }
                if (aeron != null)
                {
                    aeron.close();
                }
                appliance.close();
            }
        }

        /**
         * Makers take the first half of the demo firms, takers the second, so that makers and
         * takers never share an account (self-trade prevention would cancel instead of trade).
         * Session numbers start after every session the journal has seen, so client order ids
         * stay unique for each firm even when a journal is reused.
         */
        private boolean connectTraders(final ApplianceConfig config, final InstrumentSpec instrument, final String gatewayChannel)
        {
            final List<FirmSpec> firms = config.firms();
            final int makerFirms = Math.max(1, firms.size() / 2);
            final int takerFirms = Math.max(1, firms.size() - makerFirms);
            int session = appliance.sessions().sessionCount();
            for (int i = 0; i < options.makers; i++)
            {
                final FirmSpec firm = firms.get(i % makerFirms);
                final SampleMarketMaker maker = new SampleMarketMaker(clientContext(firm, gatewayChannel), session++,
                    firm.accounts()[(i / makerFirms) % firm.accounts().length], instrument.id(), instrument.referencePrice(),
                    options.levels, options.size);
                makers.add(maker);
                if (!maker.connect(CONNECT_TIMEOUT_NS))
                {
                    err.println("demo: market maker " + i + " (firm " + firm.name() + ") could not connect: " +
                        maker.client().rejectText());
                    return false;
                }
            }
            for (int i = 0; i < options.takers; i++)
            {
                final FirmSpec firm = firms.get(makerFirms + i % takerFirms);
                final SampleTaker taker = new SampleTaker(clientContext(firm, gatewayChannel), session++,
                    firm.accounts()[(i / takerFirms) % firm.accounts().length], instrument.id(), instrument.referencePrice(),
                    options.levels, options.size, options.rate, options.seed + i);
                takers.add(taker);
                if (!taker.connect(CONNECT_TIMEOUT_NS))
                {
                    err.println("demo: taker " + i + " (firm " + firm.name() + ") could not connect: " +
                        taker.client().rejectText());
                    return false;
                }
            }
            out.printf("%d sessions established; makers quote %s %d levels x %d lots each side of %d%n",
                makers.size() + takers.size(), instrument.symbol(), options.levels, options.size, instrument.referencePrice());
            return true;
        }

        /**
         * Keep-alive 5 s rather than the client's 1 s: on a shared 2-core machine a thread can
         * stall for a second or two, and two lapsed intervals end a session (and cancel its orders).
         */
        private OrderEntryClient.Context clientContext(final FirmSpec firm, final String gatewayChannel)
        {
            return new OrderEntryClient.Context()
                .aeron(aeron)
                .gatewayChannel(gatewayChannel)
                .firmId(firm.id())
                .accessKeyId(firm.accessKeyId())
                .secret(firm.secret())
                .keepAliveIntervalMs(KEEP_ALIVE_MS);
        }

        /** Quote, then trade for the duration, then let the last reports arrive. */
        private void trade()
        {
            final IdleStrategy idle = ApplianceContext.newIdleStrategy(options.idle);
            final int wantedQuotes = options.makers * options.levels * 2;
            final long quoteDeadlineNs = System.nanoTime() + 5 * SECOND_NS;
            while (liveQuotes() < wantedQuotes && System.nanoTime() < quoteDeadlineNs)
            {
                idle.idle(dutyCycle(System.nanoTime()));
            }
            out.printf("%d quotes resting; takers start%n", liveQuotes());
            final Histogram warmUpMakers = TraderStats.newHistogram();
            for (final SampleMarketMaker maker : makers)
            {
                maker.stats().takeInterval(warmUpMakers);
            }

            final long startNs = System.nanoTime();
            for (final SampleTaker taker : takers)
            {
                taker.start(startNs);
            }
            final long endNs = startNs + options.durationSeconds * SECOND_NS;
            long nextPrintNs = startNs + SECOND_NS;
            long previousNs = startNs;
            int second = 0;
            while (true)
            {
                final long nowNs = System.nanoTime();
                if (nowNs - endNs >= 0)
                {
                    break;
                }
                maxLoopGapNs = Math.max(maxLoopGapNs, nowNs - previousNs);
                previousNs = nowNs;
                final int work = dutyCycle(nowNs);
                if (nowNs - nextPrintNs >= 0)
                {
                    nextPrintNs += SECOND_NS;
                    progress(++second);
                    checkSessions(second);
                    previousNs = System.nanoTime();
                }
                idle.idle(work);
            }

            for (final SampleTaker taker : takers)
            {
                taker.stop();
            }
            for (final SampleMarketMaker maker : makers)
            {
                maker.stopQuoting();
            }
            final long drainDeadlineNs = System.nanoTime() + 3 * SECOND_NS;
            while (outstanding() > 0 && System.nanoTime() < drainDeadlineNs)
            {
                idle.idle(dutyCycle(System.nanoTime()));
            }
        }

        private int dutyCycle(final long nowNs)
        {
            int work = marketData.poll();
            for (int i = 0, n = makers.size(); i < n; i++)
            {
                work += makers.get(i).doWork(nowNs);
            }
            for (int i = 0, n = takers.size(); i < n; i++)
            {
                work += takers.get(i).doWork(nowNs);
            }
            return work;
        }

        private int liveQuotes()
        {
            int live = 0;
            for (final SampleMarketMaker maker : makers)
            {
                live += maker.liveOrders();
            }
            return live;
        }

        private int outstanding()
        {
            int outstanding = 0;
            for (final SampleMarketMaker maker : makers)
            {
                outstanding += maker.outstanding();
            }
            for (final SampleTaker taker : takers)
            {
                outstanding += taker.outstanding();
            }
            return outstanding;
        }

        /** A session that is no longer established has stopped trading: say so once, and fail the run. */
        private void checkSessions(final int second)
        {
            for (int i = 0; i < makers.size(); i++)
            {
                checkSession("market maker " + i, makers.get(i).client(), makers.get(i).terminatedBy(), second);
            }
            for (int i = 0; i < takers.size(); i++)
            {
                checkSession("taker " + i, takers.get(i).client(), takers.get(i).terminatedBy(), second);
            }
        }

        private void checkSession(final String who, final OrderEntryClient client, final String terminatedBy, final int second)
        {
            if (client.state() != OrderEntryClient.State.ESTABLISHED &&
                sessionsEnded.stream().noneMatch((line) -> line.startsWith(who + ":")))
            {
                final String line = who + ": session " + client.state() + " after " + second + " s" +
                    (terminatedBy == null ? "" : " (gateway: " + terminatedBy + ")");
                sessionsEnded.add(line);
                out.println("  !! " + line);
            }
        }

        private void progress(final int second)
        {
            final TraderStats total = new TraderStats();
            final Histogram takersAll = TraderStats.newHistogram();
            for (final SampleMarketMaker maker : makers)
            {
                maker.stats().addTo(total);
                maker.stats().takeInterval(intervalMakers);
            }
            for (final SampleTaker taker : takers)
            {
                taker.stats().addTo(total);
                takersAll.add(taker.stats().roundTrip());
                taker.stats().takeInterval(intervalTakers);
            }
            out.printf(Locale.ROOT, "[%3ds] %,6d orders/s  acks %,d  fills %,d  rejects %,d | taker rtt us: 1s p50 %s p99 %s, " +
                "run p50 %s p99 %s | maker rtt 1s p50 %s p99 %s | traders' longest pause %.1f ms | %s%n", second,
                total.sent() - lastSent, total.acks(), total.fills(), total.rejects(), us(intervalTakers, 50),
                us(intervalTakers, 99), us(takersAll, 50), us(takersAll, 99), us(intervalMakers, 50), us(intervalMakers, 99),
                maxLoopGapNs / 1e6, coreStatus() + " | market data: " + marketDataTop());
            maxLoopGapNs = 0;
            lastSent = total.sent();
            intervalMakers.reset();
            intervalTakers.reset();
        }

        /** The top of the book the market data subscriber built, and the trades it saw. */
        private String marketDataTop()
        {
            final OrderBook book = marketData.book(bookInstrument);
            if (book == null || !book.isRecovered())
            {
                return "recovering";
            }
            return String.format(Locale.ROOT, "%s x %s | %s x %s, %,d trades", qty(book.bestBidQuantity()),
                price(book.bestBidPrice(), book.bestBidQuantity()), price(book.bestAskPrice(), book.bestAskQuantity()),
                qty(book.bestAskQuantity()), marketDataTrades);
        }

        private static String price(final long price, final long quantity)
        {
            return quantity == 0 ? "-" : Long.toString(price);
        }

        private static String qty(final long quantity)
        {
            return quantity == 0 ? "-" : Long.toString(quantity);
        }

        /**
         * Whether the subscriber's book equals the appliance's own (the publisher's), level by
         * level, once the traders have stopped: market data checked end to end, over UDP.
         */
        private String compareMarketData()
        {
            final long deadlineNs = System.nanoTime() + 2 * SECOND_NS;
            String difference = "no book";
            while (System.nanoTime() < deadlineNs)
            {
                marketData.poll();
                final OrderBook book = marketData.book(bookInstrument);
                difference = book == null ? "no book" : appliance.onCoreThread((a) -> bookDifference(a, book));
                if (difference == null)
                {
                    return String.format(Locale.ROOT, "the subscriber's book equals the appliance's (%d bid and %d ask " +
                        "levels), %,d trades received, %,d rptSeq gaps, %,d snapshots applied", book.levelCount(1),
                        book.levelCount(2), marketDataTrades, marketData.receiver().rptSeqGaps(),
                        marketData.receiver().snapshotsApplied());
                }
                try
                {
                    Thread.sleep(20);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            marketDataMismatch = true;
            return "the subscriber's book differs from the appliance's: " + difference;
        }

        private String bookDifference(final Appliance appliance, final OrderBook book)
        {
            if (!(appliance.marketData() instanceof MarketDataPublisher publisher))
            {
                return "market data is off";
            }
            for (int side = 1; side <= 2; side++)
            {
                final int levels = publisher.levelCount(bookInstrument, side);
                if (levels != book.levelCount(side))
                {
                    return "side " + side + ": " + levels + " levels published, " + book.levelCount(side) + " built";
                }
                for (int depth = 0; depth < levels; depth++)
                {
                    if (publisher.levelPrice(bookInstrument, side, depth) != book.price(side, depth) ||
                        publisher.levelQuantity(bookInstrument, side, depth) != book.quantity(side, depth))
                    {
                        return "side " + side + " depth " + depth + ": published " +
                            publisher.levelQuantity(bookInstrument, side, depth) + "@" +
                            publisher.levelPrice(bookInstrument, side, depth) + ", built " + book.quantity(side, depth) +
                            "@" + book.price(side, depth);
                    }
                }
            }
            return null;
        }

        /** The driver's and (simulated card) the card's counters, read on the core thread. */
        private String coreStatus()
        {
            if (appliance.lastError() != null)
            {
                return "CORE THREAD ERROR: " + appliance.lastError();
            }
            final GatewayCounters gateway = appliance.gateway().counters();
            return appliance.onCoreThread((a) -> String.format(Locale.ROOT,
                "driver: completed %,d trades %,d resting %,d reports %,d | gateway: in %,d throttled %d disconnects %d%s",
                a.driver().commandsCompleted(), a.driver().trades(), a.driver().liveOrders(), a.driver().reportsSent(),
                gateway.messagesIn(), gateway.throttled(), gateway.disconnects(), cardStatus(a.device())));
        }

        private int report(final ApplianceConfig config, final InstrumentSpec instrument) throws IOException
        {
            final String marketDataLine = compareMarketData();
            final String core = coreStatus();
            final TraderStats makerTotal = new TraderStats();
            final TraderStats takerTotal = new TraderStats();
            for (final SampleMarketMaker maker : makers)
            {
                maker.stats().addTo(makerTotal);
            }
            for (final SampleTaker taker : takers)
            {
                taker.stats().addTo(takerTotal);
            }
            final Throwable error = appliance.lastError();
            for (final SampleMarketMaker maker : makers)
            {
                maker.terminate();
            }
            for (final SampleTaker taker : takers)
            {
                taker.terminate();
            }
            final IdleStrategy idle = ApplianceContext.newIdleStrategy(options.idle);
            final long lingerNs = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < lingerNs)
            {
                idle.idle(dutyCycle(System.nanoTime()));
            }
            final int restingAfter = error != null ? -1 : appliance.onCoreThread((a) -> a.driver().liveOrders());

            final Map<String, Histogram> series = new LinkedHashMap<>();
            series.put("taker IOC -> first report", takerTotal.roundTrip());
            series.put("maker quote -> first report", makerTotal.roundTrip());
            final StringBuilder summary = new StringBuilder();
            summary.append(String.format(Locale.ROOT, "crossbar demo summary%n"));
            summary.append(String.format(Locale.ROOT, "device         %s%n", appliance.device().info()));
            summary.append(String.format(Locale.ROOT, "workload       %d makers quoting %s %d levels x %d lots each side of %d; " +
                "%d takers sending IOC orders at %s/s each for %d s (seed %d), idle %s%n", makers.size(),
                instrument.symbol(), options.levels, options.size, instrument.referencePrice(), takers.size(),
                trim(options.rate), options.durationSeconds, options.seed, options.idle));
            summary.append(String.format(Locale.ROOT, "takers         %,d orders sent (%,.0f/s), %,d acked, %,d fills " +
                    "(%,d lots), %,d IOC remainders canceled, %,d rejects%s, %,d sends back-pressured%n", takerTotal.sent(),
                takerTotal.sent() / (double)options.durationSeconds, takerTotal.acks(), takerTotal.fills(),
                takerTotal.filledQuantity(), takerTotal.canceled(), takerTotal.rejects(), reasons(takerTotal),
                takerTotal.backPressured()));
            summary.append(String.format(Locale.ROOT, "makers         %,d orders and replaces sent, %,d acked, %,d fills " +
                    "(%,d lots), %,d canceled, %,d rejects%s, %,d sends back-pressured%n", makerTotal.sent(),
                makerTotal.acks(), makerTotal.fills(), makerTotal.filledQuantity(), makerTotal.canceled(),
                makerTotal.rejects(), reasons(makerTotal), makerTotal.backPressured()));
            if (makerTotal.rejects(Reason.UNKNOWN_ORDER) > 0)
            {
                summary.append(String.format(Locale.ROOT, "               (UNKNOWN_ORDER: a top-up replace that reached the " +
                    "book after the order's last lot had traded; the level is requoted by a new order)%n"));
            }
            summary.append(String.format(Locale.ROOT, "rate           %,.0f requests/s from all sessions (orders and replaces)%n",
                (takerTotal.sent() + makerTotal.sent()) / (double)options.durationSeconds));
            summary.append(String.format(Locale.ROOT, "appliance      %s%n", core));
            summary.append(String.format(Locale.ROOT, "market data    %s%n", marketDataLine));
            summary.append(String.format(Locale.ROOT, "shutdown       sessions terminated; %d orders resting after cancel on terminate%n",
                restingAfter));
            for (final String line : sessionsEnded)
            {
                summary.append(String.format(Locale.ROOT, "session lost   %s%n", line));
            }
            summary.append(String.format(Locale.ROOT, "%nround trip, order to first execution report, from the planned send " +
                "time (open loop):%n"));
            summary.append(LatencyPlot.table(series));
            final Path svg = options.out.resolve("latency.svg");
            LatencyPlot.writeSvg(svg, "crossbar demo on " + options.device + ": order to first report", series);
            final Path text = options.out.resolve("summary.txt");
            Files.writeString(text, summary.toString());

            out.println();
            out.print(summary);
            out.println();
            out.println("wrote " + text.toAbsolutePath());
            out.println("wrote " + svg.toAbsolutePath());

            if (error != null)
            {
                err.println("demo: FAILED: the appliance's core thread failed: " + error);
                return FAIL;
            }
            if (!sessionsEnded.isEmpty())
            {
                err.println("demo: FAILED: " + sessionsEnded.size() + " session(s) ended before the run did: " + sessionsEnded);
                return FAIL;
            }
            if (marketDataMismatch)
            {
                err.println("demo: FAILED: " + marketDataLine);
                return FAIL;
            }
            if (takerTotal.fills() == 0)
            {
                err.println("demo: FAILED: no order traded (see the rejects above)");
                return FAIL;
            }
            return PASS;
        }
    }

    private static String reasons(final TraderStats stats)
    {
        final String reasons = stats.rejectsByReason();
        return reasons.isEmpty() ? "" : " (" + reasons + ")";
    }

    /** The card's own counters when the device is a simulated card; empty for the reference engine. */
    static String cardStatus(final Device device)
    {
        final IntToLongFunction register;
        if (device instanceof SimDevice sim)
        {
            register = sim.memory()::register;
        }
        else if (device instanceof InProcessSimDevice inProcess)
        {
            register = inProcess::register;
        }
        else
        {
            return "";
        }
        final long count = register.applyAsLong(DeviceLayout.LATENCY_COUNT);
        return String.format(Locale.ROOT,
            " | card: commands %,d trades %,d rejects %,d, command latency cycles min %d mean %.1f max %d",
            register.applyAsLong(DeviceLayout.COMMANDS), register.applyAsLong(DeviceLayout.TRADES),
            register.applyAsLong(DeviceLayout.REJECTS), register.applyAsLong(DeviceLayout.LATENCY_MIN),
            count == 0 ? 0.0 : register.applyAsLong(DeviceLayout.LATENCY_SUM) / (double)count,
            register.applyAsLong(DeviceLayout.LATENCY_MAX));
    }

    private static String us(final Histogram histogram, final double percentile)
    {
        return histogram.getTotalCount() == 0 ? "-" :
            String.format(Locale.ROOT, "%.1f", histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String trim(final double value)
    {
        return value == Math.rint(value) ? Long.toString((long)value) : Double.toString(value);
    }


    /** Delete a previous demo's journal (a directory holding nothing but an archive), then create it empty. */
    private static Path freshJournal(final Path journal) throws IOException
    {
        if (Files.isDirectory(journal))
        {
            try (Stream<Path> entries = Files.list(journal))
            {
                if (entries.anyMatch((entry) -> !entry.getFileName().toString().equals("archive") &&
                    !entry.getFileName().toString().equals(Appliance.JOURNAL_LOCK_FILE) &&
                    !entry.getFileName().toString().startsWith(Appliance.JOURNAL_CONFIGURATION_FILE)))
                {
                    throw new IOException(journal + " holds more than a demo journal; not deleting it (use --out or --journal)");
                }
            }
            try (Stream<Path> paths = Files.walk(journal))
            {
                for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(journal);
    }
}
