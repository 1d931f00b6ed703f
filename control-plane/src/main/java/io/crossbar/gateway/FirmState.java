package io.crossbar.gateway;

import io.crossbar.appliance.FirmSpec;
import io.crossbar.client.SessionSigner;
import org.agrona.collections.Long2LongHashMap;

/**
 * What the control plane knows about one firm across its sessions: the client order ids it has
 * used today (duplicates are refused), its live orders by client order id, and its latest session
 * instance (offered as previousUuid to the next one). Rebuilt from the journal on restart.
 */
public final class FirmState
{
    /** Returned by {@link #orderIdFor(long)} when the client order id names no live order. */
    public static final long NO_ORDER = 0;

    private final FirmSpec spec;
    private final SessionSigner signer;
    private final ClientOrderIds usedClOrdIds;
    private final Long2LongHashMap liveOrders = new Long2LongHashMap(1 << 12, 0.65f, NO_ORDER);
    private long lastUuid;
    /**
     * New session instances a firm may open: a few a second, a burst of 20. Every Negotiate is
     * journaled and replayed at each restart, so a firm that negotiated in a loop would grow the
     * journal and the appliance's session table for good.
     */
    private final Throttle negotiations = new Throttle(NEGOTIATIONS_PER_SECOND, NEGOTIATION_BURST, 0);
    static final int NEGOTIATIONS_PER_SECOND = 5;
    static final int NEGOTIATION_BURST = 20;

    /**
     * @param clOrdIdCapacity client order ids a firm is expected to use in a day: the set is
     *                        sized for them up front, so the order path does not rehash it.
     */
    public FirmState(final FirmSpec spec, final int clOrdIdCapacity)
    {
        this.spec = spec;
        this.signer = new SessionSigner(spec.secret());
        this.usedClOrdIds = new ClientOrderIds(clOrdIdCapacity);
    }

    public FirmSpec spec()
    {
        return spec;
    }

    /** Checks the signatures of the firm's session requests (one keyed MAC for the firm's life). */
    SessionSigner signer()
    {
        return signer;
    }

    /** Record a client order id as used; false when it already was. */
    public boolean useClOrdId(final long clOrdId)
    {
        return usedClOrdIds.add(clOrdId);
    }

    public boolean isClOrdIdUsed(final long clOrdId)
    {
        return usedClOrdIds.contains(clOrdId);
    }

    /** Whether a new client order id fits in today's set (see {@link ClientOrderIds#MAX_WORDS}). */
    public boolean hasRoomForClOrdId(final long clOrdId)
    {
        return usedClOrdIds.hasRoomFor(clOrdId);
    }

    public void orderLive(final long clOrdId, final long orderId)
    {
        liveOrders.put(clOrdId, orderId);
    }

    public void orderGone(final long clOrdId)
    {
        liveOrders.remove(clOrdId);
    }

    public long orderIdFor(final long clOrdId)
    {
        return liveOrders.get(clOrdId);
    }

    public long lastUuid()
    {
        return lastUuid;
    }

    public void lastUuid(final long uuid)
    {
        this.lastUuid = uuid;
    }

    /** The budget for new session instances (see {@link #NEGOTIATIONS_PER_SECOND}). */
    Throttle negotiations()
    {
        return negotiations;
    }
}
