package io.bourse.exchange.fix;

import io.bourse.fix42.FixDictionaryImpl;
import uk.co.real_logic.artio.decoder.SessionHeaderDecoder;

/**
 * The FIX 4.2 dictionary Artio's session layer runs with: the generated one, except that the header decoder it
 * hands out also finds a SendingTime placed after the body ({@link LateSendingTimeHeaderDecoder}). Artio creates it
 * by name, so it is public with a public no-argument constructor.
 */
public final class VenueFixDictionary extends FixDictionaryImpl
{
    @Override
    public SessionHeaderDecoder makeHeaderDecoder()
    {
        return new LateSendingTimeHeaderDecoder();
    }
}
