package io.bourse.exchange.fix;

import io.bourse.exchange.app.ExchangeConfig;
import io.bourse.exchange.engine.InstrumentSpec;
import org.agrona.concurrent.EpochNanoClock;

import java.util.List;

/** Wires the FIX order-entry pieces together; the process ({@code Exchange}) adds Artio and the engine. */
public final class FixGateway
{
    private final ExecutionReporter reporter;
    private final OrderEntry orderEntry;
    private final VenueAgent agent;

    public FixGateway(final ExchangeConfig config, final List<InstrumentSpec> instruments, final EpochNanoClock clock)
    {
        final SessionRegistry sessions = new SessionRegistry(config);
        final InstrumentDirectory directory = new InstrumentDirectory(instruments);
        final OutboundQueue outbound = new OutboundQueue();
        reporter = new ExecutionReporter(sessions, directory, outbound);
        orderEntry = new OrderEntry(sessions, directory, reporter, outbound, clock);
        agent = new VenueAgent(sessions, orderEntry, outbound, clock);
    }

    /** The engine's listener: events become ExecutionReports. */
    public ExecutionReporter reporter()
    {
        return reporter;
    }

    public OrderEntry orderEntry()
    {
        return orderEntry;
    }

    public VenueAgent agent()
    {
        return agent;
    }
}
