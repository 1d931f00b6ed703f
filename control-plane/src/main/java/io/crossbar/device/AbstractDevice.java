package io.crossbar.device;

import io.crossbar.engine.EventSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * What every device shares: the rule that commands are numbered 1, 2, 3, ... (the rings key
 * their slots on it), the count of outstanding commands, and the blocking
 * {@link #process(DirectBuffer, int, EventSink, long)} built on offer and poll with a bounded
 * wait that checks the device's health while it waits.
 */
abstract class AbstractDevice implements Device
{
    /** How often a waiting {@link #process} asks {@link #health()}. */
    static final long HEALTH_CHECK_INTERVAL_NS = 2_000_000L;
    /** Events per poll inside {@link #process}. */
    private static final int POLL_LIMIT = 1024;

    private final IdleStrategy idle = new BackoffIdleStrategy(64, 16, 1_000L, 200_000L);
    private final CompletionWatch watch = new CompletionWatch();
    private long nextSequence;
    private int outstanding;
    private long waitStartNs;
    private long deadlineNs;
    private long nextHealthCheckNs;

    AbstractDevice(final long firstSequence)
    {
        this.nextSequence = firstSequence;
    }

    /** The sequence the next offered command must carry. */
    public final long nextSequence()
    {
        return nextSequence;
    }

    public final int outstanding()
    {
        return outstanding;
    }

    /** Throws unless the record carries the next sequence; returns it. */
    final long checkSequence(final DirectBuffer record, final int offset)
    {
        final long sequence = record.getLong(offset);
        if (sequence != nextSequence)
        {
            throw new IllegalArgumentException(name() + ": command sequence " + sequence + " where " + nextSequence +
                " is next (commands are numbered 1, 2, 3, ... without gaps)");
        }
        return sequence;
    }

    /** The device took the command that {@link #checkSequence} approved. */
    final void offered()
    {
        nextSequence++;
        outstanding++;
    }

    /** Count completions among the events passed to the caller's sink. */
    final void delivered(final DirectBuffer buffer, final int offset)
    {
        if ((buffer.getByte(offset + DeviceLayout.KIND_OFFSET) & 0xFF) == DeviceLayout.EVENT_COMPLETE && outstanding > 0)
        {
            outstanding--;
        }
    }

    public final int process(final DirectBuffer record, final int offset, final EventSink sink, final long timeoutNs)
    {
        if (outstanding != 0)
        {
            throw new IllegalStateException(name() + ": process() needs no commands outstanding, " + outstanding + " are");
        }
        final long sequence = record.getLong(offset);
        waitStartNs = System.nanoTime();
        deadlineNs = waitStartNs + timeoutNs;
        nextHealthCheckNs = waitStartNs + HEALTH_CHECK_INTERVAL_NS;
        idle.reset();
        while (!offer(record, offset))
        {
            await(sequence, "to be taken");
        }
        watch.arm(sink);
        idle.reset();
        while (!watch.complete)
        {
            if (poll(watch, POLL_LIMIT) > 0)
            {
                idle.reset();
            }
            else
            {
                await(sequence, "to complete");
            }
        }
        return watch.events;
    }

    private void await(final long sequence, final String what)
    {
        idle.idle();
        final long now = System.nanoTime();
        if (now - nextHealthCheckNs >= 0)
        {
            nextHealthCheckNs = now + HEALTH_CHECK_INTERVAL_NS;
            final DeviceHealth health = health();
            if (!health.healthy())
            {
                throw new DeviceException(name() + ": " + health.problem() + " (while waiting for command " + sequence +
                    " " + what + ")");
            }
        }
        if (now - deadlineNs >= 0)
        {
            throw new DeviceException(name() + ": command " + sequence + " waited " + (now - waitStartNs) / 1_000_000 +
                " ms " + what + " (device " + health() + ")");
        }
    }

    /** Forwards events to the caller's sink until a COMPLETE record. */
    private static final class CompletionWatch implements EventSink
    {
        private EventSink delegate;
        private boolean complete;
        private int events;

        void arm(final EventSink sink)
        {
            delegate = sink;
            complete = false;
            events = 0;
        }

        public void onEvent(final DirectBuffer buffer, final int offset)
        {
            delegate.onEvent(buffer, offset);
            events++;
            if ((buffer.getByte(offset + DeviceLayout.KIND_OFFSET) & 0xFF) == DeviceLayout.EVENT_COMPLETE)
            {
                complete = true;
            }
        }
    }
}
