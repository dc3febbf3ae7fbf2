package io.bourse.exchange.fix;

import io.bourse.exchange.engine.CancelReason;

/** Text(58) of unsolicited cancels, one per engine reason. */
final class CancelTexts
{
    private CancelTexts()
    {
    }

    static String of(final CancelReason reason)
    {
        switch (reason)
        {
            case USER: return "cancelled on request";
            case IOC_REMAINDER: return "unfilled quantity of an immediate order cancelled";
            case FOK: return "fill or kill could not fill completely";
            case MIN_QTY: return "minimum quantity could not be met";
            case SELF_TRADE: return "self-trade prevention";
            case HALT: return "instrument halted";
            case EXPIRY: return "order expired";
            case END_OF_DAY: return "end of day";
            case MASS_CANCEL: return "mass cancel";
            case PRICE_COLLAR: return "market order stopped at the price collar";
            default: throw new IllegalArgumentException("no text for " + reason);
        }
    }
}
