package io.crossbar.device;

/**
 * A device that cannot go on: its process died, it reported FAULT, its heartbeat stopped, a
 * command did not complete in time, or it could not be opened. Thrown by the blocking
 * conveniences ({@link Device#process}, opening); the hot path ({@link Device#offer},
 * {@link Device#poll}) reports back-pressure by return value and leaves fault detection to
 * {@link Device#health()}.
 */
public class DeviceException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public DeviceException(final String message)
    {
        super(message);
    }

    public DeviceException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
