package io.crossbar.sequencer;

import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.aeron.Aeron;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import org.agrona.concurrent.IdleStrategy;

/**
 * The Aeron Archive that records the {@link Journal}: its settings and its client, in one place
 * for the appliance and for anything measured against it (the bench's journaled echo), so both
 * record with the same archive.
 */
public final class JournalArchive
{
    private JournalArchive()
    {
    }

    /**
     * The archive's context: files under {@code journalDirectory/archive}, kept across restarts
     * (the journal), IPC only, no recording events.
     *
     * @param invoker the archive runs on the caller's thread ({@link ArchiveThreadingMode#INVOKER},
     *                through {@code archive().invoker()}) rather than on its own.
     */
    public static Archive.Context context(
        final String aeronDirectory, final Path journalDirectory, final boolean invoker, final Supplier<IdleStrategy> idle)
    {
        return new Archive.Context()
            .aeronDirectoryName(aeronDirectory)
            .archiveDir(journalDirectory.resolve("archive").toFile())
            .controlChannelEnabled(false)
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:ipc"))
            .replicationChannel("aeron:udp?endpoint=127.0.0.1:0")
            .recordingEventsEnabled(false)
            .threadingMode(invoker ? ArchiveThreadingMode.INVOKER : ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(idle)
            .deleteArchiveOnStart(false);
    }

    /** The archive's client over IPC; its blocking requests wait with {@code idle}. */
    public static AeronArchive connect(final Aeron aeron, final IdleStrategy idle)
    {
        return AeronArchive.connect(new AeronArchive.Context()
            .aeron(aeron)
            .idleStrategy(idle)
            .controlRequestChannel("aeron:ipc")
            .controlResponseChannel("aeron:ipc"));
    }

    /**
     * An idle strategy that first runs {@code pump} (the archive's duty cycle when it lives on the
     * waiting thread) and idles only when that found no work: a blocking archive request made on
     * the archive's own thread then does not wait for itself.
     */
    public static IdleStrategy pumping(final IdleStrategy idle, final IntSupplier pump)
    {
        return new IdleStrategy()
        {
            public void idle(final int workCount)
            {
                if (pump.getAsInt() == 0)
                {
                    idle.idle(workCount);
                }
            }

            public void idle()
            {
                if (pump.getAsInt() == 0)
                {
                    idle.idle();
                }
            }

            public void reset()
            {
                idle.reset();
            }
        };
    }
}
