package io.crossbar.client.samples;

import io.crossbar.client.OrderEntryClient;
import io.crossbar.client.OrderEntryListener;
import io.crossbar.sbe.orderentry.TerminateDecoder;

/**
 * What every sample trader has: one order-entry session that reports to the trader itself, its
 * statistics, and why the gateway ended the session if it did. Client order ids carry the
 * trader's session number in their top 16 bits ({@link #idBase()}), so every trader's ids are
 * its own and a report finds its trader without a map.
 */
abstract class SampleTrader implements OrderEntryListener
{
    protected final OrderEntryClient client;
    protected final TraderStats stats = new TraderStats();
    protected final long idBase;
    private String terminatedBy;

    SampleTrader(final OrderEntryClient.Context clientContext, final int session)
    {
        this.client = new OrderEntryClient(clientContext, this);
        this.idBase = (long)session << 48;
    }

    /** Negotiate and establish the session, waiting at most {@code timeoutNs}. */
    public boolean connect(final long timeoutNs)
    {
        return client.connect(timeoutNs);
    }

    /** End the session (with cancel-on-terminate the gateway cancels its resting orders). */
    public void terminate()
    {
        client.terminate();
    }

    public void close()
    {
        client.close();
    }

    public OrderEntryClient client()
    {
        return client;
    }

    public TraderStats stats()
    {
        return stats;
    }

    /** Client order ids of this trader are {@code idBase() | (anything below bit 48)}. */
    protected long idBase()
    {
        return idBase;
    }

    /** Why the gateway ended the session (code and text), or null while it has not. */
    public String terminatedBy()
    {
        return terminatedBy;
    }

    public void onTerminate(final TerminateDecoder terminate)
    {
        terminatedBy = terminate.code() + " " + terminate.text();
    }
}
