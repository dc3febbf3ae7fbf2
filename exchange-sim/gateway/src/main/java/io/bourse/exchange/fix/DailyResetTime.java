package io.bourse.exchange.fix;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;

/**
 * A session's end of FIX day: a time of day in a time zone, once per calendar day of that zone. Times are epoch
 * nanoseconds, as the venue's clock gives them.
 *
 * <p>Across a daylight-saving change the local time is kept: a time the clock skips (02:30 when 02:00 jumps to 03:00)
 * falls that day as much later as the skip (03:30), and a time the clock passes twice counts once, the first time.
 */
public record DailyResetTime(LocalTime timeOfDay, ZoneId zone)
{
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** The first reset strictly after {@code epochNanos}: the one a venue running at that time has still to do. */
    public long nextAfter(final long epochNanos)
    {
        final Instant now = instant(epochNanos);
        final LocalDate today = LocalDate.ofInstant(now, zone);
        final Instant todays = on(today);
        return epochNanos(todays.isAfter(now) ? todays : on(today.plusDays(1)));
    }

    /** The last reset at or before {@code epochNanos}: the one a venue starting at that time should have done. */
    public long latestAtOrBefore(final long epochNanos)
    {
        final Instant now = instant(epochNanos);
        final LocalDate today = LocalDate.ofInstant(now, zone);
        final Instant todays = on(today);
        return epochNanos(todays.isAfter(now) ? on(today.minusDays(1)) : todays);
    }

    private Instant on(final LocalDate date)
    {
        return ZonedDateTime.of(date, timeOfDay, zone).toInstant();
    }

    private static Instant instant(final long epochNanos)
    {
        return Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    private static long epochNanos(final Instant instant)
    {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }

    @Override
    public String toString()
    {
        return timeOfDay + " " + zone;
    }
}
