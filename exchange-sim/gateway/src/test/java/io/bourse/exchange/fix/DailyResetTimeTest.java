package io.bourse.exchange.fix;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DailyResetTimeTest
{
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void laterTodayWhenTheTimeHasNotComeYet()
    {
        final DailyResetTime reset = new DailyResetTime(LocalTime.of(22, 0), UTC);

        assertEquals(at("2024-06-10T22:00:00Z"), reset.nextAfter(at("2024-06-10T21:59:59.999999999Z")));
        assertEquals(at("2024-06-09T22:00:00Z"), reset.latestAtOrBefore(at("2024-06-10T21:59:59.999999999Z")));
    }

    @Test
    void tomorrowOnceTheTimeHasCome()
    {
        final DailyResetTime reset = new DailyResetTime(LocalTime.of(22, 0), UTC);

        // At the reset itself the venue does it now, so the next one is tomorrow's.
        assertEquals(at("2024-06-11T22:00:00Z"), reset.nextAfter(at("2024-06-10T22:00:00Z")));
        assertEquals(at("2024-06-10T22:00:00Z"), reset.latestAtOrBefore(at("2024-06-10T22:00:00Z")));
        assertEquals(at("2024-06-11T22:00:00Z"), reset.nextAfter(at("2024-06-10T23:30:00Z")));
    }

    @Test
    void midnightAndTheLastSecondOfTheDay()
    {
        final DailyResetTime midnight = new DailyResetTime(LocalTime.MIDNIGHT, UTC);
        assertEquals(at("2024-12-31T00:00:00Z"), midnight.nextAfter(at("2024-12-30T23:59:59Z")));
        assertEquals(at("2025-01-01T00:00:00Z"), midnight.nextAfter(at("2024-12-31T00:00:00Z")));

        final DailyResetTime lastSecond = new DailyResetTime(LocalTime.of(23, 59, 59), UTC);
        assertEquals(at("2024-12-31T23:59:59Z"), lastSecond.nextAfter(at("2024-12-31T00:00:00Z")));
        assertEquals(at("2024-12-30T23:59:59Z"), lastSecond.latestAtOrBefore(at("2024-12-31T23:59:58Z")));
    }

    @Test
    void theTimeOfDayIsThatOfTheZoneNotUtc()
    {
        // 17:00 in New York is 21:00 UTC in summer (EDT, -4) and 22:00 UTC in winter (EST, -5).
        final DailyResetTime newYork = new DailyResetTime(LocalTime.of(17, 0), NEW_YORK);

        assertEquals(at("2024-07-01T21:00:00Z"), newYork.nextAfter(at("2024-07-01T12:00:00Z")));
        assertEquals(at("2024-01-15T22:00:00Z"), newYork.nextAfter(at("2024-01-15T21:30:00Z")));
        // 23:00 UTC on 1 July is 19:00 in New York: today's reset has passed there.
        assertEquals(at("2024-07-02T21:00:00Z"), newYork.nextAfter(at("2024-07-01T23:00:00Z")));
        // 02:00 UTC on 2 July is still 1 July in New York: the next reset is that evening, not a day later.
        assertEquals(at("2024-07-02T21:00:00Z"), newYork.nextAfter(at("2024-07-02T02:00:00Z")));
        assertEquals(at("2024-07-01T21:00:00Z"), newYork.latestAtOrBefore(at("2024-07-02T02:00:00Z")));
    }

    @Test
    void aDaylightSavingChangeKeepsTheLocalTime()
    {
        final DailyResetTime london = new DailyResetTime(LocalTime.of(22, 0), LONDON);

        // Clocks go forward on 31 March 2024: 22:00 is 22:00 GMT the day before, 21:00 UTC (BST) that day.
        assertEquals(at("2024-03-30T22:00:00Z"), london.nextAfter(at("2024-03-30T12:00:00Z")));
        assertEquals(at("2024-03-31T21:00:00Z"), london.nextAfter(at("2024-03-30T22:00:00Z")));
        // Back on 27 October 2024: 21:00 UTC that day is still BST, the day after 22:00 UTC.
        assertEquals(at("2024-10-27T22:00:00Z"), london.nextAfter(at("2024-10-27T21:30:00Z")));
        assertEquals(at("2024-10-26T21:00:00Z"), london.latestAtOrBefore(at("2024-10-27T21:30:00Z")));
    }

    @Test
    void aTimeTheClockSkipsFallsLaterByTheSkip()
    {
        // 01:30 does not exist in London on 31 March 2024 (01:00 GMT becomes 02:00 BST): it falls at 02:30 BST.
        final DailyResetTime skipped = new DailyResetTime(LocalTime.of(1, 30), LONDON);

        assertEquals(at("2024-03-31T01:30:00Z"), skipped.nextAfter(at("2024-03-30T01:30:00Z")));
        assertEquals(at("2024-04-01T00:30:00Z"), skipped.nextAfter(at("2024-03-31T01:30:00Z")));
    }

    @Test
    void aTimeTheClockPassesTwiceCountsOnce()
    {
        // 01:30 happens twice in London on 27 October 2024: 00:30 UTC (BST) and 01:30 UTC (GMT). Only the first counts.
        final DailyResetTime twice = new DailyResetTime(LocalTime.of(1, 30), LONDON);

        assertEquals(at("2024-10-27T00:30:00Z"), twice.nextAfter(at("2024-10-26T23:00:00Z")));
        assertEquals(at("2024-10-28T01:30:00Z"), twice.nextAfter(at("2024-10-27T00:30:00Z")));
        assertEquals(at("2024-10-27T00:30:00Z"), twice.latestAtOrBefore(at("2024-10-27T01:45:00Z")));
    }

    @Test
    void fractionsOfASecondAreKept()
    {
        final DailyResetTime reset = new DailyResetTime(LocalTime.parse("09:15:30.250"), UTC);

        assertEquals(at("2024-06-10T09:15:30.250Z"), reset.nextAfter(at("2024-06-10T09:15:30.249999999Z")));
        assertEquals(at("2024-06-10T09:15:30.250Z") + TimeUnit.DAYS.toNanos(1),
            reset.nextAfter(at("2024-06-10T09:15:30.250Z")));
    }

    private static long at(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }
}
