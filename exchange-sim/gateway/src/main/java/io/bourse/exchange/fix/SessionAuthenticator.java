package io.bourse.exchange.fix;

import io.bourse.exchange.app.ExchangeConfig;
import io.bourse.fix42.builder.LogoutEncoder;
import io.bourse.fix42.decoder.LogonDecoder;
import uk.co.real_logic.artio.decoder.AbstractLogonDecoder;
import uk.co.real_logic.artio.decoder.SessionHeaderDecoder;
import uk.co.real_logic.artio.validation.AuthenticationProxy;
import uk.co.real_logic.artio.validation.AuthenticationStrategy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Logon authentication by CompID pair and password, on the framer thread. A refused logon gets a Logout whose Text
 * never says which part was wrong (unknown CompID, wrong password, heartbeat interval out of bounds), then the
 * connection closes. Passwords are compared in constant time and never logged.
 */
public final class SessionAuthenticator implements AuthenticationStrategy
{
    static final String REJECT_TEXT = "Logon rejected";
    private static final long LINGER_BEFORE_DISCONNECT_MS = 200;

    private final ExchangeConfig config;

    public SessionAuthenticator(final ExchangeConfig config)
    {
        this.config = config;
    }

    @Override
    public void authenticateAsync(final AbstractLogonDecoder logon, final AuthenticationProxy proxy)
    {
        if (authenticate(logon))
        {
            proxy.accept();
        }
        else
        {
            // A fresh encoder per reject: Artio keeps it until the Logout has been written.
            final LogoutEncoder logout = new LogoutEncoder();
            logout.text(REJECT_TEXT);
            proxy.reject(logout, LINGER_BEFORE_DISCONNECT_MS);
        }
    }

    @Override
    public boolean authenticate(final AbstractLogonDecoder logon)
    {
        final SessionHeaderDecoder header = logon.header();
        if (!config.venueCompId().equals(header.targetCompIDAsString()))
        {
            return false;
        }
        final ExchangeConfig.SessionConfig session = config.sessionByCompId(header.senderCompIDAsString());
        if (session == null)
        {
            return false;
        }
        final int heartBtInt = logon.heartBtInt();
        if (heartBtInt < config.heartbeatMinSeconds() || heartBtInt > config.heartbeatMaxSeconds())
        {
            return false;
        }
        final byte[] offered = offeredPassword(logon);
        return offered != null &&
            MessageDigest.isEqual(offered, session.password().getBytes(StandardCharsets.US_ASCII));
    }

    /** Password(554) if present, else RawData(96) (the FIX 4.2 way), else null. */
    private static byte[] offeredPassword(final AbstractLogonDecoder logon)
    {
        if (logon.hasPassword())
        {
            return new String(logon.password(), 0, logon.passwordLength()).getBytes(StandardCharsets.US_ASCII);
        }
        if (logon instanceof LogonDecoder && ((LogonDecoder)logon).hasRawData())
        {
            final LogonDecoder fix42Logon = (LogonDecoder)logon;
            final byte[] rawData = fix42Logon.rawData();
            final int length = fix42Logon.hasRawDataLength() ? fix42Logon.rawDataLength() : rawData.length;
            final byte[] copy = new byte[Math.min(length, rawData.length)];
            System.arraycopy(rawData, 0, copy, 0, copy.length);
            return copy;
        }
        return null;
    }
}
