package io.bourse.exchange.systemtest;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecType;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.Text;
import quickfix.field.TimeInForce;

import static io.bourse.exchange.systemtest.Fix42.BUY;
import static io.bourse.exchange.systemtest.Fix42.SELL;
import static io.bourse.exchange.systemtest.FixAssert.assertCanceled;
import static io.bourse.exchange.systemtest.FixAssert.assertDistinctExecIds;
import static io.bourse.exchange.systemtest.FixAssert.assertFields;
import static io.bourse.exchange.systemtest.FixAssert.assertNew;
import static io.bourse.exchange.systemtest.FixAssert.assertReplaced;
import static io.bourse.exchange.systemtest.FixAssert.assertStatus;
import static io.bourse.exchange.systemtest.FixAssert.assertTrade;
import static io.bourse.exchange.systemtest.FixAssert.assertUnsolicitedCancel;
import static io.bourse.exchange.systemtest.FixAssert.is;
import static io.bourse.exchange.systemtest.FixAssert.mentions;
import static io.bourse.exchange.systemtest.FixAssert.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Order entry over FIX 4.2 between two sessions: matching, partial fills, cancel, replace with and without time
 * priority, order status. CLIENT1 and CLIENT2 belong to different firms, so self-trade prevention never interferes.
 */
@Timeout(90)
class OrderEntryIT
{
    @RegisterExtension
    final SystemTestSupport system = new SystemTestSupport();

