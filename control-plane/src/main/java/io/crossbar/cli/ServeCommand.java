package io.crossbar.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.crossbar.appliance.Appliance;
import io.crossbar.appliance.ApplianceConfig;
import io.crossbar.appliance.ApplianceContext;
import io.crossbar.device.DeviceContext;
import io.crossbar.device.Devices;

/**
 * {@code crossbar serve --config FILE [--device=SPEC] [--journal=DIR] [--idle=backoff|yielding|busy]
 * [--card=default|small]}: the appliance alone, for clients elsewhere, until SIGINT or SIGTERM.
 * A status line every 5 s shows that it is alive and what it has done; a shutdown hook closes it
 * (sessions, journal, device, media driver) so that the journal is complete for the next start.
 */
final class ServeCommand
{
    private static final String USAGE_TEXT = "usage: crossbar serve --config FILE [--device=reference|sim|sim-inproc|pcie:PATH] " +
        "[--journal=DIR] [--idle=backoff|yielding|busy] [--card=default|small]";
    private static final long STATUS_INTERVAL_SECONDS = 5;

    private ServeCommand()
    {
    }

    static int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        Path configFile = null;
        String device = "reference";
        Path journal = Path.of("target", "journal");
        String idle = "backoff";
        String card = "default";
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            final int eq = arg.indexOf('=');
            final String key = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            if (value == null && key.startsWith("--") && i + 1 < args.size() && !args.get(i + 1).startsWith("--"))
            {
                value = args.get(++i);
            }
            if (value == null || value.isEmpty())
            {
                err.println("serve: " + (key.startsWith("--") ? key + " needs a value" : "unexpected argument '" + arg + "'"));
                err.println(USAGE_TEXT);
                return DemoCommand.USAGE;
            }
            switch (key)
            {
                case "--config" -> configFile = Path.of(value);
                case "--device" -> device = value;
                case "--journal" -> journal = Path.of(value);
                case "--idle" -> idle = value;
                case "--card" -> card = value;
                default ->
                {
                    err.println("serve: unknown option '" + arg + "'");
                    err.println(USAGE_TEXT);
                    return DemoCommand.USAGE;
                }
            }
        }
        if (configFile == null)
        {
            err.println("serve: --config FILE is required (see control-plane/src/main/resources/io/crossbar/appliance/demo.conf)");
            err.println(USAGE_TEXT);
            return DemoCommand.USAGE;
        }
        if (!device.equals("reference") && !Devices.isSimulated(device) && !device.startsWith("pcie:"))
        {
            err.println("serve: unknown device '" + device + "' (available: " + Devices.SPECS + ")");
            return DemoCommand.USAGE;
        }
        if (!idle.equals("backoff") && !idle.equals("yielding") && !idle.equals("busy"))
        {
            err.println("serve: --idle must be backoff, yielding or busy");
            return DemoCommand.USAGE;
        }
        if (!card.equals("default") && !card.equals("small"))
        {
            err.println("serve: --card must be default or small");
            return DemoCommand.USAGE;
        }

        final ApplianceConfig config;
        try
        {
            config = ApplianceConfig.load(configFile);
        }
        catch (final NoSuchFileException ex)
        {
            err.println("serve: no such config file: " + configFile);
            return DemoCommand.USAGE;
        }
        catch (final IOException ex)
        {
            err.println("serve: cannot read the config file: " + IoProblems.describe(ex));
            return DemoCommand.USAGE;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("serve: bad config: " + ex.getMessage());
            return DemoCommand.USAGE;
        }

        final ApplianceContext ctx = new ApplianceContext()
            .config(config)
            .device(device)
            .journalDirectory(journal)
            .idleStrategy(idle);
        if (card.equals("small"))
        {
            ctx.deviceContext(new DeviceContext().engineConfig(ApplianceContext.smallCard()));
        }
        final Appliance appliance;
        try
        {
            Files.createDirectories(journal);
            appliance = Appliance.launch(ctx);
        }
        catch (final IOException ex)
        {
            err.println("serve: the appliance did not start: the journal directory: " + IoProblems.describe(ex));
            return DemoCommand.NO_DEVICE;
        }
        catch (final RuntimeException ex)
        {
            err.println("serve: the appliance did not start: " + ex.getMessage() +
                (ex.getCause() instanceof IOException io ? ": " + IoProblems.describe(io) : ""));
            return DemoCommand.NO_DEVICE;
        }

        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            stop.countDown();
            try
            {
                stopped.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        }, "crossbar-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        out.printf("crossbar serve: %s from %s on device %s%n", summary(config), configFile, appliance.device().info());
        out.printf("  gateway %s stream %d, aeron %s, journal %s (%,d inputs replayed in %.1f s); Ctrl-C stops%n",
            ctx.gateway().channel(), ctx.gateway().streamId(), appliance.aeronDirectory(), journal.toAbsolutePath(),
            appliance.replayedInputs(), appliance.replayNs() / 1e9);
        try
        {
            while (!stop.await(STATUS_INTERVAL_SECONDS, TimeUnit.SECONDS))
            {
                if (appliance.lastError() != null)
                {
                    out.println("core thread error: " + appliance.lastError());
                }
                out.print(LocalTime.now().withNano(0) + " ");
                appliance.printStatus(out);
            }
            out.println("crossbar serve: stopping");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            appliance.close();
            stopped.countDown();
        }
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shuttingDown)
        {
            // The JVM is already shutting down (the usual way out): the hook is running.
        }
        out.println("crossbar serve: stopped");
        return appliance.lastError() == null ? 0 : 1;
    }

    private static String summary(final ApplianceConfig config)
    {
        return config.instruments().size() + " instruments, " + config.firms().size() + " firms, " +
            config.accounts().size() + " accounts";
    }
}
