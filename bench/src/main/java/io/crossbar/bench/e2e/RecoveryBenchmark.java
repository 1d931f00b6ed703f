package io.crossbar.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.aeron.Aeron;
import io.crossbar.client.OrderEntryClient;
import io.crossbar.client.OrderEntryListener;
import io.crossbar.sbe.orderentry.ExecutionReportNewDecoder;
import io.crossbar.sbe.orderentry.Side;
import org.agrona.CloseHelper;

/**
 * Back to trading after a crash: build a journal of N commands by driving an appliance process
 * ({@link RecoveryNode}) as fast as one client can, kill that process with SIGKILL, start a new
 * one on the same journal and time it until the first order is accepted again. The goal
 * (docs/performance.md): replay at least 1 M commands/s and trade again within 5 s of the kill
 * for a journal of 1 M commands.
 * <p>
 * Writing stops after 180 s with what was answered by then. Reported: the rate the journal was written at (the appliance's closed-loop throughput), the
 * inputs the new process replayed and how long the replay took (as the appliance measures it),
 * the new process's launch, and the wall time from starting the new process (right after the
 * kill) to the ExecutionReportNew of a fresh order, which includes the JVM's start.
 * <p>
 * If the new process fails to start, it is started again every 100 ms and the time counts, and
 * the failures are reported.
 * <p>
 * Usage: {@code RecoveryBenchmark [--commands=N] [--idle=yielding|backoff|busy] [--window=N]
 * [--restart-seconds=15] [--out=DIR]}.
 */
public final class RecoveryBenchmark
{
    private static final int PORT = 20_241;

    private RecoveryBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        long commands = 1_000_000;
        String idle = "yielding";
        int window = 256;
        int restartSeconds = 15;
        Path out = Path.of("bench", "results");
        for (final String arg : args)
        {
            final String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--commands="))
            {
                commands = Long.parseLong(value);
            }
            else if (arg.startsWith("--idle="))
            {
                idle = value;
            }
            else if (arg.startsWith("--window="))
            {
                window = Integer.parseInt(value);
            }
            else if (arg.startsWith("--restart-seconds="))
            {
                restartSeconds = Integer.parseInt(value);
            }
            else if (arg.startsWith("--out="))
            {
                out = Path.of(value);
            }
            else
            {
                System.err.println("RecoveryBenchmark: unknown argument " + arg);
                System.exit(2);
            }
        }