    @Test
    void crossingOrdersFromTwoSessionsAreAcknowledgedAndFilledOnBothSides()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);

        buyer.send(Fix42.limitOrder("B1", BUY, 100, "100.00"));
        final Message buyNew = buyer.awaitExecutionReport("B1");
        assertNew(buyNew, "B1", BUY, 100, "100.00");

        seller.send(Fix42.limitOrder("S1", SELL, 100, "100.00"));
        final Message sellNew = seller.awaitExecutionReport("S1");
        assertNew(sellNew, "S1", SELL, 100, "100.00");
        final Message sellFill = seller.awaitExecutionReport("S1");
        assertTrade(sellFill, "S1", 100, "100.00", 100, 0, "100.00");
        final Message buyFill = buyer.awaitExecutionReport("B1");
        assertTrade(buyFill, "B1", 100, "100.00", 100, 0, "100.00");

        assertNotEquals(Fix42.field(buyNew, OrderID.FIELD), Fix42.field(sellNew, OrderID.FIELD));
        assertEquals(Fix42.field(buyNew, OrderID.FIELD), Fix42.field(buyFill, OrderID.FIELD));
        assertEquals(Fix42.field(sellNew, OrderID.FIELD), Fix42.field(sellFill, OrderID.FIELD));
        assertDistinctExecIds(List.of(buyNew, buyFill, sellNew, sellFill));
    }

    @Test
    void twoSellsFillARestingBuyPartiallyThenFully()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);
        final List<Message> reports = new ArrayList<>();

        buyer.send(Fix42.limitOrder("B1", BUY, 100, "100.00"));
        reports.add(buyer.awaitExecutionReport("B1"));
        assertNew(reports.get(0), "B1", BUY, 100, "100.00");

        seller.send(Fix42.limitOrder("S1", SELL, 30, "100.00"));
        reports.add(seller.awaitExecutionReport("S1"));
        assertNew(reports.get(1), "S1", SELL, 30, "100.00");
        final Message firstSellFill = seller.awaitExecutionReport("S1");
        reports.add(firstSellFill);
        assertTrade(firstSellFill, "S1", 30, "100.00", 30, 0, "100.00");
        final Message partial = buyer.awaitExecutionReport("B1");
        reports.add(partial);
        assertTrade(partial, "B1", 30, "100.00", 30, 70, "100.00");

        // Below the buy's limit, so it trades at the resting buy's price, 100.00, not at its own 99.99.
        seller.send(Fix42.limitOrder("S2", SELL, 70, "99.99"));
        reports.add(seller.awaitExecutionReport("S2"));
        assertNew(reports.get(4), "S2", SELL, 70, "99.99");
        final Message secondSellFill = seller.awaitExecutionReport("S2");
        reports.add(secondSellFill);
        assertTrade(secondSellFill, "S2", 70, "100.00", 70, 0, "100.00");
        final Message fill = buyer.awaitExecutionReport("B1");
        reports.add(fill);
        assertTrade(fill, "B1", 70, "100.00", 100, 0, "100.00");

        assertDistinctExecIds(reports);
    }

    @Test
    void buySweepingTwoPriceLevelsTradesAtEachRestingPriceWithTheWeightedAveragePrice()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);

        seller.send(Fix42.limitOrder("S1", SELL, 30, "100.00"));
        assertNew(seller.awaitExecutionReport("S1"), "S1", SELL, 30, "100.00");
        seller.send(Fix42.limitOrder("S2", SELL, 70, "100.10"));
        assertNew(seller.awaitExecutionReport("S2"), "S2", SELL, 70, "100.10");

        buyer.send(Fix42.limitOrder("B1", BUY, 100, "100.10"));
        assertNew(buyer.awaitExecutionReport("B1"), "B1", BUY, 100, "100.10");
        assertTrade(buyer.awaitExecutionReport("B1"), "B1", 30, "100.00", 30, 70, "100.00");
        // (30 x 100.00 + 70 x 100.10) / 100 = 100.07
        assertTrade(buyer.awaitExecutionReport("B1"), "B1", 70, "100.10", 100, 0, "100.07");

        assertTrade(seller.awaitExecutionReport("S1"), "S1", 30, "100.00", 30, 0, "100.00");
        assertTrade(seller.awaitExecutionReport("S2"), "S2", 70, "100.10", 70, 0, "100.10");
    }

    @Test
    void canceledOrderLeavesTheBook()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);

        buyer.send(Fix42.limitOrder("B1", BUY, 100, "99.00"));
        final Message buyNew = buyer.awaitExecutionReport("B1");
        assertNew(buyNew, "B1", BUY, 100, "99.00");

        buyer.send(Fix42.cancel("C1", "B1", BUY, 100));
        final Message canceled = buyer.awaitExecutionReport("C1");
        assertCanceled(canceled, "C1", "B1", 0);
        assertEquals(Fix42.field(buyNew, OrderID.FIELD), Fix42.field(canceled, OrderID.FIELD));

        // A sell at the canceled buy's price must rest: nothing is left to trade with.
        seller.send(Fix42.limitOrder("S1", SELL, 100, "99.00"));
        assertNew(seller.awaitExecutionReport("S1"), "S1", SELL, 100, "99.00");
        seller.send(Fix42.statusRequest("S1", SELL));
        assertStatus(seller.awaitExecutionReport("S1"), "S1", OrdStatus.NEW, 0, 100, "0");

        // The order is done: a second cancel of it is refused, and by its new ClOrdID it is no longer known.
        buyer.send(Fix42.cancel("C2", "C1", BUY, 100));
        final Message refused = buyer.awaitMessage("OrderCancelReject for C2", Fix42.cancelRejectFor("C2"));
        assertFields("cancel of an already canceled order", refused,
            is(CxlRejResponseTo.FIELD, CxlRejResponseTo.ORDER_CANCEL_REQUEST));
    }

    @Test
    void replaceDownInQuantityAtTheSamePriceKeepsTimePriority()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);

        buyer.send(Fix42.limitOrder("A1", BUY, 100, "100.00"));
        assertNew(buyer.awaitExecutionReport("A1"), "A1", BUY, 100, "100.00");
        buyer.send(Fix42.limitOrder("B1", BUY, 100, "100.00"));
        assertNew(buyer.awaitExecutionReport("B1"), "B1", BUY, 100, "100.00");

        buyer.send(Fix42.replace("A2", "A1", BUY, 50, "100.00"));
        assertReplaced(buyer.awaitExecutionReport("A2"), "A2", "A1", OrdStatus.NEW, 50, "100.00", 50);

        seller.send(Fix42.limitOrder("S1", SELL, 50, "100.00"));
        assertNew(seller.awaitExecutionReport("S1"), "S1", SELL, 50, "100.00");
        assertTrade(seller.awaitExecutionReport("S1"), "S1", 50, "100.00", 50, 0, "100.00");

        final Message firstTrade = buyer.awaitMessage("the first trade of CLIENT1",
            Fix42.trade());
        assertTrade(firstTrade, "A2", 50, "100.00", 50, 0, "100.00");
        buyer.send(Fix42.statusRequest("B1", BUY));
        assertStatus(buyer.awaitExecutionReport("B1"), "B1", OrdStatus.NEW, 0, 100, "0");
    }

    @Test
    void replaceUpInQuantityLosesTimePriority()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);

        buyer.send(Fix42.limitOrder("A1", BUY, 100, "100.00"));
        assertNew(buyer.awaitExecutionReport("A1"), "A1", BUY, 100, "100.00");
        buyer.send(Fix42.limitOrder("B1", BUY, 100, "100.00"));
        assertNew(buyer.awaitExecutionReport("B1"), "B1", BUY, 100, "100.00");

        buyer.send(Fix42.replace("A2", "A1", BUY, 150, "100.00"));
        assertReplaced(buyer.awaitExecutionReport("A2"), "A2", "A1", OrdStatus.NEW, 150, "100.00", 150);

        seller.send(Fix42.limitOrder("S1", SELL, 100, "100.00"));
        assertNew(seller.awaitExecutionReport("S1"), "S1", SELL, 100, "100.00");
        assertTrade(seller.awaitExecutionReport("S1"), "S1", 100, "100.00", 100, 0, "100.00");

        final Message firstTrade = buyer.awaitMessage("the first trade of CLIENT1",
            Fix42.trade());
        assertTrade(firstTrade, "B1", 100, "100.00", 100, 0, "100.00");
        buyer.send(Fix42.statusRequest("A2", BUY));
        assertStatus(buyer.awaitExecutionReport("A2"), "A2", OrdStatus.NEW, 0, 150, "0");
    }

    @Test
    void replaceOfAPartiallyFilledOrderReportsItsStatusAndCanCompleteIt()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);

        buyer.send(Fix42.limitOrder("A1", BUY, 100, "100.00"));
        assertNew(buyer.awaitExecutionReport("A1"), "A1", BUY, 100, "100.00");
        seller.send(Fix42.limitOrder("S1", SELL, 30, "100.00"));
        assertTrade(buyer.awaitExecutionReport("A1"), "A1", 30, "100.00", 30, 70, "100.00");

        buyer.send(Fix42.replace("A2", "A1", BUY, 80, "100.00"));
        final Message replaced = buyer.awaitExecutionReport("A2");
        assertReplaced(replaced, "A2", "A1", OrdStatus.PARTIALLY_FILLED, 80, "100.00", 50);
        assertFields("replace of a partially filled order", replaced,
            number(CumQty.FIELD, 30));

        // New total quantity equal to what is already filled: the replace completes the order.
        buyer.send(Fix42.replace("A3", "A2", BUY, 30, "100.00"));
        final Message completed = buyer.awaitExecutionReport("A3");
        assertReplaced(completed, "A3", "A2", OrdStatus.FILLED, 30, "100.00", 0);

        // Nothing of it is left on the book: a sell at its price rests.
        seller.send(Fix42.limitOrder("S2", SELL, 10, "100.00"));
        assertNew(seller.awaitExecutionReport("S2"), "S2", SELL, 10, "100.00");
        seller.send(Fix42.statusRequest("S2", SELL));
        assertStatus(seller.awaitExecutionReport("S2"), "S2", OrdStatus.NEW, 0, 10, "0");
    }

    @Test
    void orderStatusRequestReportsTheCurrentStateOfOwnOrdersOnly()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);

        buyer.send(Fix42.limitOrder("B1", BUY, 100, "100.00"));
        final Message buyNew = buyer.awaitExecutionReport("B1");
        assertNew(buyNew, "B1", BUY, 100, "100.00");
        buyer.send(Fix42.statusRequest("B1", BUY));
        final Message statusNew = buyer.awaitExecutionReport("B1");
        assertStatus(statusNew, "B1", OrdStatus.NEW, 0, 100, "0");
        assertEquals(Fix42.field(buyNew, OrderID.FIELD), Fix42.field(statusNew, OrderID.FIELD));

        seller.send(Fix42.limitOrder("S1", SELL, 40, "100.00"));
        assertTrade(buyer.awaitExecutionReport("B1"), "B1", 40, "100.00", 40, 60, "100.00");
        buyer.send(Fix42.statusRequest("B1", BUY));
        assertStatus(buyer.awaitExecutionReport("B1"), "B1", OrdStatus.PARTIALLY_FILLED, 40, 60, "100.00");

        buyer.send(Fix42.statusRequest("NOPE", BUY));
        assertUnknownOrderStatus(buyer.awaitExecutionReport("NOPE"), "NOPE");

        // CLIENT2 asks about CLIENT1's order by its ClOrdID: to CLIENT2 it does not exist.
        seller.send(Fix42.statusRequest("B1", BUY));
        assertUnknownOrderStatus(seller.awaitExecutionReport("B1"), "B1");
    }

    @Test
    void iocRemainderIsCanceledWithTheOrdersOwnClOrdIdAndAReason()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);

        seller.send(Fix42.limitOrder("S1", SELL, 40, "100.00"));
        assertNew(seller.awaitExecutionReport("S1"), "S1", SELL, 40, "100.00");

        buyer.send(Fix42.limitOrder("I1", Fix42.SYMBOL, BUY, 100, "100.00", TimeInForce.IMMEDIATE_OR_CANCEL));
        assertNew(buyer.awaitExecutionReport("I1"), "I1", BUY, 100, "100.00");
        assertTrade(buyer.awaitExecutionReport("I1"), "I1", 40, "100.00", 40, 60, "100.00");
        assertUnsolicitedCancel(buyer.awaitExecutionReport("I1"), "I1", 40);
    }

    private static void assertUnknownOrderStatus(final Message report, final String clOrdId)
    {
        assertFields("status of an order unknown to the session", report,
            is(ExecType.FIELD, ExecType.REJECTED),
            is(OrdStatus.FIELD, OrdStatus.REJECTED),
            is(ClOrdID.FIELD, clOrdId),
            mentions(Text.FIELD, "unknown order"));
    }
}
