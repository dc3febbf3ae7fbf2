package io.bourse.exchange.app;

import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.DynamicCompositeAgent;
import org.agrona.concurrent.IdleStrategy;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.EngineScheduler;
import uk.co.real_logic.artio.engine.RecordingCoordinator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Artio's engine agents (framer, indexer, monitoring, its Aeron client conductor) and, once the FIX library has
 * connected, the venue agent (library + matching engine) as one duty cycle on one thread.
 *
 * <p>Why one thread: an order that crosses framer -> library -> engine -> library -> framer on threads that sleep
 * pays a wake-up (tens of µs on these machines) at each hand-off; on one thread the framer's read, the match and the
 * framer's write follow each other inside consecutive duty cycles. The thread's {@link IdleStrategy} is the other
 * lever (docs/ARCHITECTURE.md, docs/PERFORMANCE.md).
 */
final class VenueThreadScheduler implements EngineScheduler
{
    private static final long AGENT_CHANGE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final IdleStrategy idleStrategy;
    private final Agent afterFramer;
    private DynamicCompositeAgent agents;
    private AgentRunner runner;
    private ErrorHandler errorHandler;
    private Agent framer;

    VenueThreadScheduler(final IdleStrategy idleStrategy, final Agent afterFramer)
    {
        this.idleStrategy = idleStrategy;
        this.afterFramer = afterFramer;
    }

    @Override
    public void launch(
        final EngineConfiguration configuration,
        final ErrorHandler errorHandler,
        final Agent framer,
        final Agent indexingAgent,
        final Agent monitoringAgent,
        final Agent conductorAgent,
        final RecordingCoordinator recordingCoordinator)
    {
        if (runner != null)
        {
            EngineScheduler.fail();
        }
        this.errorHandler = errorHandler;
        this.framer = framer;
        final List<Agent> engineAgents = new ArrayList<>();
        for (final Agent agent : new Agent[] {
            monitoringAgent, framer, afterFramer, indexingAgent, new RecordingCoordinatorCloser(recordingCoordinator), conductorAgent})
        {
            if (agent != null)
            {
                engineAgents.add(agent);
            }
        }
        agents = new DynamicCompositeAgent("bourse-venue", engineAgents);
        runner = new AgentRunner(idleStrategy, errorHandler, null, agents);
        AgentRunner.startOnThread(runner, configuration.threadFactory());
    }

    /** Adds an agent to the running duty cycle, after the engine's agents; returns once it runs there. */
    void add(final Agent agent)
    {
        await(() -> agents.tryAdd(agent), "add " + agent.roleName());
        await(agents::hasAddAgentCompleted, "add " + agent.roleName());
    }

    /** Takes an agent out of the duty cycle; returns once the thread no longer calls it. */
    void remove(final Agent agent)
    {
        await(() -> agents.tryRemove(agent), "remove " + agent.roleName());
        await(agents::hasRemoveAgentCompleted, "remove " + agent.roleName());
    }

    private void await(final java.util.function.BooleanSupplier done, final String what)
    {
        final long deadline = System.nanoTime() + AGENT_CHANGE_TIMEOUT_NANOS;
        while (!done.getAsBoolean())
        {
            if (runner.isClosed() || System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the venue thread did not " + what + " (closed or stuck)");
            }
            Thread.yield();
        }
    }

    @Override
    public void close()
    {
        EngineScheduler.awaitRunnerStart(runner);
        CloseHelper.close(runner);
    }

    /** Artio calls this from threads that wait for the framer (admin commands); as its low-resource scheduler does. */
    @Override
    public int pollFramer()
    {
        if (framer == null)
        {
            return 0;
        }
        try
        {
            return framer.doWork();
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
            return 0;
        }
    }

    @Override
    public void configure(final Aeron.Context aeronContext)
    {
        // The engine's Aeron client conductor runs in the duty cycle instead of on a thread of its own.
        aeronContext.useConductorAgentInvoker(true);
    }

    /** Closes the recording coordinator after the framer and before the Aeron conductor, as Artio requires. */
    private record RecordingCoordinatorCloser(RecordingCoordinator coordinator) implements Agent
    {
        @Override
        public int doWork()
        {
            return 0;
        }

        @Override
        public void onClose()
        {
            coordinator.close();
        }

        @Override
        public String roleName()
        {
            return "recording-coordinator";
        }
    }
}
