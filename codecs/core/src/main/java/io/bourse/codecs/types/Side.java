package io.bourse.codecs.types;

/** Order side. The code is the FIX 4.2 Side(54) value. */
public enum Side
{
    BUY('1'),
    SELL('2');

    private static final Side[] VALUES = values();

    private final char fixCode;

    Side(final char fixCode)
    {
        this.fixCode = fixCode;
    }

    public char fixCode()
    {
        return fixCode;
    }

    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }

    public static Side fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** @return the side for a FIX Side(54) value, or null when the venue does not support it. */
    public static Side fromFix(final char code)
    {
        switch (code)
        {
            case '1': return BUY;
            case '2': return SELL;
            default: return null;
        }
    }
}
