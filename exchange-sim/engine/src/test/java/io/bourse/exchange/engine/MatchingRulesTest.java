package io.bourse.exchange.engine;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.exchange.engine.EngineEvent.Accepted;
import io.bourse.exchange.engine.EngineEvent.Auction;
import io.bourse.exchange.engine.EngineEvent.AuctionTrade;
import io.bourse.exchange.engine.EngineEvent.BookAdd;
import io.bourse.exchange.engine.EngineEvent.BookModify;
import io.bourse.exchange.engine.EngineEvent.BookRemove;
import io.bourse.exchange.engine.EngineEvent.CancelRejected;
import io.bourse.exchange.engine.EngineEvent.Cancelled;
import io.bourse.exchange.engine.EngineEvent.CommandRejected;
import io.bourse.exchange.engine.EngineEvent.Exec;
import io.bourse.exchange.engine.EngineEvent.Level;
import io.bourse.exchange.engine.EngineEvent.MassCancelled;
import io.bourse.exchange.engine.EngineEvent.Reduced;
import io.bourse.exchange.engine.EngineEvent.ReferencePrice;
import io.bourse.exchange.engine.EngineEvent.Rejected;
import io.bourse.exchange.engine.EngineEvent.Replaced;
import io.bourse.exchange.engine.EngineEvent.Status;
import io.bourse.exchange.engine.EngineEvent.Trade;
import io.bourse.exchange.engine.EngineEvent.Triggered;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.bourse.codecs.types.Side.BUY;
import static io.bourse.codecs.types.Side.SELL;
import static io.bourse.exchange.engine.EngineFixture.LOT;
import static io.bourse.exchange.engine.EngineFixture.MILLISECOND;
import static io.bourse.exchange.engine.EngineFixture.S1;
import static io.bourse.exchange.engine.EngineFixture.S2;
import static io.bourse.exchange.engine.EngineFixture.S3;
import static io.bourse.exchange.engine.EngineFixture.TEST;
import static io.bourse.exchange.engine.EngineFixture.UNKNOWN_INSTRUMENT;
import static io.bourse.exchange.engine.EngineFixture.WIDE;
import static io.bourse.exchange.engine.EngineFixture.px;
import static io.bourse.exchange.engine.OrderTicket.buy;
import static io.bourse.exchange.engine.OrderTicket.buyMarket;
import static io.bourse.exchange.engine.OrderTicket.buyStop;
import static io.bourse.exchange.engine.OrderTicket.buyStopLimit;
import static io.bourse.exchange.engine.OrderTicket.order;
import static io.bourse.exchange.engine.OrderTicket.sell;
import static io.bourse.exchange.engine.OrderTicket.sellMarket;
import static io.bourse.exchange.engine.OrderTicket.sellStop;
import static io.bourse.exchange.engine.ReplaceTicket.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per rule of {@code docs/matching-rules.md}, named after the rule, run once per {@link BookType}
 * ({@link ReferenceBookRulesTest}, {@link FastBookRulesTest}). Each test builds a book, clears the recorded events,
 * sends the command the rule is about and asserts the ordered events of the kinds the rule speaks of, with every
 * price, quantity and reason written out.
 *
 * <p>The instruments and sessions are described in {@link EngineFixture}: TEST has reference 100.00, a static band
 * of 90.00-110.00 and a dynamic band of 5 % (95.00-105.00 before its first trade).
 *
 * <p>Where the rulebook leaves a choice open, the test picks what a real venue does and says so in a comment
 * starting with "Reading:".
 */
abstract class MatchingRulesTest
{
    private EngineFixture fx;
    private RecordingListener events;
    private MatchingEngine engine;

    abstract BookType bookType();

    @BeforeEach
    void setUp()
    {
        fx = new EngineFixture(bookType());
        events = fx.events;
        engine = fx.engine;
    }

    // ------------------------------------------------------------------------------------ 2. orders, OrderIDs

    @Test
    void orderIdsAssignedInAcceptanceOrder()
    {
        fx.send(buy("A1", 100, "99.00"));
        fx.send(buy("A2", 0, "99.00"));
        fx.send(sell("A3", 50, "101.00").by(S2));

        assertEquals(List.of(
            new Accepted(1, "A1", BUY, 100, px("99.00")),
            new Accepted(2, "A3", SELL, 50, px("101.00"))), events.of(Accepted.class));
    }

    @Test
    void everyCommandGetsTheNextSequenceNumberAndOneProcessedCallback()
    {
        final long first = fx.process(fx.next(CommandType.TIMER_TICK));
        final long before = events.processedSequences().size();

        fx.send(buy("A1", 100, "99.00"));
        fx.send(buy("A1", 100, "99.00"));
        fx.cancel(S1, "C1", 999);
        fx.setPhase(UNKNOWN_INSTRUMENT, TradingPhase.CLOSED);
        final long last = fx.process(fx.next(CommandType.TIMER_TICK));

        assertEquals(first + 5, last);
        assertEquals(last, engine.lastSequence());
        final List<Long> sequences = events.processedSequences();
        assertEquals(
            List.of(first + 1, first + 2, first + 3, first + 4, first + 5),
            sequences.subList((int)before, sequences.size()));
    }

    // -------------------------------------------------------------------------------- 3. validation (new orders)

    @Test
    void rejectsUnknownInstrument()
    {
        assertRejected(buy("A1", 100, "100.00").on(UNKNOWN_INSTRUMENT), RejectReason.UNKNOWN_INSTRUMENT);
    }

    @Test
    void rejectsEmptyOrMalformedClOrdId()
    {
        fx.send(buy("", 100, "100.00"));
        // ClientOrderId refuses spaces and more than 40 characters by leaving itself empty: the engine sees "".
        fx.send(buy("A 1", 100, "100.00"));
        fx.send(buy("X".repeat(ClientOrderId.MAX_LENGTH + 1), 100, "100.00"));

        final Rejected empty = new Rejected("", RejectReason.INVALID_CLORDID);
        assertEquals(List.of(empty, empty, empty), events.of(Rejected.class));
        assertEquals(List.of(), events.of(Accepted.class));
        assertNotEquals(0, fx.send(buy("X".repeat(ClientOrderId.MAX_LENGTH), 100, "99.00")),
            "a 40-character ClOrdID is valid");
    }

    @Test
    void duplicateClOrdIdRejected()
    {
        final long first = fx.send(buy("A1", 100, "99.00"));
        events.clear();

        fx.send(buy("A1", 50, "98.00"));
        final long otherSession = fx.send(buy("A1", 50, "98.00").by(S2));

        assertEquals(List.of(new Rejected("A1", RejectReason.DUPLICATE_CLORDID)), events.of(Rejected.class));
        assertEquals(List.of(new Accepted(otherSession, "A1", BUY, 50, px("98.00"))), events.of(Accepted.class));
        assertEquals(100, engine.order(S1, "A1").quantity());
        assertEquals(first, engine.order(S1, "A1").orderId());
    }

    @Test
    void clOrdIdReusableAfterOrderDone()
    {
        final long cancelled = fx.send(buy("A1", 100, "99.00"));
        fx.cancel(S1, "C1", cancelled);
        fx.send(sell("X1", 10, "100.00").by(S2));
        final long filled = fx.send(buy("F1", 10, "100.00"));
        assertNull(engine.order(filled));
        events.clear();

        final long reusedAfterCancel = fx.send(buy("A1", 100, "99.00"));
        final long reusedAfterFill = fx.send(buy("F1", 10, "98.00"));

        assertEquals(List.of(), events.of(Rejected.class));
        assertNotEquals(0, reusedAfterCancel);
        assertNotEquals(cancelled, reusedAfterCancel);
        assertNotEquals(0, reusedAfterFill);
    }

    @Test
    void rejectsNonPositiveQuantity()
    {
        assertRejected(buy("A1", 0, "100.00"), RejectReason.INVALID_QUANTITY);
        assertRejected(buy("A2", -10, "100.00"), RejectReason.INVALID_QUANTITY);
    }

    @Test
    void rejectsQuantityNotMultipleOfLot()
    {
        assertRejected(buy("A1", 150, "20.00").on(LOT), RejectReason.INVALID_LOT_SIZE);
        assertRejected(buy("A2", 50, "20.00").on(LOT), RejectReason.INVALID_LOT_SIZE);
        assertNotEquals(0, fx.send(buy("A3", 200, "20.00").on(LOT)));
    }

    @Test
    void rejectsMissingOrUnexpectedPrice()
    {
        assertRejected(buy("A1", 10, "100.00").price(Price.NONE), RejectReason.INVALID_PRICE);
        assertRejected(buy("A2", 10, "100.00").price(0), RejectReason.INVALID_PRICE);
        assertRejected(buy("A3", 10, "100.00").price(px("-1.00")), RejectReason.INVALID_PRICE);
        assertRejected(buyMarket("A4", 10).price(px("100.00")), RejectReason.INVALID_PRICE);
        assertRejected(buyStop("A5", 10, "101.00").price(px("100.00")), RejectReason.INVALID_PRICE);
        assertRejected(buyStopLimit("A6", 10, "101.00", "100.00").price(Price.NONE), RejectReason.INVALID_PRICE);
    }

    @Test
    void rejectsPriceOffTick()
    {
        assertRejected(buy("A1", 10, "100.005"), RejectReason.INVALID_TICK_SIZE);
        assertRejected(buy("A2", 100, "20.03").on(LOT), RejectReason.INVALID_TICK_SIZE);
        assertNotEquals(0, fx.send(buy("A3", 100, "20.05").on(LOT)));
    }

    @Test
    void rejectsPriceOutsideStaticBand()
    {
        // Band 10 % around 100.00: 90.00 and 110.00 are inside ("more than 10 % away" is rejected).
        assertRejected(buy("A1", 10, "110.01"), RejectReason.PRICE_OUT_OF_BAND);
        assertRejected(sell("A2", 10, "89.99"), RejectReason.PRICE_OUT_OF_BAND);
        assertNotEquals(0, fx.send(buy("A3", 10, "90.00")));
        assertNotEquals(0, fx.send(sell("A4", 10, "110.00")));
    }

    @Test
    void rejectsStopWithoutStopPrice()
    {
        assertRejected(buyStop("A1", 10, "101.00").stopPrice(Price.NONE), RejectReason.MISSING_STOP_PRICE);
        assertRejected(buyStop("A2", 10, "101.00").stopPrice(0), RejectReason.MISSING_STOP_PRICE);
        assertRejected(buyStopLimit("A3", 10, "101.00", "101.00").stopPrice(Price.NONE),
            RejectReason.MISSING_STOP_PRICE);
        assertRejected(buyStop("A4", 10, "101.005"), RejectReason.INVALID_TICK_SIZE);
    }

