package io.bourse.exchange.fix;

import io.bourse.codecs.types.Price;
import uk.co.real_logic.artio.fields.ReadOnlyDecimalFloat;

/** Conversions between FIX decimal fields and the engine's scaled longs, exact or refused. */
final class FixValues
{
    /** Returned for a value that has no exact scaled form (too many decimals, out of range, not a number). */
    static final long INVALID = Long.MIN_VALUE + 1;

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    private FixValues()
    {
    }

    /** A price as the engine's scaled long, or {@link #INVALID} when it has more than four decimals. */
    static long scaledPrice(final ReadOnlyDecimalFloat value)
    {
        return rescale(value.value(), value.scale(), Price.DECIMALS);
    }

    /** A quantity as a whole number, or {@link #INVALID} when it has a fractional part. */
    static long wholeQuantity(final ReadOnlyDecimalFloat value)
    {
        return rescale(value.value(), value.scale(), 0);
    }

    private static long rescale(final long mantissa, final int scale, final int targetScale)
    {
        if (scale < 0 || scale >= POWERS_OF_TEN.length)
        {
            return INVALID;
        }
        if (scale <= targetScale)
        {
            final long factor = POWERS_OF_TEN[targetScale - scale];
            final long scaled = mantissa * factor;
            return factor != 0 && scaled / factor == mantissa ? scaled : INVALID;
        }
        final long divisor = POWERS_OF_TEN[scale - targetScale];
        return mantissa % divisor == 0 ? mantissa / divisor : INVALID;
    }
}
