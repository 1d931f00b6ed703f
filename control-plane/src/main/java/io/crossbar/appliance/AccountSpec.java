package io.crossbar.appliance;

/**
 * A card account opened at start-up with its credit (collateral units, 10^-6 of the settlement token).
 */
public record AccountSpec(int id, long credit)
{
}