    @Test
    void rejectsInvalidMinQty()
    {
        assertRejected(buy("A1", 100, "99.00").minQty(-1), RejectReason.INVALID_MIN_QTY);
        assertRejected(buy("A2", 100, "99.00").minQty(101), RejectReason.INVALID_MIN_QTY);
        assertRejected(buy("A3", 200, "20.00").on(LOT).minQty(50), RejectReason.INVALID_MIN_QTY);
        assertNotEquals(0, fx.send(buy("A4", 100, "99.00").minQty(100)));
        assertNotEquals(0, fx.send(buy("A5", 200, "20.00").on(LOT).minQty(100)));
    }

    @Test
    void rejectsInvalidMaxFloor()
    {
        assertRejected(buy("A1", 100, "99.00").maxFloor(-1), RejectReason.INVALID_MAX_FLOOR);
        assertRejected(buy("A2", 100, "99.00").maxFloor(101), RejectReason.INVALID_MAX_FLOOR);
        assertRejected(buy("A3", 200, "20.00").on(LOT).maxFloor(50), RejectReason.INVALID_MAX_FLOOR);
        assertRejected(buy("A4", 100, "99.00").maxFloor(10).ioc(), RejectReason.INVALID_MAX_FLOOR);
        assertRejected(buy("A5", 100, "99.00").maxFloor(10).fok(), RejectReason.INVALID_MAX_FLOOR);
        assertRejected(buyMarket("A6", 100).maxFloor(10), RejectReason.INVALID_MAX_FLOOR);
        assertNotEquals(0, fx.send(buy("A7", 100, "99.00").maxFloor(100)));
    }

    @Test
    void gtdRejectedWhenAlreadyExpired()
    {
        assertRejected(buy("A1", 10, "99.00").gtd(0), RejectReason.INVALID_EXPIRE_TIME);
        assertRejected(buy("A2", 10, "99.00").gtd(fx.nextTimestamp()), RejectReason.INVALID_EXPIRE_TIME);
        assertRejected(buy("A3", 10, "99.00").gtd(fx.nextTimestamp() - 1), RejectReason.INVALID_EXPIRE_TIME);
        assertNotEquals(0, fx.send(buy("A4", 10, "99.00").gtd(fx.nextTimestamp() + 1)));
    }

    @Test
    void marketAndStopOrdersCannotOutliveTheDay()
    {
        assertRejected(buyMarket("A1", 10).gtc(), RejectReason.UNSUPPORTED_ORDER_TYPE);
        assertRejected(sellMarket("A2", 10).gtd(fx.nextTimestamp() + MILLISECOND), RejectReason.UNSUPPORTED_ORDER_TYPE);
        assertRejected(buyStop("A3", 10, "101.00").gtc(), RejectReason.UNSUPPORTED_ORDER_TYPE);
        assertRejected(sellStop("A4", 10, "99.00").gtd(fx.nextTimestamp() + MILLISECOND),
            RejectReason.UNSUPPORTED_ORDER_TYPE);
        // A stop-limit becomes a limit order: it may rest, so GTC is fine.
        assertNotEquals(0, fx.send(buyStopLimit("A5", 10, "101.00", "101.00").gtc()));
    }

    @Test
    void postOnlyWithImmediateOrderIsInvalid()
    {
        assertRejected(buy("A1", 10, "99.00").postOnly().ioc(), RejectReason.INVALID_COMMAND);
        assertRejected(buy("A2", 10, "99.00").postOnly().fok(), RejectReason.INVALID_COMMAND);
        assertRejected(buyMarket("A3", 10).postOnly(), RejectReason.INVALID_COMMAND);
    }

    @Test
    void validationStopsAtTheFirstFailureInRulebookOrder()
    {
        fx.send(buy("D1", 10, "99.00"));
        fx.send(sell("R1", 10, "100.00").by(S2));
        fx.setPhase(WIDE, TradingPhase.CLOSED);
        fx.setPhase(LOT, TradingPhase.PRE_OPEN);

        assertRejected(buy("", 0, "100.00").on(UNKNOWN_INSTRUMENT), RejectReason.UNKNOWN_INSTRUMENT);
        assertRejected(buy("", 0, "100.00"), RejectReason.INVALID_CLORDID);
        assertRejected(buy("D1", 0, "100.00").on(WIDE), RejectReason.DUPLICATE_CLORDID);
        assertRejected(buy("V1", 0, "100.00").on(WIDE).ioc(), RejectReason.MARKET_CLOSED);
        assertRejected(buy("V2", 0, "20.03").on(LOT).ioc(), RejectReason.NOT_ALLOWED_IN_PHASE);
        assertRejected(buyMarket("V3", 0).gtc(), RejectReason.UNSUPPORTED_ORDER_TYPE);
        assertRejected(buy("V4", 0, "100.005"), RejectReason.INVALID_QUANTITY);
        assertRejected(buy("V5", 150, "20.03").on(LOT), RejectReason.INVALID_LOT_SIZE);
        assertRejected(order("V6", BUY, OrdType.STOP_LIMIT, 10, Price.NONE), RejectReason.INVALID_PRICE);
        assertRejected(buy("V7", 10, "115.005"), RejectReason.INVALID_TICK_SIZE);
        assertRejected(order("V8", BUY, OrdType.STOP_LIMIT, 10, px("115.00")), RejectReason.PRICE_OUT_OF_BAND);
        assertRejected(order("V9", BUY, OrdType.STOP, 10, Price.NONE).minQty(20), RejectReason.MISSING_STOP_PRICE);
        assertRejected(buy("V10", 10, "100.00").minQty(20).maxFloor(20), RejectReason.INVALID_MIN_QTY);
        assertRejected(buy("V11", 10, "100.00").maxFloor(20).gtd(0), RejectReason.INVALID_MAX_FLOOR);
        assertRejected(buy("V12", 10, "100.00").gtd(0).postOnly(), RejectReason.INVALID_EXPIRE_TIME);
        assertRejected(buy("V13", 10, "100.00").postOnly(), RejectReason.POST_ONLY_WOULD_TAKE);
    }

    // ----------------------------------------------------------------------------------- 4.1 price-time priority

    @Test
    void limitOrderRestsWhenNotCrossing()
    {
        final long bid = fx.send(buy("B1", 100, "99.00"));
        final long ask = fx.send(sell("S1", 100, "101.00").by(S2));

        assertEquals(List.of(), events.of(Trade.class));
        assertEquals(List.of(
            new BookAdd(bid, BUY, px("99.00"), 100),
            new BookAdd(ask, SELL, px("101.00"), 100)), events.of(BookAdd.class));
        assertEquals(List.of(
            new Level(BUY, px("99.00"), 100, 1),
            new Level(SELL, px("101.00"), 100, 1)), events.of(Level.class));
        assertEquals(px("99.00"), engine.bestBid(TEST));
        assertEquals(px("101.00"), engine.bestAsk(TEST));
        assertEquals(2, engine.restingOrderCount());
    }

    @Test
    void tradesAtRestingOrderPrice()
    {
        final long ask = fx.send(sell("S1", 100, "100.00").by(S2));
        events.clear();

        final long bid = fx.send(buy("B1", 100, "101.00"));

        assertEquals(List.of(new Trade(px("100.00"), 100, bid, ask, BUY)), events.of(Trade.class));
        assertEquals(List.of(
            new Exec(ask, px("100.00"), 100, 100, 0, false),
            new Exec(bid, px("100.00"), 100, 100, 0, true)), events.of(Exec.class));
        assertEquals(px("100.00"), engine.lastTradePrice(TEST));
        assertEquals(1, engine.tradeCount());
        assertEquals(100, engine.tradedQuantity());
        assertEquals(Price.NONE, engine.bestBid(TEST));
        assertEquals(Price.NONE, engine.bestAsk(TEST));
    }

    @Test
    void eventsOfAnIncomingOrderComeInTheListenerOrder()
    {
        final long ask1 = fx.send(sell("S1", 30, "100.00").by(S2));
        final long ask2 = fx.send(sell("S2", 30, "100.00").by(S2));
        events.clear();

        final long ioc = fx.send(buy("I1", 100, "100.00").ioc());

        assertEquals(List.of(
            new Accepted(ioc, "I1", BUY, 100, px("100.00")),
            new Trade(px("100.00"), 30, ioc, ask1, BUY),
            new Exec(ask1, px("100.00"), 30, 30, 0, false),
            new Exec(ioc, px("100.00"), 30, 30, 70, true),
            new Trade(px("100.00"), 30, ioc, ask2, BUY),
            new Exec(ask2, px("100.00"), 30, 30, 0, false),
            new Exec(ioc, px("100.00"), 30, 60, 40, true),
            new Cancelled(ioc, CancelReason.IOC_REMAINDER, 40)),
            events.of(Accepted.class, Trade.class, Exec.class, Cancelled.class));
        final List<EngineEvent> all = events.all();
        assertEquals(new Cancelled(ioc, CancelReason.IOC_REMAINDER, 40), all.get(all.size() - 1),
            "the immediate remainder's cancel is the last event: " + all);
        assertEquals(List.of(new BookRemove(ask1), new BookRemove(ask2)), events.of(BookRemove.class));
    }

    @Test
    void fifoWithinPriceLevel()
    {
        final long first = fx.send(sell("S1", 50, "100.00").by(S2));
        final long second = fx.send(sell("S2", 50, "100.00").by(S2));
        final long third = fx.send(sell("S3", 50, "100.00").by(S2));
        events.clear();

        final long bid = fx.send(buy("B1", 120, "100.00"));

        assertEquals(List.of(
            new Trade(px("100.00"), 50, bid, first, BUY),
            new Trade(px("100.00"), 50, bid, second, BUY),
            new Trade(px("100.00"), 20, bid, third, BUY)), events.of(Trade.class));
        assertEquals(List.of(new BookRemove(first), new BookRemove(second), new BookModify(third, 30)),
            l3Changes());
        assertEquals(new Level(SELL, px("100.00"), 30, 1), last(events.of(Level.class)));
    }

    @Test
    void betterPriceTradesFirst()
    {
        final long worse = fx.send(sell("S1", 50, "101.00").by(S2));
        final long better = fx.send(sell("S2", 50, "100.00").by(S2));
        events.clear();

        final long bid = fx.send(buy("B1", 100, "101.00"));

        assertEquals(List.of(
            new Trade(px("100.00"), 50, bid, better, BUY),
            new Trade(px("101.00"), 50, bid, worse, BUY)), events.of(Trade.class));
    }

    @Test
    void higherBidTradesFirst()
    {
        final long lower = fx.send(buy("B1", 50, "99.00"));
        final long higher = fx.send(buy("B2", 50, "100.00"));
        events.clear();

        final long ask = fx.send(sell("S1", 100, "99.00").by(S2));

        assertEquals(List.of(
            new Trade(px("100.00"), 50, higher, ask, SELL),
            new Trade(px("99.00"), 50, lower, ask, SELL)), events.of(Trade.class));
    }

