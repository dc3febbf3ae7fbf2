package io.bourse.codecs.types;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point prices: every price inside Bourse is a {@code long} holding the price times {@link #SCALE}
 * (four implied decimal places, so 100.25 is 1_002_500). The SBE feed carries the same mantissa with the
 * constant exponent {@link #EXPONENT}, so no conversion happens between engine and wire.
 */
public final class Price
{
    public static final int DECIMALS = 4;
    public static final int EXPONENT = -DECIMALS;
    public static final long SCALE = 10_000L;
    /** A value no real price takes, used where a price is absent (a market order's limit, for instance). */
    public static final long NONE = Long.MIN_VALUE;

    private Price()
    {
    }

    /** Parses a decimal string such as "100.25"; rejects more than {@link #DECIMALS} decimal places. */
    public static long parse(final CharSequence text)
    {
        final BigDecimal value = new BigDecimal(text.toString());
        try
        {
            return value.movePointRight(DECIMALS).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("price has more than " + DECIMALS + " decimal places or is too large: " + text, ex);
        }
    }

    public static long fromDouble(final double value)
    {
        return Math.round(value * SCALE);
    }

    public static double toDouble(final long scaled)
    {
        return (double)scaled / SCALE;
    }

    /** Renders without trailing zeros beyond two decimals: 1_002_500 -> "100.25", 1_000_000 -> "100.00". */
    public static String toString(final long scaled)
    {
        if (scaled == NONE)
        {
            return "NONE";
        }
        BigDecimal value = BigDecimal.valueOf(scaled, DECIMALS).stripTrailingZeros();
        if (value.scale() < 2)
        {
            value = value.setScale(2, RoundingMode.UNNECESSARY);
        }
        return value.toPlainString();
    }
}
