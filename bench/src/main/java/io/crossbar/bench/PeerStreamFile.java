package io.crossbar.bench;

import io.crossbar.device.DeviceLayout;
import io.crossbar.device.Records;
import io.crossbar.engine.EventSink;
import io.crossbar.engine.ReferenceEngine;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peer stream ({@link PeerStream}: a market maker's flow, 82% moves) as a file of the card's
 * command records, for the cycle-level testbench {@code hw/tb/xb_replay}, with the events the
 * reference engine emits for it; and the check of the events the testbench recorded against
 * those. {@code STREAM=peer hw/tb/figures.sh} runs all three.
 * <pre>
 *   PeerStreamFile write DIR [--commands=N] [--seed=S]
 *       DIR/commands.bin (setup, prefill, main, drain), DIR/expected.bin (the reference engine's
 *       events), DIR/parts.txt ("setup prefill main drain": record counts of the four parts)
 *   PeerStreamFile check EXPECTED ACTUAL
 *       exit 0 when every event is identical (a COMPLETE record's latency aside), else 1 with
 *       the first difference
 * </pre>
 */
public final class PeerStreamFile
{
    private static final int RECORD = DeviceLayout.RECORD_LENGTH;

    private PeerStreamFile()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length >= 2 && args[0].equals("write"))
        {
            int commands = 1_000_000;
            long seed = 20240917L;
            for (int i = 2; i < args.length; i++)
            {
                if (args[i].startsWith("--commands="))
                {
                    commands = Integer.parseInt(args[i].substring("--commands=".length()).replace("_", ""));
                }
                else if (args[i].startsWith("--seed="))
                {
                    seed = Long.parseLong(args[i].substring("--seed=".length()));
                }
                else
                {
                    usage();
                }
            }
            write(Path.of(args[1]), commands, seed);
        }
        else if (args.length == 3 && args[0].equals("check"))
        {
            System.exit(check(Path.of(args[1]), Path.of(args[2])) ? 0 : 1);
        }
        else
        {
            usage();
        }
    }

    private static void usage()
    {
        System.err.println("usage: PeerStreamFile write DIR [--commands=N] [--seed=S]");
        System.err.println("       PeerStreamFile check EXPECTED.bin ACTUAL.bin");
        System.exit(2);
    }

    private static void write(final Path dir, final int commands, final long seed) throws IOException
    {
        final PeerStream stream = PeerStream.generate(seed, commands, PeerStream.DEFAULT_TARGET_ORDERS);
        Files.createDirectories(dir);
        final int records = stream.setupCount + stream.streamEnd();  // setup records first
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("commands.bin")), 1 << 16))
        {
            final byte[] line = new byte[RECORD];
            for (int r = 0; r < records; r++)
            {
                stream.records.getBytes(r * RECORD, line);
                out.write(line);
            }
        }
        final ReferenceEngine engine = new ReferenceEngine(PeerStream.engineConfig());
        final long[] events = new long[1];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("expected.bin")), 1 << 16))
        {
            final byte[] line = new byte[RECORD];
            final EventSink sink = (buffer, offset) ->
            {
                buffer.getBytes(offset, line);
                events[0]++;
                try
                {
                    out.write(line);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            };
            for (int r = 0; r < records; r++)
            {
                engine.process(stream.records, r * RECORD, sink);
            }
        }
        Files.writeString(dir.resolve("parts.txt"),
            stream.setupCount + " " + stream.prefillCount + " " + stream.mainCount + " " + stream.drainCount + "\n");
        System.err.println("peer stream: " + stream.describe());
        System.err.println("wrote " + records + " commands and " + events[0] + " reference events to " + dir);
    }

    private static boolean check(final Path expectedFile, final Path actualFile) throws IOException
    {
        final UnsafeBuffer expected = new UnsafeBuffer(Files.readAllBytes(expectedFile));
        final UnsafeBuffer actual = new UnsafeBuffer(Files.readAllBytes(actualFile));
        final int count = Math.min(expected.capacity(), actual.capacity()) / RECORD;
        for (int i = 0; i < count; i++)
        {
            final int offset = i * RECORD;
            if (Records.firstDifference(expected, offset, actual, offset) >= 0)
            {
                System.err.println("event " + i + " differs at byte " +
                    Records.firstDifference(expected, offset, actual, offset));
                report("reference", expected, offset);
                report("card     ", actual, offset);
                return false;
            }
        }
        if (expected.capacity() != actual.capacity())
        {
            System.err.println("event counts differ: reference " + expected.capacity() / RECORD + ", card " +
                actual.capacity() / RECORD);
            return false;
        }
        System.err.println("PASS: " + count + " events identical to the reference engine's");
        return true;
    }

    private static void report(final String who, final DirectBuffer buffer, final int offset)
    {
        System.err.println("  " + who + " " + Records.describeEvent(buffer, offset));
        System.err.println("            " + Records.hex(buffer, offset));
    }
}
