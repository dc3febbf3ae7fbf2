package io.bourse.exchange.fix;

import io.bourse.exchange.app.ExchangeConfig;
import uk.co.real_logic.artio.session.Session;

import java.util.List;

/**
 * The configured sessions, by the id the engine knows them by, with the Artio {@link Session} the library holds for
 * each. A session that disconnected keeps its Session object: messages sent to it while offline are archived with
 * their sequence numbers and reach the counterparty when it asks for a resend after logging on again.
 */
final class SessionRegistry
{
    private final ExchangeConfig.SessionConfig[] configById;
    private final Session[] sessionById;
    private final ExchangeConfig config;

    SessionRegistry(final ExchangeConfig config)
    {
        this.config = config;
        int maxId = 0;
        for (final ExchangeConfig.SessionConfig session : config.sessions())
        {
            maxId = Math.max(maxId, session.id());
        }
        configById = new ExchangeConfig.SessionConfig[maxId + 1];
        sessionById = new Session[maxId + 1];
        for (final ExchangeConfig.SessionConfig session : config.sessions())
        {
            configById[session.id()] = session;
        }
    }

    /** @return the configuration of the session logging on with this CompID, or null. */
    ExchangeConfig.SessionConfig configFor(final CharSequence compId)
    {
        return config.sessionByCompId(compId);
    }

    ExchangeConfig.SessionConfig config(final int sessionId)
    {
        return sessionId > 0 && sessionId < configById.length ? configById[sessionId] : null;
    }

    void attach(final int sessionId, final Session session)
    {
        sessionById[sessionId] = session;
    }

    /** @return the Artio session (online or offline) for an engine session id, or null if never seen. */
    Session session(final int sessionId)
    {
        return sessionId > 0 && sessionId < sessionById.length ? sessionById[sessionId] : null;
    }

    List<ExchangeConfig.SessionConfig> all()
    {
        return config.sessions();
    }
}
