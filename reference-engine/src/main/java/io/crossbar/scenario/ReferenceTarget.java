package io.crossbar.scenario;

import io.crossbar.engine.EngineConfig;
import io.crossbar.engine.EventSink;
import io.crossbar.engine.ReferenceEngine;
import io.crossbar.engine.StateView;
import org.agrona.DirectBuffer;

/**
 * The reference engine as a scenario target.
 */
public final class ReferenceTarget implements ScenarioRunner.Target
{
    private final ReferenceEngine engine;

    public ReferenceTarget(final EngineConfig config)
    {
        this.engine = new ReferenceEngine(config);
    }

    public String name()
    {
        return "reference";
    }

    public void process(final DirectBuffer buffer, final int offset, final EventSink sink)
    {
        engine.process(buffer, offset, sink);
    }

    public StateView state()
    {
        return engine;
    }

    public ReferenceEngine engine()
    {
        return engine;
    }
}
