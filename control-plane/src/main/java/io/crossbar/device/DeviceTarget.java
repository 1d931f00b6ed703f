package io.crossbar.device;

import io.crossbar.engine.EventSink;
import io.crossbar.engine.StateView;
import io.crossbar.scenario.ScenarioRunner;
import org.agrona.DirectBuffer;

/**
 * A device as a scenario target: each command is processed to its COMPLETE record. Only the
 * reference device can be inspected; for the others {@link #state()} is null, and {@code check}
 * lines have to be left out of the scenario ({@link ScenarioChecks}).
 */
public final class DeviceTarget implements ScenarioRunner.Target
{
    private final Device device;
    private final long timeoutNs;

    public DeviceTarget(final Device device, final long timeoutNs)
    {
        this.device = device;
        this.timeoutNs = timeoutNs;
    }

    public String name()
    {
        return device.name();
    }

    public void process(final DirectBuffer buffer, final int offset, final EventSink sink)
    {
        device.process(buffer, offset, sink, timeoutNs);
    }

    public StateView state()
    {
        return device instanceof ReferenceDevice reference ? reference.engine() : null;
    }

    public Device device()
    {
        return device;
    }
}