    @Test
    void bestBidOfferAfterEveryChange()
    {
        assertBestBidOffer(Price.NONE, Price.NONE);
        final long bid99 = fx.send(buy("B1", 10, "99.00"));
        assertBestBidOffer(px("99.00"), Price.NONE);
        fx.send(sell("S1", 10, "101.00").by(S2));
        assertBestBidOffer(px("99.00"), px("101.00"));
        fx.send(buy("B2", 10, "100.00"));
        assertBestBidOffer(px("100.00"), px("101.00"));
        fx.send(sell("S2", 10, "100.50").by(S2));
        assertBestBidOffer(px("100.00"), px("100.50"));
        fx.send(sell("S3", 5, "100.00").by(S2));
        assertBestBidOffer(px("100.00"), px("100.50"));
        fx.send(sell("S4", 5, "100.00").by(S2));
        assertBestBidOffer(px("99.00"), px("100.50"));
        fx.cancel(S1, "C1", bid99);
        assertBestBidOffer(Price.NONE, px("100.50"));
        fx.send(buy("B3", 10, "100.50"));
        assertBestBidOffer(Price.NONE, px("101.00"));
    }

    // ------------------------------------------------------------------------------------------ 4.2 limit orders

    @Test
    void limitRemainderRestsAfterPartialFill()
    {
        final long ask = fx.send(sell("S1", 30, "100.00").by(S2));
        events.clear();

        final long bid = fx.send(buy("B1", 100, "101.00"));

        assertEquals(List.of(new Trade(px("100.00"), 30, bid, ask, BUY)), events.of(Trade.class));
        assertEquals(List.of(new BookAdd(bid, BUY, px("101.00"), 70)), events.of(BookAdd.class));
        assertEquals(List.of(), events.of(Cancelled.class));
        assertBestBidOffer(px("101.00"), Price.NONE);
    }

    // ------------------------------------------------------------------------------------- 4.3 market and collar

    @Test
    void marketOrderRemainderCancelled()
    {
        final long ask1 = fx.send(sell("S1", 30, "100.00").by(S2));
        final long ask2 = fx.send(sell("S2", 20, "101.00").by(S2));
        events.clear();

        final long market = fx.send(buyMarket("M1", 100));

        assertEquals(List.of(new Accepted(market, "M1", BUY, 100, Price.NONE)), events.of(Accepted.class));
        assertEquals(List.of(
            new Trade(px("100.00"), 30, market, ask1, BUY),
            new Trade(px("101.00"), 20, market, ask2, BUY)), events.of(Trade.class));
        assertEquals(List.of(new Cancelled(market, CancelReason.IOC_REMAINDER, 50)), events.of(Cancelled.class));
        assertEquals(List.of(), events.of(BookAdd.class));
        assertNull(engine.order(market));
    }

    @Test
    void marketOrderIntoEmptyBookCancelled()
    {
        final long market = fx.send(sellMarket("M1", 100));

        assertEquals(List.of(new Cancelled(market, CancelReason.IOC_REMAINDER, 100)), events.of(Cancelled.class));
        assertEquals(List.of(), events.of(BookAdd.class));
    }

    @Test
    void marketOrderNeverTradesThroughCollar()
    {
        final long ask101 = fx.send(sell("S1", 10, "101.00").on(WIDE).by(S2));
        final long ask104 = fx.send(sell("S2", 10, "104.00").on(WIDE).by(S2));
        // WIDE's static band is 5 %: with the reference at 98.00 a market buy never pays more than 102.90.
        fx.setReferencePrice(WIDE, "98.00");
        events.clear();

        final long market = fx.send(buyMarket("M1", 20).on(WIDE));

        assertEquals(List.of(new Trade(px("101.00"), 10, market, ask101, BUY)), events.of(Trade.class));
        assertEquals(List.of(new Cancelled(market, CancelReason.PRICE_COLLAR, 10)), events.of(Cancelled.class));
        assertEquals(10, engine.order(ask104).leavesQty());
        assertEquals(px("104.00"), engine.bestAsk(WIDE));
    }

    @Test
    void marketSellNeverTradesBelowCollar()
    {
        final long bid99 = fx.send(buy("B1", 10, "99.00").on(WIDE).by(S2));
        final long bid96 = fx.send(buy("B2", 10, "96.00").on(WIDE).by(S2));
        // With the reference at 102.00 a market sell never takes less than 96.90.
        fx.setReferencePrice(WIDE, "102.00");
        events.clear();

        final long market = fx.send(sellMarket("M1", 20).on(WIDE));

        assertEquals(List.of(new Trade(px("99.00"), 10, bid99, market, SELL)), events.of(Trade.class));
        assertEquals(List.of(new Cancelled(market, CancelReason.PRICE_COLLAR, 10)), events.of(Cancelled.class));
        assertEquals(10, engine.order(bid96).leavesQty());
    }

    // ------------------------------------------------------------------------------------------- 4.4 IOC and FOK

    @Test
    void iocRemainderCancelled()
    {
        final long ask = fx.send(sell("S1", 30, "100.00").by(S2));
        events.clear();

        final long partlyFilled = fx.send(buy("I1", 100, "100.00").ioc());
        final long notCrossing = fx.send(buy("I2", 10, "99.00").ioc());

        assertEquals(List.of(new Trade(px("100.00"), 30, partlyFilled, ask, BUY)), events.of(Trade.class));
        assertEquals(List.of(
            new Cancelled(partlyFilled, CancelReason.IOC_REMAINDER, 70),
            new Cancelled(notCrossing, CancelReason.IOC_REMAINDER, 10)), events.of(Cancelled.class));
        assertEquals(List.of(), events.of(BookAdd.class));
        assertEquals(0, engine.restingOrderCount());
    }

    @Test
    void fokFillsCompletelyOrNotAtAll()
    {
        final long ask100 = fx.send(sell("S1", 30, "100.00").by(S2));
        final long ask101 = fx.send(sell("S2", 30, "101.00").by(S2));
        events.clear();

        final long tooLarge = fx.send(buy("F1", 70, "101.00").fok());
        final long limitTooLow = fx.send(buy("F2", 60, "100.00").fok());

        assertEquals(List.of(), events.of(Trade.class));
        assertEquals(List.of(
            new Cancelled(tooLarge, CancelReason.FOK, 70),
            new Cancelled(limitTooLow, CancelReason.FOK, 60)), events.of(Cancelled.class));
        assertEquals(List.of(), events.of(BookAdd.class, BookModify.class, BookRemove.class, Level.class));
        events.clear();

        final long fits = fx.send(buy("F3", 60, "101.00").fok());

        assertEquals(List.of(
            new Trade(px("100.00"), 30, fits, ask100, BUY),
            new Trade(px("101.00"), 30, fits, ask101, BUY)), events.of(Trade.class));
        assertEquals(List.of(), events.of(Cancelled.class));
    }

    @Test
    void fokCountsHiddenIcebergQuantity()
    {
        final long iceberg = fx.send(sell("ICE", 100, "100.00").maxFloor(20).by(S2));
        events.clear();

        final long fok = fx.send(buy("F1", 100, "100.00").fok());

        final Trade slice = new Trade(px("100.00"), 20, fok, iceberg, BUY);
        assertEquals(List.of(slice, slice, slice, slice, slice), events.of(Trade.class));
        assertEquals(List.of(), events.of(Cancelled.class));
        assertNull(engine.order(iceberg));
    }

    @Test
    void fokCancelledWhenFillWouldLeaveDynamicBand()
    {
        fx.send(sell("S1", 20, "106.00").by(S2));
        events.clear();

        final long fok = fx.send(buy("F1", 20, "106.00").fok());

        // 106.00 is inside the static band but outside the dynamic band (95.00-105.00): it cannot fill.
        assertEquals(List.of(), events.of(Trade.class));
        assertEquals(List.of(new Cancelled(fok, CancelReason.FOK, 20)), events.of(Cancelled.class));
    }

    // ----------------------------------------------------------------------------------------------- 4.5 MinQty

    @Test
    void minQtyNotMetCancelsWithoutTrade()
    {
        final long ask = fx.send(sell("S1", 30, "100.00").by(S2));
        events.clear();

        final long bid = fx.send(buy("B1", 100, "100.00").minQty(50));

        assertEquals(List.of(), events.of(Trade.class));
        assertEquals(List.of(new Cancelled(bid, CancelReason.MIN_QTY, 100)), events.of(Cancelled.class));
        assertEquals(30, engine.order(ask).leavesQty());
    }

    @Test
    void minQtyCountsHiddenIcebergQuantity()
    {
        final long iceberg = fx.send(sell("ICE", 60, "100.00").maxFloor(20).by(S2));
        events.clear();

        final long bid = fx.send(buy("B1", 100, "100.00").minQty(50));

        final Trade slice = new Trade(px("100.00"), 20, bid, iceberg, BUY);
        assertEquals(List.of(slice, slice, slice), events.of(Trade.class));
        assertEquals(List.of(new BookAdd(bid, BUY, px("100.00"), 40)),
            events.forOrder(bid).stream().filter(BookAdd.class::isInstance).toList());
        assertEquals(List.of(), events.of(Cancelled.class));
    }

    @Test
    void minQtyIgnoredWhenOrderWouldNotTrade()
    {
        final long bid = fx.send(buy("B1", 100, "99.00").minQty(50));
        assertEquals(List.of(new BookAdd(bid, BUY, px("99.00"), 100)), events.of(BookAdd.class));
        events.clear();

        // Once resting, MinQty no longer applies: a 10 lot may hit it.
        final long ask = fx.send(sell("S1", 10, "99.00").by(S2));

        assertEquals(List.of(new Trade(px("99.00"), 10, bid, ask, SELL)), events.of(Trade.class));
        assertEquals(90, engine.order(bid).leavesQty());
    }

    // ---------------------------------------------------------------------------------------------- 4.6 iceberg

    @Test
    void icebergShowsOnlyDisplaySlice()
    {
        final long iceberg = fx.send(sell("ICE", 100, "100.00").maxFloor(30).by(S2));

        assertEquals(List.of(new BookAdd(iceberg, SELL, px("100.00"), 30)), events.of(BookAdd.class));
        assertEquals(List.of(new Level(SELL, px("100.00"), 30, 1)), events.of(Level.class));
        assertEquals(30, engine.order(iceberg).displayQty());
        assertEquals(100, engine.order(iceberg).leavesQty());
        events.clear();

        final long bid = fx.send(buy("B1", 10, "100.00"));

        assertEquals(List.of(new Trade(px("100.00"), 10, bid, iceberg, BUY)), events.of(Trade.class));
        assertEquals(List.of(new BookModify(iceberg, 20)), l3Changes());
        assertEquals(List.of(new Level(SELL, px("100.00"), 20, 1)), events.of(Level.class));
    }

