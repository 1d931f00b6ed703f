package io.crossbar.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@code crossbar} commands in the test's JVM and keeps what they printed, for the tests of their output. */
abstract class ReplayHarness
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int replay(final String... args)
    {
        return ReplayCommand.run(List.of(args), stdout(), stderr());
    }

    /** Where a command run by the test prints its output, kept for {@link #out()}. */
    PrintStream stdout()
    {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** Where a command run by the test prints its errors, kept for {@link #err()}. */
    PrintStream stderr()
    {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}