        final Path journal = Files.createTempDirectory("crossbar-recovery-");
        final StringBuilder report = new StringBuilder();
        try
        {
            say(report, String.format(Locale.ROOT, "Recovery: %,d commands, idle strategy %s, journal %s, %d cores%n",
                commands, idle, journal, Runtime.getRuntime().availableProcessors()));

            final Node first = Node.start(journal, idle);
            say(report, String.format(Locale.ROOT, "first process (pid %d) trading after %.3f s (fresh journal)%n",
                first.process.pid(), first.readyNs / 1e9));
            final OrderRoundTrip.Result written;
            try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(first.aeronDirectory)))
            {
                written = drive(aeron, commands, idle, window);
            }
            say(report, String.format(Locale.ROOT,
                "journal written: %,d requests answered in %.2f s = %,.0f requests/s (closed loop, window %d, %d rejects)%n",
                written.answered(), written.elapsedNs() / 1e9, written.perSecond(), window, written.rejects()));

            final long killNs = System.nanoTime();
            first.process.destroyForcibly();
            first.process.waitFor();
            say(report, String.format(Locale.ROOT, "kill -9 (SIGKILL) pid %d: exit %d after %.1f ms%n",
                first.process.pid(), first.process.exitValue(), (System.nanoTime() - killNs) / 1e6));
            deleteRecursively(Path.of(first.aeronDirectory));

            final long restartNs = System.nanoTime();
            Node second = null;
            int attempts = 0;
            String firstFailure = null;
            String lastFailure = null;
            while (second == null && System.nanoTime() - restartNs < TimeUnit.SECONDS.toNanos(restartSeconds))
            {
                attempts++;
                try
                {
                    second = Node.start(journal, idle);
                }
                catch (final IllegalStateException ex)
                {
                    lastFailure = ex.getMessage();
                    if (firstFailure == null)
                    {
                        firstFailure = lastFailure;
                    }
                    Thread.sleep(100);
                }
            }
            final long readyNs = System.nanoTime() - restartNs;
            if (attempts > 1 || second == null)
            {
                say(report, String.format(Locale.ROOT, "the restarted appliance failed %d times in %.1f s after the kill%s;%n" +
                    "  first failure: %s%n  last failure:  %s%n", second == null ? attempts : attempts - 1, readyNs / 1e9,
                    second == null ? " and never came up" : String.format(Locale.ROOT, ", then came up after %.3f s", readyNs / 1e9),
                    firstFailure, lastFailure));
            }
            if (second != null)
            {
                final long firstOrderNs;
                try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(second.aeronDirectory)))
                {
                    firstOrderNs = firstAcceptedOrder(aeron) - restartNs;
                }
                say(report, String.format(Locale.ROOT,
                    "restarted process (pid %d): replayed %,d inputs in %.3f s = %,.0f inputs/s; Appliance.launch %.3f s; " +
                    "JVM up %.3f s when trading%n",
                    second.process.pid(), second.replayedInputs, second.replayNs / 1e9,
                    second.replayedInputs / (second.replayNs / 1e9), second.launchNs / 1e9, second.uptimeMs / 1e3));
                say(report, String.format(Locale.ROOT,
                    "from the restart (just after the kill): trading (READY) after %.3f s, first order accepted " +
                    "(ExecutionReportNew) after %.3f s%n", readyNs / 1e9, firstOrderNs / 1e9));
                say(report, String.format(Locale.ROOT, "goals: replay >= 1,000,000 inputs/s: %s; trading <= 5 s after kill -9: %s%n",
                    second.replayedInputs / (second.replayNs / 1e9) >= 1e6 ? "met" : "NOT met",
                    firstOrderNs <= 5_000_000_000L ? "met" : "NOT met"));
                second.stop();
            }

        }
        finally
        {
            deleteRecursively(journal);
        }
        Files.createDirectories(out);
        final Path file = out.resolve("recovery-" +
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".txt");
        Files.writeString(file, report.toString());
        System.out.println("wrote " + file.toAbsolutePath());
    }

    private static void say(final StringBuilder report, final String line)
    {
        report.append(line);
        System.out.print(line);
        System.out.flush();
    }

    /** Closed loop from this process into the appliance process until {@code commands} were answered. */
    private static OrderRoundTrip.Result drive(final Aeron aeron, final long commands, final String idle, final int window)
    {
        final OrderEntryClient client = OrderRoundTrip.connect(aeron, PORT, new OrderEntryListener()
        {
        });
        try
        {
            return new MaxRate(client, 1).run(idle, commands, 180, window);
        }
        finally
        {
            client.close();
        }
    }

    /** A new session, one order; returns System.nanoTime() when its ExecutionReportNew arrived. */
    private static long firstAcceptedOrder(final Aeron aeron)
    {
        final long[] acceptedNs = {0};
        final OrderEntryClient client = OrderRoundTrip.connect(aeron, PORT, new OrderEntryListener()
        {
            public void onNew(final ExecutionReportNewDecoder report)
            {
                acceptedNs[0] = System.nanoTime();
            }
        });
        try
        {
            final long clOrdId = System.currentTimeMillis() * 1_000 + 7;
            while (client.limitOrder(clOrdId, 1, 0, Side.BUY, OrderRoundTrip.PRICE, 1) <= 0)
            {
                Thread.yield();
            }
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acceptedNs[0] == 0)
            {
                if (System.nanoTime() > deadlineNs)
                {
                    throw new IllegalStateException("the restarted appliance did not accept an order in 30 s");
                }
                if (client.poll() == 0)
                {
                    Thread.yield();
                }
            }
            return acceptedNs[0];
        }
        finally
        {
            client.close();
        }
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }

    /** An appliance process: started, READY parsed. */
    private record Node(Process process, String aeronDirectory, long replayedInputs, long replayNs, long launchNs,
        long uptimeMs, long readyNs)
    {
        static Node start(final Path journal, final String idle) throws IOException, InterruptedException
        {
            final List<String> command = javaCommand();
            command.addAll(List.of(RecoveryNode.class.getName(), journal.toString(), idle, String.valueOf(PORT)));
            final long startNs = System.nanoTime();
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String failure = null;
            for (String line = in.readLine(); line != null; line = in.readLine())
            {
                if (line.startsWith("READY "))
                {
                    final long readyNs = System.nanoTime() - startNs;
                    final String[] words = line.split(" ");
                    final Thread drain = new Thread(() -> drain(in), "recovery-node-out");
                    drain.setDaemon(true);
                    drain.start();
                    return new Node(process, words[1], Long.parseLong(words[2]), Long.parseLong(words[3]),
                        Long.parseLong(words[4]), Long.parseLong(words[5]), readyNs);
                }
                if (failure == null && line.contains("Exception"))
                {
                    failure = line;
                }
            }
            process.waitFor();
            throw new IllegalStateException("the appliance process exited (" + process.exitValue() + ") before it was trading: " +
                failure);
        }

        /** This JVM's java, flags and class path. */
        static List<String> javaCommand()
        {
            final List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path")));
            return command;
        }

        void stop() throws InterruptedException, IOException
        {
            final OutputStream stdin = process.getOutputStream();
            stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }

        private static void drain(final BufferedReader in)
        {
            try
            {
                for (String line = in.readLine(); line != null; line = in.readLine())
                {
                    System.out.println("  node: " + line);
                }
            }
            catch (final IOException ignore)
            {
                // the process ended
            }
        }
    }
}
