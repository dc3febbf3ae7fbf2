package io.bourse.exchange.engine;

import java.util.List;

/**
 * The whole state of a {@link MatchingEngine} after command {@link #sequence()}: enough to rebuild an engine that
 * produces the same events for the same subsequent commands. Orders are listed in the order that restores
 * priority: per instrument (ascending id), bids then asks, best price first, oldest first within a price; then
 * untriggered stop orders in trigger priority.
 */
public record EngineSnapshot(
    long sequence,
    long lastTimestamp,
    long nextOrderId,
    long nextTradeId,
    long tradeCount,
    long tradedQuantity,
    List<InstrumentState> instruments,
    List<OrderState> orders)
{
    public record InstrumentState(
        int instrumentId,
        TradingPhase phase,
        boolean halted,
        long referencePrice,
        long lastTradePrice)
    {
    }

    public record OrderState(
        long orderId,
        int sessionId,
        int firmId,
        int instrumentId,
        String clOrdId,
        String origClOrdId,
        io.bourse.codecs.types.Side side,
        io.bourse.codecs.types.OrdType ordType,
        io.bourse.codecs.types.TimeInForce timeInForce,
        long quantity,
        long price,
        long stopPrice,
        long cumQty,
        long leavesQty,
        long cumNotional,
        long displayQty,
        long maxFloor,
        long minQty,
        long expireTime,
        boolean postOnly,
        SelfTradePrevention selfTradePrevention,
        boolean triggered,
        long entryTimestamp)
    {
    }
}
