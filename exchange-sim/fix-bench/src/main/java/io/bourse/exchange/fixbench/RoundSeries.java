package io.bourse.exchange.fixbench;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The figures of several rounds, each the floor and then the exchange under the same load, and their medians.
 *
 * <p>Why rounds: on these shared machines one run's p99 moves by a factor of several from run to run, for the floor
 * and the exchange alike, so one ratio says little. Each round's ratio pairs two runs taken minutes apart; the median
 * of those ratios is the figure to quote, with every round's figures beside it.
 */
final class RoundSeries
{
    /**
     * One round; a figure is null when its venue was not run or measured nothing. Latencies in µs.
     *
     * @param p50Ratio exchange p50 over floor p50, from the histograms' values (not the rounded µs)
     * @param p99Ratio exchange p99 over floor p99, likewise
     */
    record Round(
        Double floorP50,
        Double floorP99,
        Double floorP999,
        Double p50,
        Double p99,
        Double p999,
        Double p50Ratio,
        Double p99Ratio,
        Long ordersPerSecond,
        Long floorOrdersPerSecond,
        Long measuredOrders)
    {
        static Round of(final LoadRunner.Outcome exchange, final LoadRunner.Outcome floor)
        {
            final Histogram venue = hasFigures(exchange) ? exchange.latency() : null;
            final Histogram base = hasFigures(floor) ? floor.latency() : null;
            return new Round(
                micros(base, 50), micros(base, 99), micros(base, 99.9),
                micros(venue, 50), micros(venue, 99), micros(venue, 99.9),
                ratio(venue, base, 50), ratio(venue, base, 99),
                venue == null ? null : Math.round(exchange.result().ordersPerSecond()),
                base == null ? null : Math.round(floor.result().ordersPerSecond()),
                venue == null ? null : exchange.result().measuredAcked());
        }

        private static boolean hasFigures(final LoadRunner.Outcome outcome)
        {
            return outcome != null && outcome.result() != null && outcome.latency().getTotalCount() > 0;
        }

        private static Double micros(final Histogram histogram, final double percentile)
        {
            return histogram == null ? null : Report.microsValue(histogram.getValueAtPercentile(percentile));
        }

        private static Double ratio(final Histogram venue, final Histogram base, final double percentile)
        {
            return venue == null || base == null ? null :
                (double)venue.getValueAtPercentile(percentile) / base.getValueAtPercentile(percentile);
        }
    }

    private final List<Round> rounds = new ArrayList<>();

    void add(final Round round)
    {
        rounds.add(round);
    }

    int size()
    {
        return rounds.size();
    }

    /** The round added last (the series is never empty once the benchmark has run a round). */
    Round last()
    {
        return rounds.get(rounds.size() - 1);
    }

    /** The median of one figure over the rounds that have it (the mean of the middle two when even); else null. */
    <T extends Number> Double median(final Function<Round, T> figure)
    {
        final double[] values = rounds.stream().map(figure).filter(Objects::nonNull)
            .mapToDouble(Number::doubleValue).sorted().toArray();
        if (values.length == 0)
        {
            return null;
        }
        final int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** Each round's figures, one line each, then their medians. */
    void print(final PrintStream out)
    {
        out.println(String.format(Locale.ROOT, "%-8s %11s %11s %11s %11s %9s %9s %12s",
            "round", "floor p50", "floor p99", "exch. p50", "exch. p99", "p50 x", "p99 x", "exch. ord/s"));
        for (int i = 0; i < rounds.size(); i++)
        {
            final Round round = rounds.get(i);
            out.println(line(String.valueOf(i + 1), round.floorP50(), round.floorP99(), round.p50(), round.p99(),
                round.p50Ratio(), round.p99Ratio(), round.ordersPerSecond()));
        }
        out.println(line("median", median(Round::floorP50), median(Round::floorP99), median(Round::p50),
            median(Round::p99), median(Round::p50Ratio), median(Round::p99Ratio), median(Round::ordersPerSecond)));
    }

    /** The JSON fields of the medians, under the names a single run uses, and every round's ratios. */
    void addTo(final Report json)
    {
        json.field("orders_per_sec", rounded(median(Round::ordersPerSecond)))
            .field("ack_p50_us", median(Round::p50))
            .field("ack_p99_us", median(Round::p99))
            .field("ack_p999_us", median(Round::p999))
            .field("floor_ack_p50_us", median(Round::floorP50))
            .field("floor_ack_p99_us", median(Round::floorP99))
            .field("p50_ratio", median(Round::p50Ratio))
            .field("p99_ratio", median(Round::p99Ratio))
            .field("floor_orders_per_sec", rounded(median(Round::floorOrdersPerSecond)))
            .field("floor_ack_p999_us", median(Round::floorP999));
        if (rounds.size() > 1)
        {
            json.field("runs", rounds.size())
                .field("p50_ratios", rounds.stream().map(Round::p50Ratio).toList())
                .field("p99_ratios", rounds.stream().map(Round::p99Ratio).toList());
        }
    }

    private static Long rounded(final Double value)
    {
        return value == null ? null : Math.round(value);
    }

    private static String line(final String label, final Double floorP50, final Double floorP99, final Double p50,
        final Double p99, final Double p50Ratio, final Double p99Ratio, final Number ordersPerSecond)
    {
        return String.format(Locale.ROOT, "%-8s %11s %11s %11s %11s %9s %9s %12s", label,
            us(floorP50), us(floorP99), us(p50), us(p99), times(p50Ratio), times(p99Ratio),
            ordersPerSecond == null ? "-" : String.format(Locale.ROOT, "%,.0f", ordersPerSecond.doubleValue()));
    }

    private static String us(final Double micros)
    {
        return micros == null ? "-" : Report.formatMicros(micros);
    }

    private static String times(final Double ratio)
    {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
