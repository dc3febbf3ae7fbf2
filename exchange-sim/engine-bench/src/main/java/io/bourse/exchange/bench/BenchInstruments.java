package io.bourse.exchange.bench;

import io.bourse.codecs.types.Price;
import io.bourse.exchange.engine.InstrumentSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The instruments every benchmark trades: ids 1..n, tick 0.01, lot 1, reference 100.00. The bands are 90 % on
 * both sides so that no workload price is refused and no trade halts the book: the benchmark measures matching,
 * not the band checks' refusals.
 */
public final class BenchInstruments
{
    public static final long TICK = Price.SCALE / 100;
    public static final long REFERENCE_PRICE = 100 * Price.SCALE;
    public static final int BAND_BPS = 9_000;

    private BenchInstruments()
    {
    }

    public static List<InstrumentSpec> specs(final int count)
    {
        final List<InstrumentSpec> specs = new ArrayList<>(count);
        for (int id = 1; id <= count; id++)
        {
            specs.add(new InstrumentSpec(id, "BENCH" + id, TICK, 1, REFERENCE_PRICE, BAND_BPS, BAND_BPS));
        }
        return specs;
    }

    /** Workload prices are in ticks of 0.01. */
    public static long ticksToPrice(final long ticks)
    {
        return ticks * TICK;
    }
}
