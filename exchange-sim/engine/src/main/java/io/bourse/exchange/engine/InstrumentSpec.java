package io.bourse.exchange.engine;

import io.bourse.codecs.types.Price;

/**
 * Static description of a tradable instrument. Prices are scaled longs ({@link Price}); bands are in basis
 * points of the reference price (static band, also the market-order collar) or of the last trade price
 * (dynamic band, breached = volatility halt).
 */
public record InstrumentSpec(
    int id,
    String symbol,
    long tickSize,
    long lotSize,
    long referencePrice,
    int staticBandBps,
    int dynamicBandBps)
{
    public InstrumentSpec
    {
        if (id <= 0)
        {
            throw new IllegalArgumentException("instrument id must be positive: " + id);
        }
        if (symbol == null || symbol.isBlank())
        {
            throw new IllegalArgumentException("instrument " + id + " has no symbol");
        }
        if (tickSize <= 0)
        {
            throw new IllegalArgumentException(symbol + ": tick size must be positive: " + tickSize);
        }
        if (lotSize <= 0)
        {
            throw new IllegalArgumentException(symbol + ": lot size must be positive: " + lotSize);
        }
        if (referencePrice <= 0 || referencePrice % tickSize != 0)
        {
            throw new IllegalArgumentException(symbol + ": reference price must be a positive multiple of the tick: " +
                Price.toString(referencePrice));
        }
        if (staticBandBps <= 0 || dynamicBandBps <= 0)
        {
            throw new IllegalArgumentException(symbol + ": price bands must be positive basis points");
        }
    }
}
