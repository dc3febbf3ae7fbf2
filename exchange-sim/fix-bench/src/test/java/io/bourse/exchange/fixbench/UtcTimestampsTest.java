package io.bourse.exchange.fixbench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UtcTimestampsTest
{
    private static final DateTimeFormatter FIX_FORMAT =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Test
    void agreesWithJavaTimeOnCalendarEdgesAndRandomInstants()
    {
        final UtcTimestamps timestamps = new UtcTimestamps();
        final long[] edges = {
            0L, 999L, 1_000L, 951_782_400_000L /* 2000-02-29 */, 951_868_799_999L, 1_798_761_599_999L,
            1_798_761_600_000L /* 2027-01-01 */, 4_107_542_400_000L /* 2100-03-01 */, 253_402_300_799_999L};
        for (final long epochMillis : edges)
        {
            assertFormat(timestamps, epochMillis);
        }
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++)
        {
            assertFormat(timestamps, random.nextLong(0, 253_402_300_800_000L));
        }
        // The same second again, and the next millisecond: the cached date must not go stale.
        assertFormat(timestamps, 1_795_334_340_710L);
        assertFormat(timestamps, 1_795_334_340_711L);
        assertFormat(timestamps, 1_795_334_341_000L);
    }

    private static void assertFormat(final UtcTimestamps timestamps, final long epochMillis)
    {
        final byte[] text = new byte[UtcTimestamps.LENGTH + 2];
        assertEquals(UtcTimestamps.LENGTH + 1, timestamps.put(text, 1, epochMillis));
        assertEquals(FIX_FORMAT.format(Instant.ofEpochMilli(epochMillis)),
            new String(text, 1, UtcTimestamps.LENGTH, StandardCharsets.US_ASCII), "epoch millis " + epochMillis);
    }
}
