package io.crossbar.device;

import io.crossbar.scenario.Scenario;

import java.util.List;

/**
 * {@code check} lines read the engine's state, which only the reference device exposes; on a
 * card the events are all there is. A scenario is run on a card without its checks, and the
 * report says how many were not checkable there.
 */
public final class ScenarioChecks
{
    private ScenarioChecks()
    {
    }

    /** The number of {@code check} lines among the scenario's steps. */
    public static int count(final Scenario scenario)
    {
        return (int)(scenario.setup().stream().filter(Scenario.Step::check).count() +
            scenario.steps().stream().filter(Scenario.Step::check).count());
    }

    /** The same scenario with its {@code check} lines left out. */
    public static Scenario withoutChecks(final Scenario scenario)
    {
        return new Scenario(scenario.file(), scenario.title(), scenario.rules(), commandsOnly(scenario.setup()),
            commandsOnly(scenario.steps()));
    }

    private static List<Scenario.Step> commandsOnly(final List<Scenario.Step> steps)
    {
        return steps.stream().filter(step -> !step.check()).toList();
    }
}
