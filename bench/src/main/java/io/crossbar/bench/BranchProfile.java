package io.crossbar.bench;

import io.crossbar.device.DeviceLayout;
import io.crossbar.engine.ReferenceEngine;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The replay that {@code bench/run branches} counts under valgrind's callgrind: the peer stream
 * from a file written by {@link PeerStreamFile} (so that generating it is not counted), replayed
 * through our engine {@code warmup} times so that the compiled code settles, then once more between
 * two handshakes with the script, which switches callgrind's counting on and off around that
 * replay only. The handshakes are files: the replay waits for {@code go} to exist after printing
 * {@code READY}, and for {@code stop} after printing {@code DONE}.
 * <pre>
 *   BranchProfile STREAM_DIR WARMUP GO_FILE STOP_FILE
 * </pre>
 */
public final class BranchProfile
{
    private static final int RECORD = DeviceLayout.RECORD_LENGTH;

    private BranchProfile()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length != 4)
        {
            System.err.println("usage: BranchProfile STREAM_DIR WARMUP GO_FILE STOP_FILE");
            System.exit(2);
        }
        final Path dir = Path.of(args[0]);
        final int warmup = Integer.parseInt(args[1]);
        final String[] parts = Files.readString(dir.resolve("parts.txt")).trim().split(" ");
        final int setup = Integer.parseInt(parts[0]);
        final int prefill = Integer.parseInt(parts[1]);
        final int main = Integer.parseInt(parts[2]);
        final UnsafeBuffer records = new UnsafeBuffer(Files.readAllBytes(dir.resolve("commands.bin")));
        final CountingSink sink = new CountingSink();
        for (int round = 0; round <= warmup; round++)
        {
            final ReferenceEngine engine = new ReferenceEngine(PeerStream.engineConfig());
            PeerComparison.replay(engine, records, 0, setup + prefill, sink);
            sink.clear();
            final boolean counted = round == warmup;
            if (counted)
            {
                System.out.println("READY");
                System.out.flush();
                awaitFile(Path.of(args[2]));
            }
            PeerComparison.replay(engine, records, (setup + prefill) * RECORD, main, sink);
            if (counted)
            {
                System.out.println("DONE commands=" + main + " events=" + sink.events + " rejects=" + sink.rejects);
                System.out.flush();
                awaitFile(Path.of(args[3]));
            }
        }
    }

    private static void awaitFile(final Path file) throws InterruptedException
    {
        while (!Files.exists(file))
        {
            Thread.sleep(20);
        }
    }
}
