package io.crossbar.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.crossbar.appliance.Appliance;

/**
 * The appliance as a process of its own, so that {@link RecoveryBenchmark} can kill it with
 * SIGKILL (a crash leaves no chance to stop the journal recording or close anything) and start it
 * again on the same journal. Prints one line once trading,
 * {@code READY <aeron dir> <replayed inputs> <replay ns> <launch ns> <jvm uptime ms>}, then runs
 * until its standard input says {@code stop} or closes.
 * <p>
 * Usage: {@code RecoveryNode JOURNAL_DIR IDLE_STRATEGY GATEWAY_PORT}.
 */
public final class RecoveryNode
{
    private RecoveryNode()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path journal = Path.of(args[0]);
        final String idle = args[1];
        final int port = Integer.parseInt(args[2]);
        final long launchStartNs = System.nanoTime();
        try (Appliance appliance = Appliance.launch(OrderRoundTrip.context("reference", idle, port, journal)))
        {
            final long launchNs = System.nanoTime() - launchStartNs;
            System.out.println("READY " + appliance.aeronDirectory() + " " + appliance.replayedInputs() + " " +
                appliance.replayNs() + " " + launchNs + " " + ManagementFactory.getRuntimeMXBean().getUptime());
            System.out.flush();
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.strip().equals("stop"); line = in.readLine())
            {
                if (line.strip().equals("status"))
                {
                    appliance.printStatus(System.out);
                    System.out.flush();
                }
            }
        }
    }
}
