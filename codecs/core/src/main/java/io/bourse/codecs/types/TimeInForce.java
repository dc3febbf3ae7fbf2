package io.bourse.codecs.types;

/** Time in force. The code is the FIX 4.2 TimeInForce(59) value. */
public enum TimeInForce
{
    DAY('0'),
    GTC('1'),
    IOC('3'),
    FOK('4'),
    GTD('6');

    private static final TimeInForce[] VALUES = values();

    private final char fixCode;

    TimeInForce(final char fixCode)
    {
        this.fixCode = fixCode;
    }

    public char fixCode()
    {
        return fixCode;
    }

    /** @return true when no part of the order may rest on the book. */
    public boolean isImmediate()
    {
        return this == IOC || this == FOK;
    }

    public static TimeInForce fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** @return the value for a FIX TimeInForce(59) code, or null when the venue does not support it. */
    public static TimeInForce fromFix(final char code)
    {
        switch (code)
        {
            case '0': return DAY;
            case '1': return GTC;
            case '3': return IOC;
            case '4': return FOK;
            case '6': return GTD;
            default: return null;
        }
    }
}
