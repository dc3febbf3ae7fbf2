package io.bourse.exchange.engine;

import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;

/** The engine's live state of one instrument: its book, its stop orders, its phase and its price bands. */
final class Instrument
{
    final int id;
    final InstrumentSpec spec;
    final long tickSize;
    final long lotSize;
    final PriceLevels bids;
    final PriceLevels asks;
    final StopOrders buyStops = new StopOrders(Side.BUY);
    final StopOrders sellStops = new StopOrders(Side.SELL);
    /** Market orders waiting for an uncross in a call phase: ahead of every price level, never displayed. */
    final PriceLevel marketBuys = new PriceLevel();
    final PriceLevel marketSells = new PriceLevel();

    TradingPhase phase = TradingPhase.CONTINUOUS;
    boolean halted;
    long referencePrice;
    long lastTradePrice = Price.NONE;

    /** Static band (limit validation and market collar), recomputed when the reference price changes. */
    long staticLow;
    long staticHigh;
    /** Dynamic band around the last trade (or the reference before the first trade). */
    long dynamicLow;
    long dynamicHigh;

    Instrument(final InstrumentSpec spec, final BookType bookType)
    {
        this.id = spec.id();
        this.spec = spec;
        this.tickSize = spec.tickSize();
        this.lotSize = spec.lotSize();
        if (bookType == BookType.REFERENCE)
        {
            bids = new TreeMapPriceLevels(Side.BUY);
            asks = new TreeMapPriceLevels(Side.SELL);
        }
        else
        {
            bids = new SortedArrayPriceLevels(Side.BUY);
            asks = new SortedArrayPriceLevels(Side.SELL);
        }
        marketBuys.init(id, Side.BUY, Price.NONE);
        marketSells.init(id, Side.SELL, Price.NONE);
        setReferencePrice(spec.referencePrice());
    }

    PriceLevel marketOrders(final Side side)
    {
        return side == Side.BUY ? marketBuys : marketSells;
    }

    PriceLevels levels(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    StopOrders stops(final Side side)
    {
        return side == Side.BUY ? buyStops : sellStops;
    }

    void setReferencePrice(final long price)
    {
        referencePrice = price;
        final long width = bandWidth(price, spec.staticBandBps());
        staticLow = Math.max(tickSize, roundUp(price - width));
        staticHigh = roundDown(price + width);
        updateDynamicBand();
    }

    void setLastTradePrice(final long price)
    {
        lastTradePrice = price;
        updateDynamicBand();
    }

    private void updateDynamicBand()
    {
        final long centre = lastTradePrice == Price.NONE ? referencePrice : lastTradePrice;
        final long width = bandWidth(centre, spec.dynamicBandBps());
        dynamicLow = Math.max(tickSize, roundUp(centre - width));
        dynamicHigh = roundDown(centre + width);
    }

    boolean isTickMultiple(final long price)
    {
        return price % tickSize == 0;
    }

    boolean isWithinStaticBand(final long price)
    {
        return price >= staticLow && price <= staticHigh;
    }

    boolean isWithinDynamicBand(final long price)
    {
        return price >= dynamicLow && price <= dynamicHigh;
    }

    /** The worst price a market order of this side may trade at. */
    long collar(final Side side)
    {
        return side == Side.BUY ? staticHigh : staticLow;
    }

    /** True when the matching engine may match orders on arrival. */
    boolean matchesNow()
    {
        return phase == TradingPhase.CONTINUOUS && !halted;
    }

    private static long bandWidth(final long centre, final int bps)
    {
        return centre * bps / 10_000;
    }

    private long roundDown(final long price)
    {
        return Math.floorDiv(price, tickSize) * tickSize;
    }

    private long roundUp(final long price)
    {
        return -Math.floorDiv(-price, tickSize) * tickSize;
    }
}
