package io.bourse.exchange.engine;

import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;

/**
 * The engine's callbacks as immutable values, so a test can state what it expects as a list and compare it with
 * one {@code assertEquals}. Each record keeps only what a rule test asserts; {@link TranscriptListener} keeps
 * everything for the engine-against-engine comparisons. Prices print as decimals so a failure reads like the
 * rulebook.
 */
sealed interface EngineEvent
{
    record Accepted(long orderId, String clOrdId, Side side, long qty, long price) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "Accepted(#" + orderId + " " + clOrdId + " " + side + " " + qty + " @ " + Price.toString(price) +
                ")";
        }
    }

    record Rejected(String clOrdId, RejectReason reason) implements EngineEvent
    {
    }

    /** A refused CANCEL or REPLACE; {@code clOrdId} is the request's own ClOrdID. */
    record CancelRejected(String clOrdId, RejectReason reason) implements EngineEvent
    {
    }

    record Cancelled(long orderId, CancelReason reason, long qty) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "Cancelled(#" + orderId + " " + reason + " " + qty + ")";
        }
    }

    record Replaced(long orderId, String clOrdId, String origClOrdId, long qty, long price, long leaves)
        implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "Replaced(#" + orderId + " " + origClOrdId + "->" + clOrdId + " qty=" + qty + " @ " +
                Price.toString(price) + " leaves=" + leaves + ")";
        }
    }

    record Reduced(long orderId, long reducedBy, long leaves, CancelReason reason) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "Reduced(#" + orderId + " by " + reducedBy + " leaves=" + leaves + " " + reason + ")";
        }
    }

    record Triggered(long orderId) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "Triggered(#" + orderId + ")";
        }
    }

    /** A trade in continuous matching; auction trades have no aggressor and are {@link AuctionTrade}s. */
    record Trade(long price, long qty, long buyOrderId, long sellOrderId, Side aggressorSide) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "Trade(" + qty + " @ " + Price.toString(price) + " buy=#" + buyOrderId + " sell=#" + sellOrderId +
                " aggressor=" + aggressorSide + ")";
        }
    }

    record AuctionTrade(long price, long qty, long buyOrderId, long sellOrderId) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "AuctionTrade(" + qty + " @ " + Price.toString(price) + " buy=#" + buyOrderId + " sell=#" +
                sellOrderId + ")";
        }
    }

    record Exec(long orderId, long price, long qty, long cumQty, long leavesQty, boolean aggressor)
        implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "Exec(#" + orderId + " " + qty + " @ " + Price.toString(price) + " cum=" + cumQty + " leaves=" +
                leavesQty + (aggressor ? " aggressor" : " passive") + ")";
        }
    }

    /** L3: the order (or a new iceberg slice) joined the back of its level showing {@code qty}. */
    record BookAdd(long orderId, Side side, long price, long qty) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "BookAdd(#" + orderId + " " + side + " " + qty + " @ " + Price.toString(price) + ")";
        }
    }

    record BookModify(long orderId, long qty) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "BookModify(#" + orderId + " shows " + qty + ")";
        }
    }

    record BookRemove(long orderId) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "BookRemove(#" + orderId + ")";
        }
    }

    /** L2: {@code qty} 0 means the level is gone. */
    record Level(Side side, long price, long qty, int count) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "Level(" + side + " " + Price.toString(price) + " qty=" + qty + " orders=" + count + ")";
        }
    }

    record Status(int instrumentId, TradingPhase phase, boolean halted) implements EngineEvent
    {
    }

    record Auction(long price, long volume, long imbalance) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "Auction(" + Price.toString(price) + " volume=" + volume + " imbalance=" + imbalance + ")";
        }
    }

    record ReferencePrice(int instrumentId, long price) implements EngineEvent
    {
        @Override
        public String toString()
        {
            return "ReferencePrice(" + instrumentId + " " + Price.toString(price) + ")";
        }
    }

    record MassCancelled(int count) implements EngineEvent
    {
    }

    /** An operator command (mass cancel, phase, halt, resume, reference price) was refused. */
    record CommandRejected(CommandType type, RejectReason reason) implements EngineEvent
    {
    }
}
