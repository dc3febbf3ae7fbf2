package io.bourse.exchange.fix;

import io.bourse.exchange.app.ExchangeConfig;
import io.bourse.exchange.config.InstrumentsConfig;
import io.bourse.exchange.engine.InstrumentSpec;
import io.bourse.exchange.engine.MatchingEngine;
import io.bourse.fix42.builder.TestRequestEncoder;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.session.Session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.bourse.exchange.fix.VenueAgent.MAX_OUTBOUND_BACKLOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The venue thread never waits for room on Artio's publication, so what a full publication holds back is queued. The
 * queue stays bounded because the venue stops polling its library (no new order, so no new reports) while the backlog
 * is at its bound, and polls again once the framer has taken enough of it.
 */
class VenueAgentBackPressureTest
{
    /** The queue keeps each message's session; the fake publication never touches it, so none is set up. */
    private static final Session SESSION = (Session)UnsafeApi.allocateInstance(Session.class);

    private final List<String> sent = new ArrayList<>();
    /** How many more messages the fake publication takes before it is full. */
    private int publicationRoom;
    private int messagesCreated;
    private int polls;
    private OutboundQueue outbound;
    private VenueAgent agent;

    @BeforeEach
    void venueWithAPublicationThatCanFill()
    {
        final ExchangeConfig config = ExchangeConfig.load(Path.of("../../config/exchange.yaml"));
        final List<InstrumentSpec> instruments = InstrumentsConfig.load(config.instrumentsFile());
        final SystemEpochNanoClock clock = new SystemEpochNanoClock();
        final SessionRegistry sessions = new SessionRegistry(config);
        final InstrumentDirectory directory = new InstrumentDirectory(instruments);
        outbound = new OutboundQueue(this::trySend);
        final ExecutionReporter reporter = new ExecutionReporter(sessions, directory, outbound);
        agent = new VenueAgent(sessions, new OrderEntry(sessions, directory, reporter, outbound, clock), outbound, clock);
        agent.engine(new MatchingEngine(instruments, reporter));
        agent.libraryPoll(fragmentLimit ->
        {
            polls++;
            return 0;
        });
    }

    @Test
    void libraryIsLeftAloneWhileTheBacklogIsAtItsBound()
    {
        sendWhilePublicationIsFull(MAX_OUTBOUND_BACKLOG - 1);
        agent.doWork();
        assertEquals(1, polls, "below the bound the library is still polled");

        sendWhilePublicationIsFull(1);
        agent.doWork();
        agent.doWork();
        assertEquals(1, polls, "at the bound the library is not polled");
        assertTrue(agent.hasOutboundBacklog());
        assertTrue(sent.isEmpty());

        publicationRoom = Integer.MAX_VALUE;
        assertEquals(MAX_OUTBOUND_BACKLOG, agent.doWork(), "the whole backlog is the duty cycle's work");
        assertEquals(2, polls, "the duty cycle that sends the backlog polls again");
        assertFalse(agent.hasOutboundBacklog());
        assertEquals(MAX_OUTBOUND_BACKLOG, sent.size());
        for (int i = 0; i < sent.size(); i++)
        {
            assertEquals("T" + i, sent.get(i), "held-back messages go out in the order they were sent");
        }
    }

    @Test
    void pollingResumesAsSoonAsTheBacklogIsBelowItsBound()
    {
        sendWhilePublicationIsFull(MAX_OUTBOUND_BACKLOG + 5);
        agent.doWork();
        assertEquals(0, polls);

        publicationRoom = 5;
        agent.doWork();
        assertEquals(0, polls, "back at the bound: still not polled");

        publicationRoom = 1;
        agent.doWork();
        assertEquals(1, polls, "one under the bound: polled");
        assertEquals(List.of("T0", "T1", "T2", "T3", "T4", "T5"), sent);
        assertTrue(agent.hasOutboundBacklog());
    }

    private void sendWhilePublicationIsFull(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final TestRequestEncoder message = new TestRequestEncoder();
            message.testReqID("T" + messagesCreated++);
            outbound.send(SESSION, message);
        }
    }

    private long trySend(final Session session, final Encoder encoder)
    {
        if (publicationRoom <= 0)
        {
            return -1;
        }
        publicationRoom--;
        sent.add(((TestRequestEncoder)encoder).testReqIDAsString());
        return 1;
    }
}