    @Test
    void icebergRefreshGoesToBackOfQueue()
    {
        final long iceberg = fx.send(sell("ICE", 50, "100.00").maxFloor(20).by(S2));
        final long plain = fx.send(sell("P1", 30, "100.00").by(S2));
        events.clear();

        final long firstBid = fx.send(buy("B1", 30, "100.00"));

        assertEquals(List.of(
            new Trade(px("100.00"), 20, firstBid, iceberg, BUY),
            new Trade(px("100.00"), 10, firstBid, plain, BUY)), events.of(Trade.class));
        assertEquals(List.of(
            new BookRemove(iceberg),
            new BookAdd(iceberg, SELL, px("100.00"), 20),
            new BookModify(plain, 20)), l3Changes());
        events.clear();

        final long secondBid = fx.send(buy("B2", 40, "100.00"));

        assertEquals(List.of(
            new Trade(px("100.00"), 20, secondBid, plain, BUY),
            new Trade(px("100.00"), 20, secondBid, iceberg, BUY)), events.of(Trade.class));
        assertEquals(10, engine.order(iceberg).leavesQty());
        assertEquals(10, engine.order(iceberg).displayQty());
    }

    // -------------------------------------------------------------------------------------------- 4.7 post-only

    @Test
    void postOnlyRejectedWhenItWouldTake()
    {
        fx.send(sell("S1", 10, "100.00").by(S2));
        events.clear();

        fx.send(buy("P1", 10, "100.00").postOnly());
        final long passive = fx.send(buy("P2", 10, "99.99").postOnly());

        assertEquals(List.of(new Rejected("P1", RejectReason.POST_ONLY_WOULD_TAKE)), events.of(Rejected.class));
        assertEquals(List.of(), events.of(Trade.class));
        assertEquals(List.of(new BookAdd(passive, BUY, px("99.99"), 10)), events.of(BookAdd.class));
    }

    @Test
    void postOnlyReplaceThatWouldTakeIsRefused()
    {
        fx.send(sell("S1", 10, "100.00").by(S2));
        final long passive = fx.send(buy("P1", 10, "99.99").postOnly());
        events.clear();

        fx.send(replace("P1", "P2").price("100.00"));

        assertEquals(List.of(new CancelRejected("P2", RejectReason.POST_ONLY_WOULD_TAKE)),
            events.of(CancelRejected.class));
        assertEquals(List.of(), events.of(Trade.class, Replaced.class));
        assertEquals(px("99.99"), engine.order(passive).price());
        assertEquals(passive, engine.order(S1, "P1").orderId());
    }

    @Test
    void postOnlyAcceptedInCallPhaseEvenIfCrossing()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        fx.send(sell("S1", 10, "100.00").by(S2));
        events.clear();

        final long postOnly = fx.send(buy("P1", 10, "100.00").postOnly());

