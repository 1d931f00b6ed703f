package io.crossbar.device;

import io.crossbar.engine.EventSink;
import org.agrona.DirectBuffer;

/**
 * A matching device: something that takes 64-byte command records and gives back 64-byte event
 * records, as docs/device-abi.md defines them. The reference engine in-process, the simulated
 * card (a process on shared memory, or in-process), and the card on PCIe all look like this, so
 * the same tests and tools run against every one.
 * <p>
 * Commands carry sequence numbers 1, 2, 3, ... without gaps from the device's start: the rings
 * key their slots on them. Every command yields events ending with one COMPLETE record that
 * carries the command's sequence.
 * <p>
 * Not thread-safe: one thread offers and polls.
 */
public interface Device extends AutoCloseable
{
    /** Default time {@link #process(DirectBuffer, int, EventSink)} waits for a command to complete. */
    long DEFAULT_COMMAND_TIMEOUT_NS = 30_000_000_000L;

    /** The name it was opened by: {@code reference}, {@code sim}, {@code sim-inproc}, {@code pcie:...}. */
    String name();

    /** Identity and capacities. */
    DeviceInfo info();

    /**
     * Hand one command record to the device.
     *
     * @return false when the command ring is full (back-pressure: poll, then offer again).
     * @throws IllegalArgumentException when the record's sequence is not the next one.
     */
    boolean offer(DirectBuffer record, int offset);

    /**
     * Deliver up to {@code limit} events that are ready, oldest first. Never waits for the device.
     *
     * @return the number delivered.
     */
    int poll(EventSink sink, int limit);

    /** Commands offered whose COMPLETE record has not been polled yet. */
    int outstanding();

    /**
     * Whether the device is alive and well: a dead harness process, a heartbeat that stopped for
     * longer than allowed, or a FAULT status come back as a fault with its reason. Cheap and
     * non-blocking; call it periodically while waiting.
     */
    DeviceHealth health();

    /**
     * Offer one command and poll until its COMPLETE record, passing every event to the sink.
     * Needs no other command outstanding.
     *
     * @return the number of events, COMPLETE included.
     * @throws DeviceException when the device faults or the command does not complete in time.
     */
    int process(DirectBuffer record, int offset, EventSink sink, long timeoutNs);

    default int process(final DirectBuffer record, final int offset, final EventSink sink)
    {
        return process(record, offset, sink, DEFAULT_COMMAND_TIMEOUT_NS);
    }

    /** Stop the device and release what it holds (processes, mappings, native memory). */
    void close();
}
