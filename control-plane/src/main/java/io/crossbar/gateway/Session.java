package io.crossbar.gateway;

import java.util.List;

import io.aeron.ExclusivePublication;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One session instance (uuid) of a firm: its state, both sequence series, its connection (the
 * Aeron image it sends on and the publication it is answered on), keep-alive timing, throttles,
 * and the log of what it was sent, for retransmission.
 * <p>
 * A session outlives its connection: after a disconnect (or a restart, which rebuilds it from the
 * journal) the client establishes the same uuid again over a new connection.
 */
public final class Session
{
    /** Where a session is in its life. */
    public enum State
    {
        NEGOTIATED, ESTABLISHED, DISCONNECTED, TERMINATED
    }

    static final int NO_IMAGE = Integer.MIN_VALUE;

    /** Offset of seqNum in every gateway-to-client application message: the first body field. */
    private static final int SEQ_NUM_OFFSET = 8;

    private final long uuid;
    private final long previousUuid;
    private final FirmState firm;
    private final OutboundLog log;
    private int flags;
    private State state = State.NEGOTIATED;
    private ExclusivePublication publication;
    private int imageSessionId = NO_IMAGE;
    private long nextInSeqNum = 1;
    private long keepAliveNs;
    private long lastReceivedNs;
    private long lastSentNs;
    private boolean lapsed;
    private Throttle orderThrottle;
    private Throttle cancelThrottle;
    private Throttle refusalThrottle;
    private Throttle retransmitThrottle;
    private long undelivered;
    private long lost;
    private long nextToSendSeqNum = 1;
    private boolean waiting;
    private final List<Session> backPressured;
    private String routeChannel;
    private int routeStreamId;

    Session(
        final long uuid, final FirmState firm, final int flags, final long previousUuid, final int logCapacity,
        final List<Session> backPressured)
    {
        this.previousUuid = previousUuid;
        this.backPressured = backPressured;
        this.uuid = uuid;
        this.firm = firm;
        this.flags = flags;
        this.log = new OutboundLog(logCapacity);
    }

    public long uuid()
    {
        return uuid;
    }

    /** The firm's session instance before this one (0 if none): offered for recovery. */
    public long previousUuid()
    {
        return previousUuid;
    }

    public FirmState firm()
    {
        return firm;
    }

    public int flags()
    {
        return flags;
    }

    public State state()
    {
        return state;
    }

    void state(final State state)
    {
        this.state = state;
    }

    public boolean cancelOnDisconnect()
    {
        return (flags & 1) != 0;
    }

    public boolean cancelOnTerminate()
    {
        return (flags & 2) != 0;
    }

    /** The seqNum the next application message to the client will carry. */
    public long nextOutSeqNum()
    {
        return log.nextSeqNum();
    }

    long nextInSeqNum()
    {
        return nextInSeqNum;
    }

    void nextInSeqNum(final long seqNum)
    {
        this.nextInSeqNum = seqNum;
    }

    /** The journal replay saw this session's message {@code seqNum}. */
    public void applied(final long clientSeqNum)
    {
        if (clientSeqNum >= nextInSeqNum && clientSeqNum <= Gateway.MAX_SEQ_NUM)
        {
            nextInSeqNum = clientSeqNum + 1;
        }
    }

    void connect(final ExclusivePublication publication, final int imageSessionId, final long keepAliveNs, final long nowNs)
    {
        if (this.publication != null && this.publication != publication)
        {
            CloseHelper.quietClose(this.publication);
        }
        this.publication = publication;
        this.nextToSendSeqNum = log.nextSeqNum();
        this.imageSessionId = imageSessionId;
        this.keepAliveNs = keepAliveNs;
        this.lastReceivedNs = nowNs;
        this.lastSentNs = nowNs;
        this.lapsed = false;
    }

    void disconnect()
    {
        CloseHelper.quietClose(publication);
        publication = null;
        imageSessionId = NO_IMAGE;
    }

    int imageSessionId()
    {
        return imageSessionId;
    }

