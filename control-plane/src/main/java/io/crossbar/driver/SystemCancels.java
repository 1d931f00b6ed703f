package io.crossbar.driver;

/**
 * Cancels the appliance owes a session's orders (cancel on disconnect or terminate), in the order
 * they were owed, until the journal has taken them: a FIFO of the fields a cancel needs, in
 * parallel arrays that grow when a burst outgrows them and are otherwise reused.
 */
final class SystemCancels
{
    long[] orderId = new long[64];
    long[] uuid = new long[64];
    long[] firmId = new long[64];
    long[] clOrdId = new long[64];
    int[] account = new int[64];
    int[] instrument = new int[64];
    private int head;
    private int size;
    private long added;

    void add(final long orderId, final long uuid, final long firmId, final long clOrdId, final int account, final int instrument)
    {
        if (size == this.orderId.length)
        {
            grow();
        }
        final int i = (head + size) % this.orderId.length;
        this.orderId[i] = orderId;
        this.uuid[i] = uuid;
        this.firmId[i] = firmId;
        this.clOrdId[i] = clOrdId;
        this.account[i] = account;
        this.instrument[i] = instrument;
        size++;
        added++;
    }

    /** Entries ever added. */
    long added()
    {
        return added;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    int size()
    {
        return size;
    }

    /** The index of the oldest entry; valid while not empty. */
    int head()
    {
        return head;
    }

    void removeHead()
    {
        head = (head + 1) % orderId.length;
        size--;
    }

    /** Twice the room, the entries moved to the front in order. */
    private void grow()
    {
        final int capacity = orderId.length * 2;
        orderId = unwrap(orderId, capacity);
        uuid = unwrap(uuid, capacity);
        firmId = unwrap(firmId, capacity);
        clOrdId = unwrap(clOrdId, capacity);
        account = unwrap(account, capacity);
        instrument = unwrap(instrument, capacity);
        head = 0;
    }

    private long[] unwrap(final long[] values, final int capacity)
    {
        final long[] grown = new long[capacity];
        for (int k = 0; k < size; k++)
        {
            grown[k] = values[(head + k) % values.length];
        }
        return grown;
    }

    private int[] unwrap(final int[] values, final int capacity)
    {
        final int[] grown = new int[capacity];
        for (int k = 0; k < size; k++)
        {
            grown[k] = values[(head + k) % values.length];
        }
        return grown;
    }
}
