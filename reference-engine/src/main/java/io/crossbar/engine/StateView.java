package io.crossbar.engine;

import io.crossbar.sbe.device.Side;

/**
 * Read-only view of a matching engine's state, for scenario checks, properties and operators.
 * Not for the hot path.
 */
public interface StateView
{
    /** The engine's capacities: the ids it has records for (accounts, instruments) lie below them. */
    EngineConfig config();

    long position(int account, int instrument);

    long reserved(int account);

    long credit(int account);

    long openQuantity(int account, int instrument, Side side);

    /** Best price of a side, or 0 when the side is empty. */
    long bestPrice(int instrument, Side side);

    void forEachLevel(int instrument, Side side, ReferenceEngine.LevelVisitor visitor);

    void forEachOrder(int instrument, Side side, OrderVisitor visitor);

    int liveOrders();

    long stateHash();
}