    void throttles(final Throttle orders, final Throttle cancels, final Throttle retransmits)
    {
        this.orderThrottle = orders;
        this.cancelThrottle = cancels;
        this.retransmitThrottle = retransmits;
    }

    /** The budget for messages the gateway refuses (each one is journaled and answered); null until the first. */
    Throttle refusalThrottle()
    {
        return refusalThrottle;
    }

    void refusalThrottle(final Throttle refusals)
    {
        this.refusalThrottle = refusals;
    }

    /** The budget for retransmitted messages; set when the session is first established. */
    Throttle retransmitThrottle()
    {
        return retransmitThrottle;
    }

    Throttle orderThrottle()
    {
        return orderThrottle;
    }

    Throttle cancelThrottle()
    {
        return cancelThrottle;
    }

    void received(final long nowNs)
    {
        lastReceivedNs = nowNs;
        lapsed = false;
    }

    long lastReceivedNs()
    {
        return lastReceivedNs;
    }

    long lastSentNs()
    {
        return lastSentNs;
    }

    long keepAliveNs()
    {
        return keepAliveNs;
    }

    boolean lapsed()
    {
        return lapsed;
    }

    void lapsed(final boolean lapsed)
    {
        this.lapsed = lapsed;
    }

    /**
     * Send an application message: give it the next seqNum, keep it for retransmission, offer it.
     * When the connection pushes back, the message waits in the log and the session is queued on
     * the registry; {@link #flush(long)} sends what waits, in order, from the gateway's duty cycle.
     * Nothing is dropped while the session is connected (unless more than the log holds waits); a
     * session without a connection recovers by retransmission after it establishes again.
     */
    public void sendApplication(final MutableDirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        final long seqNum = log.nextSeqNum();
        buffer.putLong(offset + SEQ_NUM_OFFSET, seqNum);
        log.append(buffer, offset, length);
        if (publication == null)
        {
            undelivered++;
            nextToSendSeqNum = seqNum + 1;
        }
        else if (nextToSendSeqNum == seqNum && publication.offer(buffer, offset, length) > 0)
        {
            nextToSendSeqNum = seqNum + 1;
            lastSentNs = nowNs;
        }
        else if (!waiting)
        {
            waiting = true;
            backPressured.add(this);
        }
    }

    /**
     * Send what waits in the log after back-pressure, in order.
     *
     * @return true when nothing waits any more.
     */
    boolean flush(final long nowNs)
    {
        if (publication == null)
        {
            nextToSendSeqNum = log.nextSeqNum();
        }
        while (nextToSendSeqNum < log.nextSeqNum())
        {
            if (!log.holds(nextToSendSeqNum, 1))
            {
                final long first = log.firstSeqNum(); // the oldest still held (the next to come, if none is)
                lost += first - nextToSendSeqNum;
                nextToSendSeqNum = first;
                continue;
            }
            final int length = log.length(nextToSendSeqNum);
            if (length > 0 && publication.offer(log.buffer(), log.offset(nextToSendSeqNum), length) < 0)
            {
                return false;
            }
            lastSentNs = nowNs;
            nextToSendSeqNum++;
        }
        waiting = false;
        return true;
    }

    /** Send a session-layer message (no seqNum, not logged). */
    boolean sendSession(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (publication != null && publication.offer(buffer, offset, length) > 0)
        {
            lastSentNs = nowNs;
            return true;
        }
        return false;
    }

    void routeChannel(final String channel, final int streamId)
    {
        this.routeChannel = channel;
        this.routeStreamId = streamId;
    }

    boolean routeMatches(final String channel, final int streamId)
    {
        return streamId == routeStreamId && channel.equals(routeChannel);
    }

    ExclusivePublication publication()
    {
        return publication;
    }

    OutboundLog log()
    {
        return log;
    }

    boolean isConnected()
    {
        return publication != null;
    }

    /** Application messages written while the session had no connection (recoverable by retransmission). */
    public long undelivered()
    {
        return undelivered;
    }

    /** Messages that waited on back-pressure longer than the log holds: the client sees a gap. */
    public long lost()
    {
        return lost;
    }
}
