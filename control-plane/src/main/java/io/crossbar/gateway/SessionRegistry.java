package io.crossbar.gateway;

import java.util.ArrayList;
import java.util.List;

import io.crossbar.appliance.FirmSpec;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Every firm and every session instance the control plane knows, by firm id and by uuid. Shared by
 * the gateway (which opens sessions) and the device driver (which answers them), on one thread.
 */
public final class SessionRegistry
{
    private final Long2ObjectHashMap<FirmState> firms = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Session> sessions = new Long2ObjectHashMap<>();
    private final ArrayList<Session> inOrder = new ArrayList<>();
    private final ArrayList<Session> backPressured = new ArrayList<>();
    private final int logCapacity;

    public SessionRegistry(final List<FirmSpec> firms, final int logCapacity, final int clOrdIdCapacity)
    {
        for (final FirmSpec firm : firms)
        {
            this.firms.put(firm.id(), new FirmState(firm, clOrdIdCapacity));
        }
        this.logCapacity = logCapacity;
    }

    public FirmState firm(final long firmId)
    {
        return firms.get(firmId);
    }

    public Session session(final long uuid)
    {
        return sessions.get(uuid);
    }

    /** A session negotiated (live, or seen in the journal): create it unless it exists. */
    public Session opened(final long uuid, final long firmId, final int flags)
    {
        return opened(uuid, firmId, flags, false);
    }

    /**
     * A session negotiated: create it unless it exists.
     *
     * @param releaseEnded give up the logs of the firm's terminated sessions (live negotiation
     *                     only: a replay rebuilds every session as it was).
     */
    public Session opened(final long uuid, final long firmId, final int flags, final boolean releaseEnded)
    {
        Session session = sessions.get(uuid);
        if (session == null)
        {
            final FirmState firm = firms.get(firmId);
            if (firm == null)
            {
                return null;
            }
            session = new Session(uuid, firm, flags, firm.lastUuid(), logCapacity, backPressured);
            sessions.put(uuid, session);
            inOrder.add(session);
            firm.lastUuid(uuid);
            if (releaseEnded)
            {
                releaseLogsOfEndedSessions(firm, session);
            }
        }
        return session;
    }

    /**
     * A firm's new session may recover from its previous one: the retransmission logs of the
     * firm's other sessions that have terminated (ended by Terminate, never to be established
     * again) are given up, so that memory follows the sessions that may still ask. A session
     * that is only disconnected keeps its log: it may establish again and ask for what it missed.
     */
    private void releaseLogsOfEndedSessions(final FirmState firm, final Session newest)
    {
        for (int i = 0, count = inOrder.size(); i < count; i++)
        {
            final Session other = inOrder.get(i);
            if (other.firm() == firm && other != newest && other.uuid() != newest.previousUuid() &&
                other.log().allocated() && other.state() == Session.State.TERMINATED)
            {
                other.log().release();
            }
        }
    }

    /** Every session, in the order they opened (for loops off the order path). */
    public Iterable<Session> sessions()
    {
        return inOrder;
    }

    public int sessionCount()
    {
        return inOrder.size();
    }

    /** Send what waits in back-pressured sessions; returns the work done. */
    public int flushBackPressured(final long nowNs)
    {
        int work = 0;
        for (int i = backPressured.size() - 1; i >= 0; i--)
        {
            if (backPressured.get(i).flush(nowNs))
            {
                backPressured.remove(i);
                work++;
            }
        }
        return work;
    }

    /** The {@code index}th session to open: an allocation-free way to visit them all. */
    public Session sessionAt(final int index)
    {
        return inOrder.get(index);
    }
}
