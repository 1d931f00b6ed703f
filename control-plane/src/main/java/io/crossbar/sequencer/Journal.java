package io.crossbar.sequencer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.aeron.logbuffer.ControlledFragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;

/**
 * The journal: the sequenced input stream on an Aeron IPC publication, recorded by Aeron Archive.
 * <p>
 * Each run of the appliance appends one recording; the journal is the recordings of the stream in
 * order. At start-up {@link #replay} feeds every recorded input to a handler (the device driver)
 * before anything new is sequenced. Live, {@link #poll} hands the driver only what the archive has
 * already recorded ({@code boundedControlledPoll} up to the recording position), so an input the
 * card acts on, and that a client hears about, is on disk first.
 */
public final class Journal implements AutoCloseable
{
    /** One recording of the journal stream. */
    public record Recording(long recordingId, long startPosition, long stopPosition)
    {
    }

    private static final int REPLAY_STREAM_ID = 3_099;
    private static final int REPLAY_FRAGMENT_LIMIT = 4_096;

    private final Aeron aeron;
    private final AeronArchive archive;
    private final String channel;
    private final int streamId;
    private ExclusivePublication publication;
    private Subscription subscription;
    private Image image;
    private CountersReader counters;
    private int recordingCounterId = CountersReader.NULL_COUNTER_ID;
    private long replayedBytes;

    public Journal(final Aeron aeron, final AeronArchive archive, final String channel, final int streamId)
    {
        this.aeron = aeron;
        this.archive = archive;
        this.channel = channel;
        this.streamId = streamId;
    }

    /** Every earlier recording of the journal stream, oldest first. */
    public List<Recording> recordings()
    {
        final List<Recording> recordings = new ArrayList<>();
        archive.listRecordingsForUri(0, Integer.MAX_VALUE, "aeron:ipc", streamId,
            (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition, stopPosition,
            initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, stream, strippedChannel,
            originalChannel, sourceIdentity) -> recordings.add(new Recording(recordingId, startPosition, stopPosition)));
        // A recording whose process died may still lack its stop position: use what was recorded.
        recordings.replaceAll((recording) -> recording.stopPosition() != AeronArchive.NULL_POSITION ? recording :
            new Recording(recording.recordingId(), recording.startPosition(),
                archive.getMaxRecordedPosition(recording.recordingId())));
        return recordings;
    }

    /**
     * Replay every recording through {@code handler}, calling {@code pump} between polls (the
     * driver's event polling), until all of it was consumed.
     *
     * @return the number of recordings replayed.
     */
    public int replay(final ControlledFragmentHandler handler, final IntSupplier pump, final long timeoutNs)
    {
        return replay(recordings(), handler, pump, timeoutNs);
    }

    /** {@link #replay(ControlledFragmentHandler, IntSupplier, long)} of recordings already listed. */
    public int replay(
        final List<Recording> recordings, final ControlledFragmentHandler handler, final IntSupplier pump, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        int replayed = 0;
        for (final Recording recording : recordings)
        {
            final long length = recording.stopPosition() - recording.startPosition();
            if (length <= 0)
            {
                continue;
            }
            try (Subscription replay = archive.replay(
                recording.recordingId(), recording.startPosition(), length, "aeron:ipc", REPLAY_STREAM_ID))
            {
                while (replay.imageCount() == 0)
                {
                    checkDeadline(deadlineNs, recording);
                    if (pump.getAsInt() == 0)
                    {
                        Thread.yield();
                    }
                }
                final Image replayImage = replay.imageAtIndex(0);
                while (replayImage.position() < recording.stopPosition())
                {
                    final int work = replayImage.controlledPoll(handler, REPLAY_FRAGMENT_LIMIT) + pump.getAsInt();
                    if (work == 0)
                    {
                        checkDeadline(deadlineNs, recording);
                        if (replayImage.isClosed() && replayImage.position() < recording.stopPosition())
                        {
                            throw new IllegalStateException("journal replay of recording " + recording.recordingId() +
                                " ended at " + replayImage.position() + " before its end " + recording.stopPosition());
                        }
                        Thread.yield();
                    }
                }
                replayedBytes += length;
            }
            replayed++;
        }
        return replayed;
    }

    private static void checkDeadline(final long deadlineNs, final Recording recording)
    {
        if (System.nanoTime() > deadlineNs)
        {
            throw new IllegalStateException("journal replay of recording " + recording.recordingId() + " timed out");
        }
    }

    /**
     * Start this run's recording and its publication; returns the publication for the sequencer.
     *
     * @param pump run while waiting for the archive (which may live on this thread).
     */
    public ExclusivePublication startLive(final long timeoutNs, final IntSupplier pump)
    {
        archive.startRecording(channel, streamId, SourceLocation.LOCAL);
        publication = aeron.addExclusivePublication(channel, streamId);
        subscription = aeron.addSubscription("aeron:ipc", streamId);
        counters = aeron.countersReader();
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while ((recordingCounterId = RecordingPos.findCounterIdBySession(
            counters, publication.sessionId(), archive.archiveId())) == CountersReader.NULL_COUNTER_ID ||
            (image = subscription.imageBySessionId(publication.sessionId())) == null)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("the archive did not start recording the journal in time");
            }
            if (pump.getAsInt() == 0)
            {
                Thread.yield();
            }
        }
        return publication;
    }

    /** Deliver live inputs the archive has recorded. */
    public int poll(final ControlledFragmentHandler handler, final int fragmentLimit)
    {
        return image.boundedControlledPoll(handler, counters.getCounterValue(recordingCounterId), fragmentLimit);
    }

    /** Bytes recorded of this run's recording. */
    public long recordedPosition()
    {
        return counters.getCounterValue(recordingCounterId);
    }

    /** Bytes of this run's journal the driver has consumed. */
    public long consumedPosition()
    {
        return image == null ? 0 : image.position();
    }

    public long replayedBytes()
    {
        return replayedBytes;
    }

    /** Closing the publication ends this run's recording (the archive sees the stream end). */
    public void close()
    {
        CloseHelper.quietCloseAll(subscription, publication);
    }
}
