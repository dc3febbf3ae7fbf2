package io.bourse.codecs.types;

/** Order type. The code is the FIX 4.2 OrdType(40) value. */
public enum OrdType
{
    MARKET('1'),
    LIMIT('2'),
    STOP('3'),
    STOP_LIMIT('4');

    private static final OrdType[] VALUES = values();

    private final char fixCode;

    OrdType(final char fixCode)
    {
        this.fixCode = fixCode;
    }

    public char fixCode()
    {
        return fixCode;
    }

    /** @return true when the order carries a limit price (Price(44)). */
    public boolean hasLimitPrice()
    {
        return this == LIMIT || this == STOP_LIMIT;
    }

    /** @return true when the order waits for a trigger (StopPx(99)). */
    public boolean isStop()
    {
        return this == STOP || this == STOP_LIMIT;
    }

    public static OrdType fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** @return the type for a FIX OrdType(40) value, or null when the venue does not support it. */
    public static OrdType fromFix(final char code)
    {
        switch (code)
        {
            case '1': return MARKET;
            case '2': return LIMIT;
            case '3': return STOP;
            case '4': return STOP_LIMIT;
            default: return null;
        }
    }
}
