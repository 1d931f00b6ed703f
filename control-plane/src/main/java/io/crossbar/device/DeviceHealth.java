package io.crossbar.device;

/**
 * The answer of {@link Device#health()}: healthy, or the fault with a message a person can act
 * on (which process died and how, which register said FAULT, how long the heartbeat stood
 * still).
 *
 * @param healthy whether the device can take commands.
 * @param problem what is wrong; empty when healthy.
 */
public record DeviceHealth(boolean healthy, String problem)
{
    public static final DeviceHealth OK = new DeviceHealth(true, "");

    public static DeviceHealth fault(final String problem)
    {
        return new DeviceHealth(false, problem);
    }

    public String toString()
    {
        return healthy ? "healthy" : "FAULT: " + problem;
    }
}
