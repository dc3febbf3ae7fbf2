package io.bourse.exchange.fixbench;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** How the figures are written: microseconds for people, and one JSON object as the last line for scripts. */
final class Report
{
    private final StringBuilder json = new StringBuilder("{");

    static String micros(final long nanos)
    {
        return formatMicros(nanos / 1e3);
    }

    static String formatMicros(final double micros)
    {
        return micros >= 100 ? String.format(Locale.ROOT, "%,.0f", micros) : String.format(Locale.ROOT, "%.1f", micros);
    }

    static double microsValue(final long nanos)
    {
        return Math.round(nanos / 100.0) / 10.0;
    }

    static void printLatency(final String what, final Histogram histogram, final PrintStream out)
    {
        if (histogram.getTotalCount() == 0)
        {
            out.println("  " + what + ": no values");
            return;
        }
        out.println(String.format(Locale.ROOT,
            "  %s (us): p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (n = %,d)", what,
            micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(90)),
            micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
            micros(histogram.getMaxValue()), histogram.getTotalCount()));
    }

    /** Adds a field: null, a number (a double with two decimals), a boolean, a list of these, or else a string. */
    Report field(final String name, final Object value)
    {
        if (json.length() > 1)
        {
            json.append(", ");
        }
        json.append('"').append(name).append("\": ");
        appendValue(value);
        return this;
    }

    private void appendValue(final Object value)
    {
        if (value == null)
        {
            json.append("null");
        }
        else if (value instanceof Double number)
        {
            json.append(Double.isFinite(number) ? String.format(Locale.ROOT, "%.2f", number) : "null");
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            json.append(value);
        }
        else if (value instanceof List<?> values)
        {
            json.append('[');
            for (int i = 0; i < values.size(); i++)
            {
                if (i > 0)
                {
                    json.append(", ");
                }
                appendValue(values.get(i));
            }
            json.append(']');
        }
        else
        {
            json.append('"').append(value.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
    }

    String json()
    {
        return json + "}";
    }
}
