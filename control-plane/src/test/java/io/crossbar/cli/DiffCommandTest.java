package io.crossbar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest
{
    private static final int RECORD = 64;

    @TempDir
    Path dir;

    @Test
    void shouldSeparateEveryStreamOfTheRecordByAResetEvenForARepeatedSeed() throws IOException
    {
        final Path record = dir.resolve("streams.bin");
        assertEquals(0, Crossbar.run(List.of("diff", "--device=reference", "--commands=10", "--seeds=1,2,1",
            "--record=" + record)));

        final byte[] bytes = Files.readAllBytes(record);
        assertEquals((3 * 10 + 2) * RECORD, bytes.length, "three streams of ten commands and two resets");
        int resets = 0;
        for (int at = 0; at < bytes.length; at += RECORD)
        {
            boolean reset = true;
            for (int i = 0; i < RECORD; i++)
            {
                reset &= bytes[at + i] == (byte)0xFF;
            }
            resets += reset ? 1 : 0;
        }
        assertEquals(2, resets);
    }

    @Test
    void shouldRefuseARecordItCannotWriteAndAnEmptyOne()
    {
        assertEquals(ReplayCommand.USAGE, Crossbar.run(List.of("diff", "--device=reference", "--commands=10",
            "--record=" + dir.resolve("missing").resolve("x.bin"))));
        assertEquals(ReplayCommand.USAGE, Crossbar.run(List.of("diff", "--device=reference", "--record=")));
    }

    @Test
    void shouldRefuseACheckTooLongForOneBufferBeforeRunningAnything()
    {
        assertEquals(ReplayCommand.USAGE, Crossbar.run(List.of("check", "--commands=40000000")));
        assertEquals(ReplayCommand.USAGE, Crossbar.run(List.of("check", "--commands=3000000000")));
        assertEquals(ReplayCommand.USAGE, Crossbar.run(List.of("check", "--commands=999")));
    }
}
