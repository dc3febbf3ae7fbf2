package io.bourse.exchange.demo;

import io.bourse.codecs.types.Price;
import io.bourse.exchange.engine.InstrumentSpec;
import io.bourse.exchange.engine.MatchingEngine;
import io.bourse.exchange.engine.TradingPhase;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Per-instrument counters for the demo's summary lines; fed by {@link DemoEvents}. */
final class MarketStats
{
    private final List<InstrumentSpec> instruments;
    private final long[] trades;
    private final long[] volume;
    private final long[] high;
    private final long[] low;
    long commands;
    long accepted;
    long rejected;
    long cancelled;
    long totalTrades;

    MarketStats(final List<InstrumentSpec> instruments)
    {
        this.instruments = instruments;
        int maxId = 0;
        for (final InstrumentSpec spec : instruments)
        {
            maxId = Math.max(maxId, spec.id());
        }
        trades = new long[maxId + 1];
        volume = new long[maxId + 1];
        high = new long[maxId + 1];
        low = new long[maxId + 1];
        java.util.Arrays.fill(high, Long.MIN_VALUE);
        java.util.Arrays.fill(low, Long.MAX_VALUE);
    }

    void onTrade(final int instrumentId, final long price, final long quantity)
    {
        trades[instrumentId]++;
        volume[instrumentId] += quantity;
        high[instrumentId] = Math.max(high[instrumentId], price);
        low[instrumentId] = Math.min(low[instrumentId], price);
        totalTrades++;
    }

    void print(final PrintStream out, final MatchingEngine engine, final double elapsedSeconds, final long commandsPerSecond)
    {
        out.printf("t=%5.1fs  %,9d commands (%,7d/s)  accepted %,9d  rejected %,6d  cancelled %,9d  trades %,9d  live %,7d%n",
            elapsedSeconds, commands, commandsPerSecond, accepted, rejected, cancelled, totalTrades,
            engine.liveOrderCount());
        for (final InstrumentSpec spec : instruments)
        {
            final int id = spec.id();
            final TradingPhase phase = engine.phase(id);
            out.printf("    %-6s %-16s bid %10s  ask %10s  last %10s  high %10s  low %10s  trades %,8d  volume %,11d%n",
                spec.symbol(), phase + (engine.isHalted(id) ? " HALTED" : ""),
                price(spec, engine.bestBid(id)), price(spec, engine.bestAsk(id)),
                price(spec, engine.lastTradePrice(id)),
                price(spec, high[id] == Long.MIN_VALUE ? Price.NONE : high[id]),
                price(spec, low[id] == Long.MAX_VALUE ? Price.NONE : low[id]), trades[id], volume[id]);
        }
    }

    /** As many decimals as the instrument's tick has, so a column of prices lines up. */
    private static String price(final InstrumentSpec spec, final long price)
    {
        if (price == Price.NONE)
        {
            return "-";
        }
        final int decimals = Math.max(0, BigDecimal.valueOf(spec.tickSize(), Price.DECIMALS).stripTrailingZeros().scale());
        return BigDecimal.valueOf(price, Price.DECIMALS).setScale(Math.max(2, decimals), RoundingMode.UNNECESSARY)
            .toPlainString();
    }
}
