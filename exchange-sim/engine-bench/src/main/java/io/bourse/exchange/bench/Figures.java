package io.bourse.exchange.bench;

import java.util.Arrays;
import java.util.Locale;

/** Formatting shared by the benchmark reports: grouped numbers for people, one JSON line for scripts. */
final class Figures
{
    private final StringBuilder json = new StringBuilder("{");

    static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String millions(final double opsPerSecond)
    {
        return String.format(Locale.ROOT, "%.2fM", opsPerSecond / 1e6);
    }

    static long median(final long[] values)
    {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return (sorted.length & 1) == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    Figures field(final String name, final long value)
    {
        return raw(name, Long.toString(value));
    }

    Figures field(final String name, final boolean value)
    {
        return raw(name, Boolean.toString(value));
    }

    private Figures raw(final String name, final String value)
    {
        if (json.length() > 1)
        {
            json.append(", ");
        }
        json.append('"').append(name).append("\": ").append(value);
        return this;
    }

    String json()
    {
        return json + "}";
    }
}