        assertEquals(List.of(), events.of(Rejected.class));
        assertEquals(List.of(new BookAdd(postOnly, BUY, px("100.00"), 10)), events.of(BookAdd.class));
    }

    // ---------------------------------------------------------------------------------------- 4.8 stop orders

    @Test
    void stopTriggeredByLastTradeBecomesMarket()
    {
        final long stop = fx.send(buyStop("ST", 10, "101.00"));
        assertEquals(List.of(new Accepted(stop, "ST", BUY, 10, Price.NONE)), events.of(Accepted.class));
        assertEquals(List.of(), events.of(BookAdd.class));
        assertEquals(0, engine.restingOrderCount());
        assertEquals(1, engine.liveOrderCount());

        // A trade below the stop price does not trigger a buy stop.
        fx.send(sell("X0", 10, "100.50").by(S2));
        fx.send(buy("B0", 10, "100.50").by(S3));
        final long ask101 = fx.send(sell("X1", 10, "101.00").by(S2));
        final long ask102 = fx.send(sell("X2", 20, "102.00").by(S2));
        assertEquals(List.of(), events.of(Triggered.class));
        events.clear();

        final long bid = fx.send(buy("B1", 10, "101.00").by(S3));

        assertEquals(List.of(
            new Trade(px("101.00"), 10, bid, ask101, BUY),
            new Triggered(stop),
            new Trade(px("102.00"), 10, stop, ask102, BUY)), events.of(Trade.class, Triggered.class));
        assertNull(engine.order(stop));
        assertEquals(10, engine.order(ask102).leavesQty());
    }

    @Test
    void sellStopTriggeredWhenTradePrintsAtOrBelowStop()
    {
        final long stop = fx.send(sellStop("ST", 10, "99.00"));
        final long bid99 = fx.send(buy("B1", 10, "99.00").by(S2));
        final long bid98 = fx.send(buy("B2", 20, "98.00").by(S2));
        events.clear();

        final long ask = fx.send(sell("S1", 10, "99.00").by(S3));

        assertEquals(List.of(
            new Trade(px("99.00"), 10, bid99, ask, SELL),
            new Triggered(stop),
            new Trade(px("98.00"), 10, bid98, stop, SELL)), events.of(Trade.class, Triggered.class));
    }

    @Test
    void stopTriggeredOnEntryWhenLastTradeAlreadySatisfiesIt()
    {
        fx.send(sell("X1", 10, "101.00").by(S2));
        fx.send(buy("B1", 10, "101.00").by(S3));
        final long ask = fx.send(sell("X2", 10, "101.50").by(S2));
        events.clear();

        final long stop = fx.send(buyStop("ST", 10, "100.50"));

        assertEquals(List.of(
            new Accepted(stop, "ST", BUY, 10, Price.NONE),
            new Triggered(stop),
            new Trade(px("101.50"), 10, stop, ask, BUY)), events.of(Accepted.class, Triggered.class, Trade.class));
    }

    @Test
    void stopLimitTriggeredBecomesLimitWithPriorityAtTrigger()
    {
        // Entered before the plain limit order at the same price, but its priority starts at the trigger.
        final long stopLimit = fx.send(buyStopLimit("SL", 10, "101.00", "99.00"));
        final long limit = fx.send(buy("L1", 10, "99.00").by(S2));
        fx.send(sell("X1", 10, "101.00").by(S2));
        events.clear();

        fx.send(buy("B1", 10, "101.00").by(S3));

        assertEquals(List.of(new Triggered(stopLimit)), events.of(Triggered.class));
        assertEquals(List.of(new BookAdd(stopLimit, BUY, px("99.00"), 10)), events.of(BookAdd.class));
        events.clear();

        final long ask = fx.send(sell("S1", 10, "99.00").by(S3));

        assertEquals(List.of(new Trade(px("99.00"), 10, limit, ask, SELL)), events.of(Trade.class));
        assertEquals(10, engine.order(stopLimit).leavesQty());
    }

    @Test
    void stopsTriggerInStopPriceOrder()
    {
        // The rulebook: buy stops are released by ascending stop price (the order a rising price reaches them),
        // then by arrival. A print at 101.00 releases the 100.50 stops (by arrival) before the 101.00 stop,
        // although the 101.00 stop arrived first.
        final long highest = fx.send(buyStopLimit("A", 10, "101.00", "99.00"));
        final long lowestFirst = fx.send(buyStopLimit("B", 10, "100.50", "99.00"));
        final long lowestSecond = fx.send(buyStopLimit("C", 10, "100.50", "99.00"));
        fx.send(sell("X1", 10, "101.00").by(S2));
        events.clear();

        fx.send(buy("T1", 10, "101.00").by(S2));

        assertEquals(List.of(new Triggered(lowestFirst), new Triggered(lowestSecond), new Triggered(highest)),
            events.of(Triggered.class));
        events.clear();

        final long ask = fx.send(sell("S1", 30, "99.00").by(S2));

        assertEquals(List.of(
            new Trade(px("99.00"), 10, lowestFirst, ask, SELL),
            new Trade(px("99.00"), 10, lowestSecond, ask, SELL),
            new Trade(px("99.00"), 10, highest, ask, SELL)), events.of(Trade.class));
    }

    @Test
    void tradesOfTriggeredStopsTriggerFurtherStops()
    {
        final long first = fx.send(buyStop("A", 10, "101.00"));
        final long second = fx.send(buyStop("B", 10, "102.00"));
        final long ask101 = fx.send(sell("X1", 10, "101.00").by(S2));
        final long ask102 = fx.send(sell("X2", 10, "102.00").by(S2));
        final long ask103 = fx.send(sell("X3", 10, "103.00").by(S2));
        events.clear();

        final long bid = fx.send(buy("T1", 10, "101.00").by(S3));

        assertEquals(List.of(
            new Trade(px("101.00"), 10, bid, ask101, BUY),
            new Triggered(first),
            new Trade(px("102.00"), 10, first, ask102, BUY),
            new Triggered(second),
            new Trade(px("103.00"), 10, second, ask103, BUY)), events.of(Trade.class, Triggered.class));
    }

    // ------------------------------------------------------------------------------------------------ 4.9 cancel

    @Test
    void cancelOnlyByOwningSession()
    {
        final long order = fx.send(buy("A1", 100, "99.00"));
        events.clear();

        fx.cancel(S2, "X1", order);
        fx.cancel(S2, "X2", "A1");

        // By OrderID the order is found but is not S2's; by OrigClOrdID S2 has no live "A1".
        assertEquals(List.of(
            new CancelRejected("X1", RejectReason.NOT_OWNER),
            new CancelRejected("X2", RejectReason.UNKNOWN_ORDER)), events.of(CancelRejected.class));
        assertEquals(List.of(), events.of(Cancelled.class));
        assertNotNull(engine.order(order));
        events.clear();

        fx.cancel(S1, "C1", order);

        assertEquals(List.of(new Cancelled(order, CancelReason.USER, 100)), events.of(Cancelled.class));
        assertEquals(List.of(new BookRemove(order)), events.of(BookRemove.class));
        assertEquals(List.of(new Level(BUY, px("99.00"), 0, 0)), events.of(Level.class));
        assertNull(engine.order(order));
    }

    @Test
    void cancelByOrigClOrdId()
    {
        final long kept = fx.send(buy("A1", 100, "99.00"));
        final long target = fx.send(buy("A2", 50, "98.00"));
        events.clear();

        fx.cancel(S1, "C1", "A2");

        assertEquals(List.of(new Cancelled(target, CancelReason.USER, 50)), events.of(Cancelled.class));
        assertNotNull(engine.order(kept));
    }

    @Test
    void cancelByOrderIdTakesPrecedenceOverOrigClOrdId()
    {
        final long byId = fx.send(buy("A1", 100, "99.00"));
        final long byClOrdId = fx.send(buy("A2", 50, "98.00"));
        events.clear();

        fx.cancel(S1, "C1", byId, "A2");

        assertEquals(List.of(new Cancelled(byId, CancelReason.USER, 100)), events.of(Cancelled.class));
        assertNotNull(engine.order(byClOrdId));
    }

    @Test
    void cancelOfUnknownOrDoneOrderAnswersUnknownOrder()
    {
        fx.send(sell("X1", 10, "100.00").by(S2));
        final long filled = fx.send(buy("F1", 10, "100.00"));
        final long cancelled = fx.send(buy("K1", 10, "99.00"));
        fx.cancel(S1, "C0", cancelled);
        events.clear();

        fx.cancel(S1, "C1", 999);
        fx.cancel(S1, "C2", "NOPE");
        fx.cancel(S1, "C3", filled);
        fx.cancel(S1, "C4", "F1");
        fx.cancel(S1, "C5", cancelled);

        assertEquals(List.of(
            new CancelRejected("C1", RejectReason.UNKNOWN_ORDER),
            new CancelRejected("C2", RejectReason.UNKNOWN_ORDER),
            new CancelRejected("C3", RejectReason.UNKNOWN_ORDER),
            new CancelRejected("C4", RejectReason.UNKNOWN_ORDER),
            new CancelRejected("C5", RejectReason.UNKNOWN_ORDER)), events.of(CancelRejected.class));
    }

    @Test
    void cancelNamingAnotherInstrumentAnswersUnknownOrder()
    {
        final long order = fx.send(buy("A1", 100, "99.00"));
        events.clear();

        fx.process(fx.next(CommandType.CANCEL).sessionId(S1).instrumentId(LOT).clOrdId("C1").orderId(order));

        assertEquals(List.of(new CancelRejected("C1", RejectReason.UNKNOWN_ORDER)), events.of(CancelRejected.class));
        assertNotNull(engine.order(order));
    }

    @Test
    void cancelWithoutOrderIdOrOrigClOrdIdIsInvalid()
    {
        fx.send(buy("A1", 100, "99.00"));
        events.clear();

        fx.cancel(S1, "C1", 0, "");

        assertEquals(List.of(new CancelRejected("C1", RejectReason.INVALID_COMMAND)), events.of(CancelRejected.class));
        assertEquals(1, engine.liveOrderCount());
    }

    // ---------------------------------------------------------------------------------------- 4.10 cancel/replace

    @Test
    void replaceDownSamePriceKeepsPriority()
    {
        final long replaced = fx.send(buy("A1", 100, "100.00"));
        final long other = fx.send(buy("B1", 100, "100.00").by(S2));
        events.clear();

        fx.send(replace("A1", "A2").qty(60));

        assertEquals(List.of(new Replaced(replaced, "A2", "A1", 60, px("100.00"), 60)), events.of(Replaced.class));
        assertEquals(List.of(new BookModify(replaced, 60)),
            l3Changes());
        assertEquals(new Level(BUY, px("100.00"), 160, 2), last(events.of(Level.class)));
        events.clear();

        final long ask = fx.send(sell("S1", 60, "100.00").by(S3));

        assertEquals(List.of(new Trade(px("100.00"), 60, replaced, ask, SELL)), events.of(Trade.class));
        assertEquals(100, engine.order(other).leavesQty());
    }

    @Test
    void replaceToSameQuantityAndPriceKeepsPriority()
    {
        final long replaced = fx.send(buy("A1", 100, "100.00"));
        fx.send(buy("B1", 100, "100.00").by(S2));
        fx.send(replace("A1", "A2"));
        events.clear();

        final long ask = fx.send(sell("S1", 100, "100.00").by(S3));

        assertEquals(List.of(new Trade(px("100.00"), 100, replaced, ask, SELL)), events.of(Trade.class));
    }

    @Test
    void replaceUpLosesPriority()
    {
        final long replaced = fx.send(buy("A1", 100, "100.00"));
        final long other = fx.send(buy("B1", 100, "100.00").by(S2));
        events.clear();

        fx.send(replace("A1", "A2").qty(150));

        assertEquals(List.of(new Replaced(replaced, "A2", "A1", 150, px("100.00"), 150)), events.of(Replaced.class));
        assertEquals(List.of(new BookRemove(replaced), new BookAdd(replaced, BUY, px("100.00"), 150)),
            l3Changes());
        events.clear();

        final long ask = fx.send(sell("S1", 100, "100.00").by(S3));

        assertEquals(List.of(new Trade(px("100.00"), 100, other, ask, SELL)), events.of(Trade.class));
    }

    @Test
    void replaceChangingMaxFloorLosesPriority()
    {
        final long replaced = fx.send(buy("A1", 100, "100.00").maxFloor(50));
        final long other = fx.send(buy("B1", 100, "100.00").by(S2));
        events.clear();

        fx.send(replace("A1", "A2").maxFloor(40));

        assertEquals(List.of(new BookRemove(replaced), new BookAdd(replaced, BUY, px("100.00"), 40)),
            l3Changes());
        events.clear();

        final long ask = fx.send(sell("S1", 100, "100.00").by(S3));

        assertEquals(List.of(new Trade(px("100.00"), 100, other, ask, SELL)), events.of(Trade.class));
    }

    @Test
    void replacePriceChangeLosesPriorityAndMayTrade()
    {
        // A1 was entered first at 99.00; moved to 100.00 it queues behind B1, which arrived before the replace.
        final long replaced = fx.send(buy("A1", 100, "99.00"));
        final long other = fx.send(buy("B1", 100, "100.00").by(S2));
        events.clear();

        fx.send(replace("A1", "A2").price("100.00"));

        assertEquals(List.of(new Replaced(replaced, "A2", "A1", 100, px("100.00"), 100)), events.of(Replaced.class));
        assertEquals(List.of(new BookRemove(replaced), new BookAdd(replaced, BUY, px("100.00"), 100)),
            l3Changes());
        events.clear();

        final long ask = fx.send(sell("S1", 150, "100.00").by(S3));

        assertEquals(List.of(
            new Trade(px("100.00"), 100, other, ask, SELL),
            new Trade(px("100.00"), 50, replaced, ask, SELL)), events.of(Trade.class));
    }

    @Test
    void replaceThatCrossesTradesLikeAnIncomingOrder()
    {
        final long replaced = fx.send(buy("A1", 100, "99.00"));
        final long ask = fx.send(sell("X1", 50, "100.00").by(S2));
        events.clear();

        fx.send(replace("A1", "A2").price("100.00"));

        assertEquals(List.of(
            new Replaced(replaced, "A2", "A1", 100, px("100.00"), 100),
            new Trade(px("100.00"), 50, replaced, ask, BUY)), events.of(Replaced.class, Trade.class));
        assertEquals(List.of(new Exec(ask, px("100.00"), 50, 50, 0, false),
            new Exec(replaced, px("100.00"), 50, 50, 50, true)), events.of(Exec.class));
        assertEquals(new BookAdd(replaced, BUY, px("100.00"), 50), last(events.of(BookAdd.class)));
        assertBestBidOffer(px("100.00"), Price.NONE);
    }

    @Test
    void replaceToFilledQuantityCompletesOrder()
    {
        final long replaced = fx.send(buy("A1", 100, "100.00"));
        fx.send(sell("S1", 40, "100.00").by(S2));
        events.clear();

        fx.send(replace("A1", "A2").qty(40));

        assertEquals(List.of(new Replaced(replaced, "A2", "A1", 40, px("100.00"), 0)), events.of(Replaced.class));
        assertEquals(List.of(new BookRemove(replaced)), l3Changes());
        assertEquals(List.of(new Level(BUY, px("100.00"), 0, 0)), events.of(Level.class));
        assertEquals(List.of(), events.of(Trade.class));
        // Nothing was open after the replace, so nothing can be reported cancelled.
        assertTrue(events.of(Cancelled.class).stream().allMatch(cancelled -> cancelled.qty() == 0),
            events.all()::toString);
        assertNull(engine.order(replaced));
    }

    @Test
    void replaceCannotChangeSide()
    {
        final long order = fx.send(buy("A1", 100, "99.00"));
        events.clear();

        fx.send(replace("A1", "A2").side(SELL));

        assertEquals(List.of(new CancelRejected("A2", RejectReason.REPLACE_NOT_ALLOWED)),
            events.of(CancelRejected.class));
        assertOrderUnchanged(order, "A1", BUY, 100, px("99.00"));
    }

    @Test
    void replaceCannotChangeOrderType()
    {
        final long order = fx.send(buy("A1", 100, "99.00"));
        events.clear();

        fx.send(replace("A1", "A2").ordType(OrdType.STOP_LIMIT).stopPrice("101.00"));

        assertEquals(List.of(new CancelRejected("A2", RejectReason.REPLACE_NOT_ALLOWED)),
            events.of(CancelRejected.class));
        assertOrderUnchanged(order, "A1", BUY, 100, px("99.00"));
    }

    @Test
    void replaceCannotChangeInstrument()
    {
        final long order = fx.send(buy("A1", 100, "99.00").on(WIDE));
        events.clear();

        fx.send(replace("A1", "A2").orderId(order).on(TEST));

        // Reading: a request naming another instrument than the order's does not find it (4.9 applies to the
        // lookup of a replace too), or finds it and may not move it: either way the order stays as it was.
        final List<CancelRejected> rejects = events.of(CancelRejected.class);
        assertEquals(1, rejects.size(), events.all()::toString);
        assertTrue(Set.of(RejectReason.REPLACE_NOT_ALLOWED, RejectReason.UNKNOWN_ORDER)
            .contains(rejects.get(0).reason()), rejects::toString);
        assertOrderUnchanged(order, "A1", BUY, 100, px("99.00"));
    }

    @Test
    void replaceToLiveClOrdIdRejected()
    {
        final long order = fx.send(buy("A1", 100, "99.00"));
        fx.send(buy("A2", 100, "98.00"));
        events.clear();

        fx.send(replace("A1", "A2").qty(50));

        assertEquals(List.of(new CancelRejected("A2", RejectReason.DUPLICATE_CLORDID)),
            events.of(CancelRejected.class));
        assertOrderUnchanged(order, "A1", BUY, 100, px("99.00"));
    }

    @Test
    void replaceOnlyByOwningSession()
    {
        final long order = fx.send(buy("A1", 100, "99.00"));
        events.clear();

        fx.send(replace("A1", "X1").orderId(order).by(S2).qty(50));
        fx.send(replace("A1", "X2").by(S2).qty(50));
        fx.send(replace("NOPE", "X3").qty(50));

        assertEquals(List.of(
            new CancelRejected("X1", RejectReason.NOT_OWNER),
            new CancelRejected("X2", RejectReason.UNKNOWN_ORDER),
            new CancelRejected("X3", RejectReason.UNKNOWN_ORDER)), events.of(CancelRejected.class));
        assertOrderUnchanged(order, "A1", BUY, 100, px("99.00"));
    }

    @Test
    void replaceValidatesNewQuantityAndPrice()
    {
        // Reading: the new values of a replace pass the same checks as a new order's, with the same reasons.
        final long order = fx.send(buy("A1", 100, "99.00"));
        events.clear();

        fx.send(replace("A1", "A2").qty(0));
        fx.send(replace("A1", "A3").price("99.005"));
        fx.send(replace("A1", "A4").price("110.01"));

        assertEquals(List.of(
            new CancelRejected("A2", RejectReason.INVALID_QUANTITY),
            new CancelRejected("A3", RejectReason.INVALID_TICK_SIZE),
            new CancelRejected("A4", RejectReason.PRICE_OUT_OF_BAND)), events.of(CancelRejected.class));
        assertOrderUnchanged(order, "A1", BUY, 100, px("99.00"));
    }

    @Test
    void replaceCanChangeStopPrice()
    {
        final long stop = fx.send(buyStop("ST", 10, "101.00"));
        fx.send(replace("ST", "ST2").stopPrice("102.00"));
        assertEquals(List.of(new Replaced(stop, "ST2", "ST", 10, Price.NONE, 10)), events.of(Replaced.class));
        fx.send(sell("X1", 10, "101.00").by(S2));
        fx.send(buy("B1", 10, "101.00").by(S3));
        assertEquals(List.of(), events.of(Triggered.class));

        fx.send(sell("X2", 10, "102.00").by(S2));
        fx.send(buy("B2", 10, "102.00").by(S3));

        assertEquals(List.of(new Triggered(stop)), events.of(Triggered.class));
    }

    // ------------------------------------------------------------------------------- 5. self-trade prevention

    @Test
    void selfTradeCancelNewest()
    {
        final long otherFirm = fx.send(sell("O1", 30, "100.00").by(S2));
        final long ownFirm = fx.send(sell("R1", 100, "100.00").by(S1));
        events.clear();

        final long incoming = fx.send(buy("I1", 80, "100.00").by(S3).stp(SelfTradePrevention.CANCEL_NEWEST));

        assertEquals(List.of(new Trade(px("100.00"), 30, incoming, otherFirm, BUY)), events.of(Trade.class));
        assertEquals(List.of(new Cancelled(incoming, CancelReason.SELF_TRADE, 50)), events.of(Cancelled.class));
        assertEquals(100, engine.order(ownFirm).leavesQty());
        assertEquals(List.of(), events.of(BookAdd.class));
    }

    @Test
    void selfTradeCancelOldest()
    {
        final long ownFirm = fx.send(sell("R1", 30, "100.00").by(S1));
        final long otherFirm = fx.send(sell("O1", 100, "100.00").by(S2));
        events.clear();

        final long incoming = fx.send(buy("I1", 80, "100.00").by(S3).stp(SelfTradePrevention.CANCEL_OLDEST));

        assertEquals(List.of(
            new Cancelled(ownFirm, CancelReason.SELF_TRADE, 30),
            new Trade(px("100.00"), 80, incoming, otherFirm, BUY)), events.of(Cancelled.class, Trade.class));
        assertEquals(20, engine.order(otherFirm).leavesQty());
    }

    @Test
    void selfTradeCancelBoth()
    {
        final long ownFirm = fx.send(sell("R1", 30, "100.00").by(S1));
        final long otherFirm = fx.send(sell("O1", 100, "100.00").by(S2));
        events.clear();

        final long incoming = fx.send(buy("I1", 80, "100.00").by(S3).stp(SelfTradePrevention.CANCEL_BOTH));

        assertEquals(List.of(), events.of(Trade.class));
        // The rulebook does not order the two cancels.
        final List<Cancelled> cancels = events.of(Cancelled.class);
        assertEquals(2, cancels.size(), cancels::toString);
        assertEquals(Set.of(
            new Cancelled(ownFirm, CancelReason.SELF_TRADE, 30),
            new Cancelled(incoming, CancelReason.SELF_TRADE, 80)), new HashSet<>(cancels));
        assertEquals(100, engine.order(otherFirm).leavesQty());
    }

    @Test
    void selfTradeDecrement()
    {
        final long resting = fx.send(sell("R1", 100, "100.00").by(S1));
        events.clear();

        final long incoming = fx.send(buy("I1", 30, "100.00").by(S3).stp(SelfTradePrevention.DECREMENT));

        assertEquals(List.of(), events.of(Trade.class));
        assertEquals(List.of(new Reduced(resting, 30, 70, CancelReason.SELF_TRADE)), events.forOrder(resting)
            .stream().filter(Reduced.class::isInstance).toList());
        // Reading: the order reduced to zero may be reported as reduced then cancelled (0 open) or as cancelled
        // (30 open); either way 30 leaves it without a trade, and it ends cancelled for SELF_TRADE.
        assertEquals(30, events.quantityRemovedWithoutTrade(incoming), events.all()::toString);
        assertTrue(events.of(Cancelled.class).stream()
            .anyMatch(c -> c.orderId() == incoming && c.reason() == CancelReason.SELF_TRADE), events.all()::toString);
        assertEquals(70, engine.order(resting).leavesQty());
        assertEquals(List.of(new BookModify(resting, 70)), l3Changes());
        assertNull(engine.order(incoming));
    }

    @Test
    void selfTradeDecrementLetsTheRemainderMatchOn()
    {
        final long ownFirm = fx.send(sell("R1", 30, "100.00").by(S1));
        final long otherFirm = fx.send(sell("O1", 100, "100.00").by(S2));
        events.clear();

        final long incoming = fx.send(buy("I1", 80, "100.00").by(S3).stp(SelfTradePrevention.DECREMENT));

        assertEquals(30, events.quantityRemovedWithoutTrade(ownFirm), events.all()::toString);
        assertTrue(events.of(Cancelled.class).stream()
            .anyMatch(c -> c.orderId() == ownFirm && c.reason() == CancelReason.SELF_TRADE), events.all()::toString);
        assertEquals(List.of(new Reduced(incoming, 30, 50, CancelReason.SELF_TRADE)), events.forOrder(incoming)
            .stream().filter(Reduced.class::isInstance).toList());
        assertEquals(List.of(new Trade(px("100.00"), 50, incoming, otherFirm, BUY)), events.of(Trade.class));
        assertNull(engine.order(ownFirm));
        assertEquals(50, engine.order(otherFirm).leavesQty());
    }

    @Test
    void noSelfTradePreventionAcrossFirms()
    {
        final long resting = fx.send(sell("R1", 30, "100.00").by(S2));
        events.clear();

        final long incoming = fx.send(buy("I1", 30, "100.00").by(S1).stp(SelfTradePrevention.CANCEL_BOTH));

        assertEquals(List.of(new Trade(px("100.00"), 30, incoming, resting, BUY)), events.of(Trade.class));
        assertEquals(List.of(), events.of(Cancelled.class));
    }

    @Test
    void selfTradeAllowedWhenIncomingModeIsNone()
    {
        // The mode that counts is the incoming order's, not the resting one's.
        final long resting = fx.send(sell("R1", 30, "100.00").by(S1).stp(SelfTradePrevention.CANCEL_BOTH));
        events.clear();

        final long incoming = fx.send(buy("I1", 30, "100.00").by(S3));

        assertEquals(List.of(new Trade(px("100.00"), 30, incoming, resting, BUY)), events.of(Trade.class));
    }

    @Test
    void firmZeroNeverSelfTrades()
    {
        final long resting = fx.send(sell("R1", 30, "100.00").by(S1).firm(0));
        events.clear();

        final long incoming = fx.send(buy("I1", 30, "100.00").by(S3).firm(0).stp(SelfTradePrevention.CANCEL_BOTH));

        assertEquals(List.of(new Trade(px("100.00"), 30, incoming, resting, BUY)), events.of(Trade.class));
    }

    @Test
    void selfTradePreventionDoesNotApplyInAuctionUncross()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        final long bid = fx.send(buy("B1", 10, "100.00").by(S1).stp(SelfTradePrevention.CANCEL_BOTH));
        final long ask = fx.send(sell("S1", 10, "100.00").by(S3).stp(SelfTradePrevention.CANCEL_BOTH));
        events.clear();

        fx.setPhase(TEST, TradingPhase.CONTINUOUS);

        assertEquals(List.of(new AuctionTrade(px("100.00"), 10, bid, ask)), events.of(AuctionTrade.class));
        assertEquals(List.of(), events.of(Cancelled.class));
    }

    // ------------------------------------------------------------------------------------------------ 6. phases

    @Test
    void preOpenAcceptsOrdersWithoutMatching()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        assertEquals(List.of(new Status(TEST, TradingPhase.PRE_OPEN, false)), events.of(Status.class));
        events.clear();

        final long bid = fx.send(buy("B1", 10, "101.00"));
        final long ask = fx.send(sell("S1", 10, "99.00").by(S2));

        assertEquals(List.of(
            new Accepted(bid, "B1", BUY, 10, px("101.00")),
            new Accepted(ask, "S1", SELL, 10, px("99.00"))), events.of(Accepted.class));
        assertEquals(List.of(), events.of(Trade.class, AuctionTrade.class));
        assertBestBidOffer(px("101.00"), px("99.00"));
    }

    @Test
    void iocRejectedInCallPhase()
    {
        for (final TradingPhase call : List.of(
            TradingPhase.PRE_OPEN, TradingPhase.OPENING_AUCTION, TradingPhase.CLOSING_AUCTION))
        {
            fx.setPhase(TEST, call);
            events.clear();

            fx.send(buy("I1", 10, "100.00").ioc());
            fx.send(buy("F1", 10, "100.00").fok());

            assertEquals(List.of(
                new Rejected("I1", RejectReason.NOT_ALLOWED_IN_PHASE),
                new Rejected("F1", RejectReason.NOT_ALLOWED_IN_PHASE)), events.of(Rejected.class), call::toString);
        }
    }

    @Test
    void phaseChangeToCurrentPhaseIsIgnored()
    {
        fx.send(buy("B1", 10, "99.00"));
        events.clear();

        fx.setPhase(TEST, TradingPhase.CONTINUOUS);

        assertEquals(List.of(), events.all());
    }

    @Test
    void operatorCommandsOnUnknownInstrumentAreRefused()
    {
        fx.setPhase(UNKNOWN_INSTRUMENT, TradingPhase.PRE_OPEN);
        fx.halt(UNKNOWN_INSTRUMENT);
        fx.resume(UNKNOWN_INSTRUMENT);
        fx.setReferencePrice(UNKNOWN_INSTRUMENT, "100.00");
        fx.massCancel(0, UNKNOWN_INSTRUMENT, false);

        assertEquals(List.of(
            new CommandRejected(CommandType.SET_PHASE, RejectReason.UNKNOWN_INSTRUMENT),
            new CommandRejected(CommandType.HALT, RejectReason.UNKNOWN_INSTRUMENT),
            new CommandRejected(CommandType.RESUME, RejectReason.UNKNOWN_INSTRUMENT),
            new CommandRejected(CommandType.SET_REFERENCE_PRICE, RejectReason.UNKNOWN_INSTRUMENT),
            new CommandRejected(CommandType.MASS_CANCEL, RejectReason.UNKNOWN_INSTRUMENT)), events.all());
    }

    @Test
    void invalidReferencePriceIsRefused()
    {
        fx.process(fx.next(CommandType.SET_REFERENCE_PRICE).instrumentId(TEST).price(0));
        fx.process(fx.next(CommandType.SET_REFERENCE_PRICE).instrumentId(TEST).price(px("-5.00")));
        fx.process(fx.next(CommandType.SET_REFERENCE_PRICE).instrumentId(TEST).price(px("100.005")));

        // Reading: the rulebook names no reason for an invalid value; what matters is the refusal.
        assertEquals(3, events.of(CommandRejected.class).size(), events.all()::toString);
        assertEquals(List.of(), events.of(ReferencePrice.class));
        assertEquals(px("100.00"), engine.referencePrice(TEST));
    }

    @Test
    void openingAuctionUncrossesAtMaximumVolume()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        fx.setPhase(TEST, TradingPhase.OPENING_AUCTION);
        final long bid102 = fx.send(buy("B1", 200, "102.00"));
        final long bid99 = fx.send(buy("B2", 100, "99.00"));
        final long ask101 = fx.send(sell("S1", 100, "101.00").by(S2));
        final long ask102 = fx.send(sell("S2", 100, "102.00").by(S2));
        events.clear();

        fx.setPhase(TEST, TradingPhase.CONTINUOUS);

        // Executable volume: 99.00 -> 0, 100.00 (reference) -> 0, 101.00 -> 100, 102.00 -> 200.
        assertEquals(List.of(new Auction(px("102.00"), 200, 0)), events.of(Auction.class));
        assertEquals(List.of(
            new AuctionTrade(px("102.00"), 100, bid102, ask101),
            new AuctionTrade(px("102.00"), 100, bid102, ask102)), events.of(AuctionTrade.class));
        assertEquals(List.of(), events.of(Trade.class));
        assertEquals(List.of(new ReferencePrice(TEST, px("102.00"))), events.of(ReferencePrice.class));
        assertEquals(px("102.00"), engine.referencePrice(TEST));
        assertEquals(px("102.00"), engine.lastTradePrice(TEST));
        assertEquals(new Status(TEST, TradingPhase.CONTINUOUS, false), last(events.of(Status.class)));
        assertBestBidOffer(px("99.00"), Price.NONE);
        assertEquals(100, engine.order(bid99).leavesQty());
    }

    @Test
    void auctionTieBrokenByMinimumImbalance()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        final long bid = fx.send(buy("B1", 100, "101.00"));
        final long ask99 = fx.send(sell("S1", 100, "99.00").by(S2));
        final long ask100 = fx.send(sell("S2", 50, "100.00").by(S2));
        events.clear();

        fx.setPhase(TEST, TradingPhase.CONTINUOUS);

        // 100 executes at 99.00, 100.00 and 101.00; the imbalance is 0 at 99.00 and -50 at the other two.
        assertEquals(List.of(new Auction(px("99.00"), 100, 0)), events.of(Auction.class));
        assertEquals(List.of(new AuctionTrade(px("99.00"), 100, bid, ask99)), events.of(AuctionTrade.class));
        assertEquals(50, engine.order(ask100).leavesQty());
    }

    @Test
    void auctionTieBrokenByReferencePrice()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        final long bid = fx.send(buy("B1", 100, "102.00"));
        final long ask = fx.send(sell("S1", 100, "98.00").by(S2));
        events.clear();

        fx.setPhase(TEST, TradingPhase.CONTINUOUS);

        // 98.00, 100.00 and 102.00 all execute 100 with no imbalance: the reference price 100.00 wins.
        assertEquals(List.of(new Auction(px("100.00"), 100, 0)), events.of(Auction.class));
        assertEquals(List.of(new AuctionTrade(px("100.00"), 100, bid, ask)), events.of(AuctionTrade.class));
    }

    @Test
    void auctionTieBrokenByPriceNearestToReference()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        final long bid = fx.send(buy("B1", 100, "104.00"));
        final long ask = fx.send(sell("S1", 100, "102.00").by(S2));
        events.clear();

        fx.setPhase(TEST, TradingPhase.CONTINUOUS);

        // Nothing executes at the reference 100.00; 102.00 and 104.00 tie and 102.00 is nearer to it.
        assertEquals(List.of(new Auction(px("102.00"), 100, 0)), events.of(Auction.class));
        assertEquals(List.of(new AuctionTrade(px("102.00"), 100, bid, ask)), events.of(AuctionTrade.class));
    }

    @Test
    void auctionAllocatesByPriceTimePriority()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        final long earlier101 = fx.send(buy("B1", 100, "101.00"));
        final long later101 = fx.send(buy("B2", 100, "101.00"));
        final long best = fx.send(buy("B3", 100, "102.00"));
        final long ask99 = fx.send(sell("S1", 150, "99.00").by(S2));
        final long ask100 = fx.send(sell("S2", 50, "100.00").by(S2));
        events.clear();

        fx.setPhase(TEST, TradingPhase.CONTINUOUS);

        // 200 executes at 100.00 and 101.00 with a buy surplus of 100 at both; 100.00 is the reference.
        assertEquals(List.of(new Auction(px("100.00"), 200, 100)), events.of(Auction.class));
        assertEquals(List.of(
            new AuctionTrade(px("100.00"), 100, best, ask99),
            new AuctionTrade(px("100.00"), 50, earlier101, ask99),
            new AuctionTrade(px("100.00"), 50, earlier101, ask100)), events.of(AuctionTrade.class));
        assertEquals(100, engine.order(later101).leavesQty());
        assertBestBidOffer(px("101.00"), Price.NONE);
    }

    @Test
    void auctionMarketOrdersCancelledAfterUncross()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        final long market = fx.send(buyMarket("M1", 150));
        final long ask = fx.send(sell("S1", 100, "99.00").by(S2));
        events.clear();

        fx.setPhase(TEST, TradingPhase.CONTINUOUS);

        // The market buy bids at its collar (110.00): 100 executes at every candidate price with a buy surplus of
        // 50, so the reference 100.00 wins.
        assertEquals(List.of(new Auction(px("100.00"), 100, 50)), events.of(Auction.class));
        assertEquals(List.of(new AuctionTrade(px("100.00"), 100, market, ask)), events.of(AuctionTrade.class));
        // Reading: the remainder of a market order is cancelled as IOC_REMAINDER ("the part of an IOC (or market)
        // order that could not trade at once").
        assertEquals(List.of(new Cancelled(market, CancelReason.IOC_REMAINDER, 50)), events.of(Cancelled.class));
        assertNull(engine.order(market));
    }

    @Test
    void auctionMarketOrderJoinsAtItsCollarPrice()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        final long ask104 = fx.send(sell("S1", 10, "104.00").by(S2));
        final long ask108 = fx.send(sell("S2", 10, "108.00").by(S2));
        // With the reference at 97.00 a market buy bids 106.70 (97.00 + 10 %): it reaches 104.00, not 108.00.
        fx.setReferencePrice(TEST, "97.00");
        final long market = fx.send(buyMarket("M1", 20));
        events.clear();

        fx.setPhase(TEST, TradingPhase.CONTINUOUS);

        // 10 executes at 104.00 (and 106.70) with a buy surplus of 10; 104.00 is nearer to the reference.
        assertEquals(List.of(new Auction(px("104.00"), 10, 10)), events.of(Auction.class));
        assertEquals(List.of(new AuctionTrade(px("104.00"), 10, market, ask104)), events.of(AuctionTrade.class));
        assertEquals(List.of(new Cancelled(market, CancelReason.IOC_REMAINDER, 10)), events.of(Cancelled.class));
        assertEquals(10, engine.order(ask108).leavesQty());
    }

    @Test
    void closingAuctionUncrossesBeforeDayOrdersExpire()
    {
        fx.setPhase(TEST, TradingPhase.CLOSING_AUCTION);
        final long bid = fx.send(buy("B1", 30, "101.00"));
        final long ask = fx.send(sell("S1", 10, "100.00").by(S2));
        events.clear();

        fx.setPhase(TEST, TradingPhase.CLOSED);

        // 10 executes at 100.00 and 101.00, with a buy surplus of 20 at both: the reference 100.00 wins.
        assertEquals(List.of(new Auction(px("100.00"), 10, 20)), events.of(Auction.class));
        assertEquals(List.of(
            new AuctionTrade(px("100.00"), 10, bid, ask),
            new Cancelled(bid, CancelReason.END_OF_DAY, 20)), events.of(AuctionTrade.class, Cancelled.class));
    }

    @Test
    void auctionResultReportedWhenNothingTrades()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        fx.send(buy("B1", 10, "99.00"));
        fx.send(sell("S1", 10, "101.00").by(S2));
        fx.setPhase(WIDE, TradingPhase.PRE_OPEN);
        events.clear();

        fx.setPhase(TEST, TradingPhase.CONTINUOUS);
        fx.setPhase(WIDE, TradingPhase.CONTINUOUS);

        // Reading: when nothing crosses no price "could clear", so the result carries no price (as a venue
        // publishes no auction price without an execution), volume 0 and no imbalance.
        assertEquals(List.of(new Auction(Price.NONE, 0, 0), new Auction(Price.NONE, 0, 0)),
            events.of(Auction.class));
        assertEquals(px("100.00"), engine.referencePrice(TEST));
        assertEquals(List.of(), events.of(AuctionTrade.class, Trade.class));
        assertBestBidOffer(px("99.00"), px("101.00"));
    }

    @Test
    void closeExpiresDayOrdersKeepsGtc()
    {
        final long day = fx.send(buy("D1", 10, "99.00"));
        final long gtc = fx.send(buy("G1", 10, "98.00").gtc());
        final long gtd = fx.send(buy("T1", 10, "97.00").gtd(fx.now() + 3_600_000 * MILLISECOND));
        final long dayStop = fx.send(buyStop("ST", 10, "105.00"));
        fx.setPhase(TEST, TradingPhase.CLOSING_AUCTION);
        events.clear();

        fx.setPhase(TEST, TradingPhase.CLOSED);

        assertEquals(Set.of(
            new Cancelled(day, CancelReason.END_OF_DAY, 10),
            new Cancelled(dayStop, CancelReason.END_OF_DAY, 10)), new HashSet<>(events.of(Cancelled.class)));
        assertEquals(2, events.of(Cancelled.class).size());
        assertNotNull(engine.order(gtc));
        assertNotNull(engine.order(gtd));
        assertEquals(new Status(TEST, TradingPhase.CLOSED, false), last(events.of(Status.class)));
    }

    @Test
    void closedRejectsNewOrders()
    {
        final long gtc = fx.send(buy("G1", 10, "98.00").gtc());
        fx.setPhase(TEST, TradingPhase.CLOSED);
        events.clear();

        fx.send(buy("A1", 10, "99.00"));
        fx.cancel(S1, "C1", gtc);

        assertEquals(List.of(new Rejected("A1", RejectReason.MARKET_CLOSED)), events.of(Rejected.class));
        assertEquals(List.of(new Cancelled(gtc, CancelReason.USER, 10)), events.of(Cancelled.class));
    }

    @Test
    void haltSuspendsMatchingAndCancelsImmediateOrders()
    {
        fx.send(sell("S1", 10, "100.00").by(S2));
        events.clear();

        fx.halt(TEST);

        assertEquals(List.of(new Status(TEST, TradingPhase.CONTINUOUS, true)), events.of(Status.class));
        assertTrue(engine.isHalted(TEST));
        events.clear();

        final long limit = fx.send(buy("B1", 10, "100.00"));
        final long ioc = fx.send(buy("I1", 10, "100.00").ioc());
        final long fok = fx.send(buy("F1", 10, "100.00").fok());
        final long market = fx.send(buyMarket("M1", 10));
        fx.cancel(S1, "C1", limit);

        assertEquals(4, events.of(Accepted.class).size(), events.all()::toString);
        assertEquals(List.of(), events.of(Trade.class));
        assertEquals(List.of(
            new Cancelled(ioc, CancelReason.HALT, 10),
            new Cancelled(fok, CancelReason.HALT, 10),
            new Cancelled(market, CancelReason.HALT, 10),
            new Cancelled(limit, CancelReason.USER, 10)), events.of(Cancelled.class));
        assertEquals(List.of(new BookAdd(limit, BUY, px("100.00"), 10)), events.of(BookAdd.class));
    }

    @Test
    void resumeUncrossesTheBook()
    {
        final long ask = fx.send(sell("S1", 10, "100.00").by(S2));
        fx.halt(TEST);
        final long bid = fx.send(buy("B1", 10, "101.00"));
        events.clear();

        fx.resume(TEST);

        // 10 executes at 100.00 and 101.00 with no imbalance; 100.00 is the reference price.
        assertEquals(List.of(new Auction(px("100.00"), 10, 0)), events.of(Auction.class));
        assertEquals(List.of(new AuctionTrade(px("100.00"), 10, bid, ask)), events.of(AuctionTrade.class));
        assertEquals(new Status(TEST, TradingPhase.CONTINUOUS, false), last(events.of(Status.class)));
        assertFalse(engine.isHalted(TEST));
        assertEquals(TradingPhase.CONTINUOUS, engine.phase(TEST));
    }

    @Test
    void resumeReturnsToThePhaseBeforeTheHalt()
    {
        fx.setPhase(TEST, TradingPhase.PRE_OPEN);
        fx.halt(TEST);
        assertEquals(new Status(TEST, TradingPhase.PRE_OPEN, true), last(events.of(Status.class)));

        fx.resume(TEST);

        assertEquals(new Status(TEST, TradingPhase.PRE_OPEN, false), last(events.of(Status.class)));
        assertEquals(TradingPhase.PRE_OPEN, engine.phase(TEST));
        assertFalse(engine.isHalted(TEST));
    }

    @Test
    void dynamicBandFollowsTheLastTradePrice()
    {
        fx.send(sell("S1", 10, "104.00").by(S2));
        fx.send(buy("B1", 10, "104.00"));
        final long ask = fx.send(sell("S2", 10, "108.00").by(S2));
        events.clear();

        // After a print at 104.00 the dynamic band is 98.80-109.20: 108.00 may trade.
        final long bid = fx.send(buy("B2", 10, "108.00"));

        assertEquals(List.of(new Trade(px("108.00"), 10, bid, ask, BUY)), events.of(Trade.class));
        assertFalse(engine.isHalted(TEST));
    }

    @Test
    void volatilityHaltWhenTradeWouldLeaveDynamicBand()
    {
        final long ask100 = fx.send(sell("S1", 10, "100.00").by(S2));
        fx.send(sell("S2", 10, "106.00").by(S2));
        events.clear();

        final long bid = fx.send(buy("B1", 20, "106.00"));

        // 100.00 is inside the dynamic band (95.00-105.00), 106.00 is not: the second trade is not done.
        assertEquals(List.of(new Trade(px("100.00"), 10, bid, ask100, BUY)), events.of(Trade.class));
        assertEquals(List.of(new Status(TEST, TradingPhase.CONTINUOUS, true)), events.of(Status.class));
        assertTrue(engine.isHalted(TEST));
        assertEquals(List.of(new BookAdd(bid, BUY, px("106.00"), 10)), events.of(BookAdd.class));
        assertEquals(List.of(), events.of(Cancelled.class));
    }

    @Test
    void volatilityHaltCancelsImmediateRemainder()
    {
        fx.send(sell("S1", 10, "106.00").by(S2));
        events.clear();

        final long ioc = fx.send(buy("I1", 10, "106.00").ioc());

        assertEquals(List.of(), events.of(Trade.class));
        assertEquals(List.of(new Cancelled(ioc, CancelReason.HALT, 10)), events.of(Cancelled.class));
        assertTrue(engine.isHalted(TEST));
    }

    @Test
    void referencePriceMovesTheBand()
    {
        fx.setReferencePrice(TEST, "120.00");

        assertEquals(List.of(new ReferencePrice(TEST, px("120.00"))), events.of(ReferencePrice.class));
        assertEquals(px("120.00"), engine.referencePrice(TEST));
        events.clear();

        // The static band is now 108.00-132.00.
        fx.send(buy("A1", 10, "107.99"));
        final long low = fx.send(buy("A2", 10, "108.00"));
        fx.send(sell("A3", 10, "132.01"));
        final long high = fx.send(sell("A4", 10, "132.00"));

        assertEquals(List.of(
            new Rejected("A1", RejectReason.PRICE_OUT_OF_BAND),
            new Rejected("A3", RejectReason.PRICE_OUT_OF_BAND)), events.of(Rejected.class));
        assertNotEquals(0, low);
        assertNotEquals(0, high);
    }

    // ------------------------------------------------------------------------------- 7. expiry and mass cancel

    @Test
    void gtdExpiresOnTimerTick()
    {
        final long expireTime = fx.nextTimestamp() + 10 * MILLISECOND;
        final long gtd = fx.send(buy("G1", 10, "99.00").gtd(expireTime));
        final long later = fx.send(buy("G2", 10, "98.00").gtd(expireTime + 10 * MILLISECOND));
        events.clear();

        fx.timerTickAt(expireTime - 1);
        assertEquals(List.of(), events.of(Cancelled.class));

        fx.timerTickAt(expireTime);

        assertEquals(List.of(new Cancelled(gtd, CancelReason.EXPIRY, 10)), events.of(Cancelled.class));
        assertEquals(List.of(new BookRemove(gtd)), events.of(BookRemove.class));
        events.clear();

        // The first tick at or after the expire time: a late tick still expires it.
        fx.timerTickAt(expireTime + 15 * MILLISECOND);

        assertEquals(List.of(new Cancelled(later, CancelReason.EXPIRY, 10)), events.of(Cancelled.class));
    }

    @Test
    void massCancelBySession()
    {
        final long s1Test = fx.send(buy("A1", 10, "99.00"));
        final long s1Lot = fx.send(buy("A2", 100, "19.95").on(LOT));
        final long s2Test = fx.send(buy("B1", 10, "98.00").by(S2));
        events.clear();

        fx.massCancel(S1, 0, false);

        assertMassCancelled(
            new Cancelled(s1Test, CancelReason.MASS_CANCEL, 10), new Cancelled(s1Lot, CancelReason.MASS_CANCEL, 100));
        assertNotNull(engine.order(s2Test));
    }

    @Test
    void massCancelByInstrument()
    {
        final long s1Test = fx.send(buy("A1", 10, "99.00"));
        final long s1Lot = fx.send(buy("A2", 100, "19.95").on(LOT));
        final long s2Test = fx.send(buy("B1", 10, "98.00").by(S2));
        events.clear();

        fx.massCancel(0, TEST, false);

        assertMassCancelled(
            new Cancelled(s1Test, CancelReason.MASS_CANCEL, 10), new Cancelled(s2Test, CancelReason.MASS_CANCEL, 10));
        assertNotNull(engine.order(s1Lot));
    }

    @Test
    void massCancelBySessionAndInstrument()
    {
        final long s1Test = fx.send(buy("A1", 10, "99.00"));
        final long s1Lot = fx.send(buy("A2", 100, "19.95").on(LOT));
        final long s2Test = fx.send(buy("B1", 10, "98.00").by(S2));
        events.clear();

        fx.massCancel(S1, TEST, false);

        assertMassCancelled(new Cancelled(s1Test, CancelReason.MASS_CANCEL, 10));
        assertNotNull(engine.order(s1Lot));
        assertNotNull(engine.order(s2Test));
    }

    @Test
    void massCancelDayOnly()
    {
        final long day = fx.send(buy("D1", 10, "99.00"));
        final long gtc = fx.send(buy("G1", 10, "98.00").gtc());
        final long gtd = fx.send(buy("T1", 10, "97.00").gtd(fx.now() + 3_600_000 * MILLISECOND));
        events.clear();

        fx.massCancel(S1, 0, true);

        assertMassCancelled(new Cancelled(day, CancelReason.MASS_CANCEL, 10));
        assertNotNull(engine.order(gtc));
        assertNotNull(engine.order(gtd));
    }

    @Test
    void massCancelWithNothingToCancelReportsZero()
    {
        fx.send(buy("B1", 10, "98.00").by(S2));
        events.clear();

        fx.massCancel(S1, 0, false);

        assertEquals(List.of(new MassCancelled(0)), events.of(Cancelled.class, MassCancelled.class));
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private void assertRejected(final OrderTicket ticket, final RejectReason reason)
    {
        events.clear();
        final long orderId = fx.send(ticket);
        assertEquals(List.of(new Rejected(ticket.clOrdId(), reason)), events.of(Rejected.class),
            () -> "events: " + events.all());
        assertEquals(0, orderId, "no order exists after a reject");
        assertEquals(List.of(), events.of(Accepted.class, BookAdd.class, Trade.class));
    }

    private void assertBestBidOffer(final long bid, final long ask)
    {
        assertEquals(
            Price.toString(bid) + " / " + Price.toString(ask),
            Price.toString(engine.bestBid(TEST)) + " / " + Price.toString(engine.bestAsk(TEST)));
    }

    private void assertOrderUnchanged(
        final long orderId, final String clOrdId, final Side side, final long quantity, final long price)
    {
        final OrderView order = engine.order(orderId);
        assertNotNull(order, "order #" + orderId + " is still live");
        assertEquals(
            List.of(clOrdId, side, quantity, Price.toString(price)),
            List.of(order.clOrdId().toString(), order.side(), order.quantity(), Price.toString(order.price())));
        assertEquals(List.of(), events.of(Replaced.class, Cancelled.class, Trade.class));
    }

    private void assertMassCancelled(final Cancelled... expected)
    {
        final List<EngineEvent> reported = events.of(Cancelled.class, MassCancelled.class);
        assertEquals(new MassCancelled(expected.length), last(reported), "the completion comes last: " + reported);
        // The rulebook does not order the cancels of one mass cancel.
        assertEquals(Set.of(expected), new HashSet<>(reported.subList(0, reported.size() - 1)));
        assertEquals(expected.length, reported.size() - 1, reported::toString);
        for (final Cancelled cancelled : expected)
        {
            assertNull(engine.order(cancelled.orderId()));
        }
    }

    /** The L3 changes (adds, modifies, removes) in order. */
    private List<EngineEvent> l3Changes()
    {
        return events.of(BookAdd.class, BookModify.class, BookRemove.class);
    }

    private static <T> T last(final List<T> list)
    {
        if (list.isEmpty())
        {
            throw new AssertionError("expected at least one event");
        }
        return list.get(list.size() - 1);
    }
}
