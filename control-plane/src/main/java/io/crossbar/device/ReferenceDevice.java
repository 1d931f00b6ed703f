package io.crossbar.device;

import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.EventSink;
import io.crossbar.engine.ReferenceEngine;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * The reference engine behind the device interface: each offered command is processed at once
 * and its events wait in a buffer until polled. Back-pressure once {@value #MAX_BUFFERED_EVENTS}
 * events are waiting. Its state can be inspected ({@link #engine()}), which no card allows.
 */
public final class ReferenceDevice extends AbstractDevice
{
    static final int MAX_BUFFERED_EVENTS = 1 << 16;

    private final ReferenceEngine engine;
    private final DeviceInfo info;
    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(DeviceLayout.RECORD_LENGTH * 1024);
    private final EventSink capture = new EventSink()
    {
        public void onEvent(final DirectBuffer buffer, final int offset)
        {
            capture(buffer, offset, 1);
        }

        public void onEvents(final DirectBuffer buffer, final int offset, final int count)
        {
            capture(buffer, offset, count); // a command's records in one copy
        }
    };
    private int head;
    private int tail;

    public ReferenceDevice(final EngineConfig config)
    {
        super(1);
        this.engine = new ReferenceEngine(config);
        this.info = new DeviceInfo("reference", (DeviceLayout.ABI_MAJOR << 16) | DeviceLayout.ABI_MINOR, 0,
            config.instruments(), config.levelsPerSide(), config.orderSlots(), config.accounts(),
            1, MAX_BUFFERED_EVENTS);
    }

    public ReferenceEngine engine()
    {
        return engine;
    }

    public String name()
    {
        return "reference";
    }

    public DeviceInfo info()
    {
        return info;
    }

    public boolean offer(final DirectBuffer record, final int offset)
    {
        checkSequence(record, offset);
        if (tail - head >= MAX_BUFFERED_EVENTS)
        {
            return false;
        }
        engine.process(record, offset, capture);
        offered();
        return true;
    }

    public int poll(final EventSink sink, final int limit)
    {
        int count = 0;
        while (count < limit && head < tail)
        {
            final int at = head * DeviceLayout.RECORD_LENGTH;
            sink.onEvent(events, at);
            delivered(events, at);
            head++;
            count++;
        }
        if (head == tail)
        {
            head = 0;
            tail = 0;
        }
        return count;
    }

    public DeviceHealth health()
    {
        return DeviceHealth.OK;
    }

    public void close()
    {
    }

    private void capture(final DirectBuffer buffer, final int offset, final int count)
    {
        events.putBytes(tail * DeviceLayout.RECORD_LENGTH, buffer, offset, count * DeviceLayout.RECORD_LENGTH);
        tail += count;
    }
}
