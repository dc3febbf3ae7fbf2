package io.bourse.exchange.fix;

/** Text(58) of session-level Rejects, by the codec's reject reason (FIX 4.2 codes 0-11, then Artio's later ones). */
final class SessionRejectTexts
{
    private static final String[] TEXTS = {
        "invalid tag number",                                   // 0
        "required tag missing",                                 // 1
        "tag not defined for this message type",                // 2
        "undefined tag",                                        // 3
        "tag specified without a value",                        // 4
        "value is incorrect (out of range) for this tag",       // 5
        "incorrect data format for value",                      // 6
        "decryption problem",                                   // 7
        "signature problem",                                    // 8
        "CompID problem",                                       // 9
        "SendingTime accuracy problem",                         // 10
        "invalid MsgType",                                      // 11
        "XML validation error",                                 // 12 (FIX 4.3)
        "tag appears more than once",                           // 13 (FIX 4.3)
        "tag specified out of required order",                  // 14 (FIX 4.3)
        "repeating group fields out of order",                  // 15 (FIX 4.3)
        "incorrect NumInGroup count for repeating group",       // 16 (FIX 4.3)
    };

    private SessionRejectTexts()
    {
    }

    static String of(final int reason)
    {
        return reason >= 0 && reason < TEXTS.length ? TEXTS[reason] : "invalid message";
    }
}
