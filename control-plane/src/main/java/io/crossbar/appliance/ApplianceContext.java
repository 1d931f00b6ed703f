package io.crossbar.appliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;

import io.crossbar.device.DeviceContext;
import io.crossbar.engine.EngineConfig;
import io.crossbar.gateway.Gateway;
import io.crossbar.marketdata.MarketDataContext;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * Everything the appliance needs to start, with defaults in one place. {@link #conclude()}
 * validates once.
 */
public final class ApplianceContext
{
    private ApplianceConfig config = ApplianceConfig.demo();
    private String device = "reference";
    private DeviceContext deviceContext = new DeviceContext();
    private Path journalDirectory = Path.of("target", "journal");
    private String aeronDirectory;
    private boolean embeddedMediaDriver = true;
    private String journalChannel = "aeron:ipc?term-length=16m";
    private int journalStreamId = 3_001;
    private Gateway.Config gateway = Gateway.Config.defaults();
    private MarketDataContext marketData = new MarketDataContext();
    private boolean marketDataEnabled = true;
    private String idleStrategy = "backoff";
    private int inFlightCapacity = 1024;
    private int outboundLogCapacity = 1 << 14;
    private long replayTimeoutNs = 600_000_000_000L;
    private int clOrdIdCapacity = 1 << 20;
    private boolean archiveOnCoreThread = true;
    private boolean coreTimings = false;

    /** Instruments, firms, accounts. */
    public ApplianceContext config(final ApplianceConfig config)
    {
        this.config = config;
        return this;
    }

    public ApplianceConfig config()
    {
        return config;
    }

    /** The device spec: reference, sim, sim-inproc or pcie:PATH. */
    public ApplianceContext device(final String device)
    {
        this.device = device;
        return this;
    }

    public String device()
    {
        return device;
    }

    public ApplianceContext deviceContext(final DeviceContext deviceContext)
    {
        this.deviceContext = deviceContext;
        return this;
    }

    public DeviceContext deviceContext()
    {
        return deviceContext;
    }

    /** Where Aeron Archive keeps the journal; kept across restarts. */
    public ApplianceContext journalDirectory(final Path directory)
    {
        this.journalDirectory = directory;
        return this;
    }

    public Path journalDirectory()
    {
        return journalDirectory;
    }

    /** The media driver's directory; null: a fresh one under /dev/shm per appliance. */
    public ApplianceContext aeronDirectory(final String directory)
    {
        this.aeronDirectory = directory;
        return this;
    }

    public String aeronDirectory()
    {
        return aeronDirectory;
    }

    /** False: connect to an external media driver (with its archive) at {@link #aeronDirectory()}. */
    public ApplianceContext embeddedMediaDriver(final boolean embedded)
    {
        this.embeddedMediaDriver = embedded;
        return this;
    }

    public boolean embeddedMediaDriver()
    {
        return embeddedMediaDriver;
    }

    public String journalChannel()
    {
        return journalChannel;
    }

    /** The journal's IPC publication; its term length bounds how many inputs may wait to be recorded. */
    public ApplianceContext journalChannel(final String channel)
    {
        if (!channel.equals("aeron:ipc") && !channel.startsWith("aeron:ipc?"))
        {
            throw new IllegalArgumentException("the journal is an IPC publication (aeron:ipc...), not " + channel);
        }
        this.journalChannel = channel;
        return this;
    }

    public int journalStreamId()
    {
        return journalStreamId;
    }

    public ApplianceContext journalStreamId(final int streamId)
    {
        this.journalStreamId = streamId;
        return this;
    }

    public ApplianceContext gateway(final Gateway.Config gateway)
    {
        this.gateway = gateway;
        return this;
    }

    public Gateway.Config gateway()
    {
        return gateway;
    }

    /** The market data feeds: channel, streams, snapshot and statistics cadence. */
    public ApplianceContext marketData(final MarketDataContext marketData)
    {
        this.marketData = marketData;
        return this;
    }

    public MarketDataContext marketData()
    {
        return marketData;
    }

    /** False: publish no market data (tests of other parts that share the machine's ports). */
    public ApplianceContext marketDataEnabled(final boolean enabled)
    {
        this.marketDataEnabled = enabled;
        return this;
    }

    public boolean marketDataEnabled()
    {
        return marketDataEnabled;
    }

    /** backoff (default), yielding, or busy (real hardware with cores to spare). */
    public ApplianceContext idleStrategy(final String name)
    {
        this.idleStrategy = name;
        return this;
    }

    public String idleStrategyName()
    {
        return idleStrategy;
    }

    public IdleStrategy newIdleStrategy()
    {
        return newIdleStrategy(idleStrategy);
    }

    /** The idle strategy named: backoff, yielding or busy. */
    public static IdleStrategy newIdleStrategy(final String name)
    {
        return switch (name)
        {
            case "backoff" -> new BackoffIdleStrategy(10, 20, 1_000, 100_000);
            case "yielding" -> new YieldingIdleStrategy();
            case "busy" -> new BusySpinIdleStrategy();
            default -> throw new IllegalArgumentException("idle strategy must be backoff, yielding or busy: " + name);
        };
    }

    public ApplianceContext inFlightCapacity(final int capacity)
    {
        this.inFlightCapacity = capacity;
        return this;
    }

    /**
     * True (default): the embedded archive runs on the core thread (Aeron's INVOKER mode), right
     * after the journal append it records, instead of on a thread of its own: one hand-off fewer
     * on the order path and one busy thread fewer on a small machine. False: its own thread.
     */
    public ApplianceContext archiveOnCoreThread(final boolean onCoreThread)
    {
        this.archiveOnCoreThread = onCoreThread;
        return this;
    }

    public boolean archiveOnCoreThread()
    {
        return archiveOnCoreThread;
    }

    /**
     * True: the core thread times each step of the order path in every duty cycle with gateway
     * work ({@link CoreTimings}, read with {@link Appliance#coreTimings()}), for measurement.
     * False (default): no clock is read for it.
     */
    public ApplianceContext coreTimings(final boolean enabled)
    {
        this.coreTimings = enabled;
        return this;
    }

    public boolean coreTimings()
    {
        return coreTimings;
    }

    public int inFlightCapacity()
    {
        return inFlightCapacity;
    }

    public int outboundLogCapacity()
    {
        return outboundLogCapacity;
    }

    /**
     * Client order ids a firm is expected to use in a day: the duplicate check (a bitmap, one
     * entry per 64 consecutive ids) is sized for them up front.
     */
    public ApplianceContext clOrdIdCapacity(final int capacity)
    {
        this.clOrdIdCapacity = capacity;
        return this;
    }

    public int clOrdIdCapacity()
    {
        return clOrdIdCapacity;
    }

    public long replayTimeoutNs()
    {
        return replayTimeoutNs;
    }

    /**
     * The gateway and market data on free loopback UDP ports, so that several appliances (tests,
     * a demo next to a served appliance) share one machine.
     */
    public ApplianceContext onFreeLoopbackPorts()
    {
        gateway = gateway.withChannel("aeron:udp?endpoint=127.0.0.1:" + freeUdpPort());
        marketData.channel("aeron:udp?control=127.0.0.1:" + freeUdpPort() + "|control-mode=dynamic");
        return this;
    }

    /** A UDP port free on the loopback interface now (the operating system's choice). */
    public static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free UDP port on loopback", ex);
        }
    }

    /** Capacities for a card built small (fast simulation): 4 instruments, 256 levels, 4,096 orders, 32 accounts. */
    public static EngineConfig smallCard()
    {
        return new EngineConfig().instruments(4).levelsPerSide(256).orderSlots(4096).accounts(32);
    }

    public ApplianceContext conclude()
    {
        newIdleStrategy(idleStrategy);
        deviceContext.engineConfig().conclude();
        final EngineConfig capacities = deviceContext.engineConfig();
        for (final InstrumentSpec instrument : config.instruments())
        {
            if (instrument.id() >= capacities.instruments())
            {
                throw new IllegalArgumentException("instrument " + instrument.symbol() + " has id " + instrument.id() +
                    " but the card holds " + capacities.instruments());
            }
        }
        for (final AccountSpec account : config.accounts())
        {
            if (account.id() >= capacities.accounts())
            {
                throw new IllegalArgumentException("account " + account.id() + " is beyond the card's " +
                    capacities.accounts() + " accounts");
            }
        }
        if (Integer.bitCount(inFlightCapacity) != 1)
        {
            throw new IllegalArgumentException("in-flight capacity must be a power of two");
        }
        return this;
    }
}
