package io.crossbar.device;

import io.crossbar.engine.EngineConfig;

/**
 * What a device is: its identity and capacities, read from the register window (or known, for
 * the in-process devices). The capacities are the RTL's parameters, so {@link #engineConfig()}
 * gives the reference engine that runs out of room at exactly the same commands.
 *
 * @param name             the device's name, as {@link Devices#open} knows it.
 * @param abiVersion       major &lt;&lt; 16 | minor.
 * @param buildId          hash of the RTL sources and parameters; 0 for the reference engine.
 * @param instruments      instruments, ids 0 .. n-1.
 * @param levelsPerSide    price levels per side (the price window in ticks).
 * @param orderSlots       resting-order slots.
 * @param accounts         accounts, ids 0 .. n-1.
 * @param commandRingSlots commands that can be outstanding before {@link Device#offer} says no.
 * @param eventRingSlots   events the device can hold before it waits for the host.
 */
public record DeviceInfo(
    String name,
    long abiVersion,
    long buildId,
    int instruments,
    int levelsPerSide,
    int orderSlots,
    int accounts,
    int commandRingSlots,
    int eventRingSlots)
{
    /** The reference engine configuration with this device's capacities. */
    public EngineConfig engineConfig()
    {
        return new EngineConfig().instruments(instruments).levelsPerSide(levelsPerSide)
            .orderSlots(orderSlots).accounts(accounts);
    }

    /** Whether the capacities equal the given configuration's. */
    public boolean matches(final EngineConfig config)
    {
        return instruments == config.instruments() && levelsPerSide == config.levelsPerSide() &&
            orderSlots == config.orderSlots() && accounts == config.accounts();
    }

    public String toString()
    {
        return String.format(
            "%s: ABI %d.%d, build %016x, %d instruments, %d levels/side, %d order slots, %d accounts, rings %d/%d",
            name, abiVersion >>> 16, abiVersion & 0xFFFF, buildId, instruments, levelsPerSide, orderSlots, accounts,
            commandRingSlots, eventRingSlots);
    }
}
