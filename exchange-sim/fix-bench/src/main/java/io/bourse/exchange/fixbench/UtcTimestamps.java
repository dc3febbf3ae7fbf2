package io.bourse.exchange.fixbench;

/**
 * Writes UTC timestamps the way FIX 4.2 spells them, {@code yyyyMMdd-HH:mm:ss.SSS}, without allocating: the date
 * and time of day are worked out again only when the second changes, the milliseconds every time. One instance per
 * thread.
 */
final class UtcTimestamps
{
    static final int LENGTH = 21;

    private static final int SECOND_TEXT_LENGTH = 17;
    private static final long MILLIS_PER_SECOND = 1_000;
    private static final long SECONDS_PER_DAY = 86_400;

    private final byte[] secondText = new byte[SECOND_TEXT_LENGTH];
    private long cachedSecond = Long.MIN_VALUE;

    /** Writes the timestamp of {@code epochMillis} at {@code offset}; returns the offset after it. */
    int put(final byte[] destination, final int offset, final long epochMillis)
    {
        final long second = Math.floorDiv(epochMillis, MILLIS_PER_SECOND);
        if (second != cachedSecond)
        {
            formatSecond(second);
            cachedSecond = second;
        }
        System.arraycopy(secondText, 0, destination, offset, SECOND_TEXT_LENGTH);
        final int millis = (int)Math.floorMod(epochMillis, MILLIS_PER_SECOND);
        destination[offset + 17] = '.';
        destination[offset + 18] = (byte)('0' + millis / 100);
        destination[offset + 19] = (byte)('0' + millis / 10 % 10);
        destination[offset + 20] = (byte)('0' + millis % 10);
        return offset + LENGTH;
    }

    private void formatSecond(final long epochSecond)
    {
        final long days = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        final int secondOfDay = (int)Math.floorMod(epochSecond, SECONDS_PER_DAY);
        // Days since 1970-01-01 to a proleptic Gregorian date, after H. Hinnant's "days_from_civil" inverse: shift
        // the epoch to 0000-03-01 so that leap days fall at the end of each 400-year era's years.
        final long shifted = days + 719_468;
        final long era = Math.floorDiv(shifted, 146_097);
        final long dayOfEra = shifted - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long monthFromMarch = (5 * dayOfYear + 2) / 153;
        final int day = (int)(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        final int month = (int)(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        final int year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        putDigits(secondText, 0, year, 4);
        putDigits(secondText, 4, month, 2);
        putDigits(secondText, 6, day, 2);
        secondText[8] = '-';
        putDigits(secondText, 9, secondOfDay / 3_600, 2);
        secondText[11] = ':';
        putDigits(secondText, 12, secondOfDay / 60 % 60, 2);
        secondText[14] = ':';
        putDigits(secondText, 15, secondOfDay % 60, 2);
    }

    private static void putDigits(final byte[] destination, final int offset, final int value, final int width)
    {
        int remaining = value;
        for (int i = offset + width - 1; i >= offset; i--)
        {
            destination[i] = (byte)('0' + remaining % 10);
            remaining /= 10;
        }
    }
}
