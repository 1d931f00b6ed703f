package io.crossbar.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import io.aeron.archive.status.RecordingPos;
import io.crossbar.gateway.GatewayCounters;

/**
 * {@code crossbar stat}: the counters of running appliances, read from the media driver's
 * counters file from outside the process (as Aeron's AeronStat reads Aeron's): the gateway's,
 * the device driver's and the journal's recorded position.
 */
final class StatCommand
{
    private StatCommand()
    {
    }

    static int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final List<Path> directories = new ArrayList<>();
        for (final String arg : args)
        {
            if (arg.startsWith("--aeron-dir="))
            {
                directories.add(Path.of(arg.substring("--aeron-dir=".length())));
            }
            else
            {
                err.println("usage: crossbar stat [--aeron-dir=DIR]   (default: every /dev/shm/crossbar-* directory)");
                return 2;
            }
        }
        if (directories.isEmpty())
        {
            try (Stream<Path> entries = Files.list(Path.of("/dev/shm")))
            {
                entries.filter((path) -> path.getFileName().toString().startsWith("crossbar-") &&
                    Files.exists(path.resolve(CncFileDescriptor.CNC_FILE))).sorted().forEach(directories::add);
            }
            catch (final IOException ex)
            {
                err.println("stat: cannot list /dev/shm: " + ex.getMessage());
                return 1;
            }
        }
        if (directories.isEmpty())
        {
            err.println("stat: no running appliance found (no /dev/shm/crossbar-*/cnc.dat); give --aeron-dir=DIR");
            return 1;
        }
        int shown = 0;
        for (final Path directory : directories)
        {
            try (Aeron aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(directory.toString())
                .driverTimeoutMs(2_000)))
            {
                out.println(directory);
                aeron.countersReader().forEach((counterId, typeId, keyBuffer, label) ->
                {
                    if (typeId == GatewayCounters.TYPE_ID || typeId == RecordingPos.RECORDING_POSITION_TYPE_ID)
                    {
                        out.printf(Locale.ROOT, "  %,20d  %s%n", aeron.countersReader().getCounterValue(counterId), label);
                    }
                });
                shown++;
            }
            catch (final RuntimeException ex)
            {
                err.println(directory + ": no running media driver (" + ex.getMessage() + ")");
            }
        }
        return shown > 0 ? 0 : 1;
    }
}
