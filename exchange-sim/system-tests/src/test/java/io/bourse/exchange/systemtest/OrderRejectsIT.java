package io.bourse.exchange.systemtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import quickfix.Message;
import quickfix.fix42.NewOrderSingle;
import quickfix.field.BusinessRejectReason;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.Side;
import quickfix.field.Text;
import quickfix.field.TimeInForce;

import static io.bourse.exchange.systemtest.Fix42.BUY;
import static io.bourse.exchange.systemtest.Fix42.SELL;
import static io.bourse.exchange.systemtest.FixAssert.assertCancelReject;
import static io.bourse.exchange.systemtest.FixAssert.assertFields;
import static io.bourse.exchange.systemtest.FixAssert.assertNew;
import static io.bourse.exchange.systemtest.FixAssert.assertRejected;
import static io.bourse.exchange.systemtest.FixAssert.assertStatus;
import static io.bourse.exchange.systemtest.FixAssert.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reject a FIX client can provoke, with the FIX 4.2 reason codes the venue promises: OrdRejReason 1 unknown
 * symbol, 3 order exceeds limit (the price band), 6 duplicate order, 0 other; CxlRejReason 1 unknown order, 2 broker
 * option; BusinessRejectReason 3 unsupported message type.
 */
@Timeout(90)
class OrderRejectsIT
{
    /** FIX 4.2's catch-all, "broker option"; 99 (Other) only exists from FIX 4.3. */
    private static final int OTHER = OrdRejReason.BROKER_EXCHANGE_OPTION;

    @RegisterExtension
    final SystemTestSupport system = new SystemTestSupport();

    @Test
    void orderForAnUnknownSymbolIsRejected()
    {
        final FixClient client = system.logOn(system.startExchange(), Login.CLIENT1);

        client.send(Fix42.limitOrder("U1", "NOPE", BUY, 100, "100.00", TimeInForce.DAY));
        assertRejected(client.awaitExecutionReport("U1"), "U1", OrdRejReason.UNKNOWN_SYMBOL, "symbol", "instrument");
    }

    @Test
    void priceOffTheTickGridIsRejected()
    {
        final FixClient client = system.logOn(system.startExchange(), Login.CLIENT1);

        client.send(Fix42.limitOrder("T1", BUY, 100, "100.005"));
        assertRejected(client.awaitExecutionReport("T1"), "T1", OTHER, "tick");
    }

    /** TEST: reference 100.00, static band 10 %, so limit prices from 90.00 to 110.00 are accepted. */
    @Test
    void priceOutsideTheStaticBandIsRejectedAndTheBandEdgesAreAccepted()
    {
        final FixClient client = system.logOn(system.startExchange(), Login.CLIENT1);

        client.send(Fix42.limitOrder("H1", BUY, 10, "110.01"));
        assertRejected(client.awaitExecutionReport("H1"), "H1", OrdRejReason.ORDER_EXCEEDS_LIMIT, "band");
        client.send(Fix42.limitOrder("L1", BUY, 10, "89.99"));
        assertRejected(client.awaitExecutionReport("L1"), "L1", OrdRejReason.ORDER_EXCEEDS_LIMIT, "band");

        // Two buys, so the edges cannot trade with each other.
        client.send(Fix42.limitOrder("H2", BUY, 10, "110.00"));
        assertNew(client.awaitExecutionReport("H2"), "H2", BUY, 10, "110.00");
        client.send(Fix42.limitOrder("L2", BUY, 10, "90.00"));
        assertNew(client.awaitExecutionReport("L2"), "L2", BUY, 10, "90.00");
    }

    @Test
    void zeroAndNegativeQuantitiesAreRejected()
    {
        final FixClient client = system.logOn(system.startExchange(), Login.CLIENT1);

        client.send(Fix42.limitOrder("Q0", BUY, 0, "100.00"));
        assertRejected(client.awaitExecutionReport("Q0"), "Q0", OTHER, "quantity", "qty");
        client.send(Fix42.limitOrder("Q1", SELL, -5, "100.00"));
        assertRejected(client.awaitExecutionReport("Q1"), "Q1", OTHER, "quantity", "qty");
    }

    @Test
    void duplicateClOrdIdOfALiveOrderIsRejectedAndTheLiveOrderStays()
    {
        final FixClient client = system.logOn(system.startExchange(), Login.CLIENT1);

        client.send(Fix42.limitOrder("D1", BUY, 100, "100.00"));
        assertNew(client.awaitExecutionReport("D1"), "D1", BUY, 100, "100.00");
        client.send(Fix42.limitOrder("D1", BUY, 50, "99.00"));
        assertRejected(client.awaitExecutionReport("D1"), "D1", OrdRejReason.DUPLICATE_ORDER, "duplicate");

        client.send(Fix42.statusRequest("D1", BUY));
        assertStatus(client.awaitExecutionReport("D1"), "D1", OrdStatus.NEW, 0, 100, "0");
    }

    @Test
    void cancelOfAnUnknownOrderIsRefusedAsUnknownOrder()
    {
        final FixClient client = system.logOn(system.startExchange(), Login.CLIENT1);

        client.send(Fix42.cancel("X1", "NOPE", BUY, 100));
        assertCancelReject(client.awaitMessage("OrderCancelReject for X1", Fix42.cancelRejectFor("X1")),
            "X1", "NOPE", CxlRejResponseTo.ORDER_CANCEL_REQUEST, CxlRejReason.UNKNOWN_ORDER);
    }

    @Test
    void anotherSessionsOrderIsUnknownToCancelAndReplaceAndIsLeftAlone()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient owner = system.logOn(exchange, Login.CLIENT1);
        final FixClient other = system.logOn(exchange, Login.CLIENT2);

        owner.send(Fix42.limitOrder("O1", BUY, 100, "100.00"));
        assertNew(owner.awaitExecutionReport("O1"), "O1", BUY, 100, "100.00");

        other.send(Fix42.cancel("X1", "O1", BUY, 100));
        assertCancelReject(other.awaitMessage("OrderCancelReject for X1", Fix42.cancelRejectFor("X1")),
            "X1", "O1", CxlRejResponseTo.ORDER_CANCEL_REQUEST, CxlRejReason.UNKNOWN_ORDER);
        other.send(Fix42.replace("X2", "O1", BUY, 50, "100.00"));
        assertCancelReject(other.awaitMessage("OrderCancelReject for X2", Fix42.cancelRejectFor("X2")),
            "X2", "O1", CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST, CxlRejReason.UNKNOWN_ORDER);

        // The venue handles one command at a time, so the owner's status answer comes after anything the other
        // session's requests could have caused to the order.
        owner.send(Fix42.statusRequest("O1", BUY));
        assertStatus(owner.awaitExecutionReport("O1"), "O1", OrdStatus.NEW, 0, 100, "0");
        owner.assertNoneQueued("the owner must hear nothing about the other session's requests",
            Fix42.msgType(MsgType.EXECUTION_REPORT));
    }

    /** Side cannot change in a replace (docs/matching-rules.md 4.10); the venue answers 2, a broker/exchange option. */
    @Test
    void replaceThatChangesTheSideIsRefusedAndTheOrderIsUnchanged()
    {
        final FixClient client = system.logOn(system.startExchange(), Login.CLIENT1);

        client.send(Fix42.limitOrder("A1", BUY, 100, "100.00"));
        final Message ack = client.awaitExecutionReport("A1");
        assertNew(ack, "A1", BUY, 100, "100.00");
        client.send(Fix42.replace("A2", "A1", Side.SELL, 100, "100.00"));
        final Message reject = client.awaitMessage("OrderCancelReject for A2", Fix42.cancelRejectFor("A2"));
        assertCancelReject(reject,
            "A2", "A1", CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST, CxlRejReason.BROKER_EXCHANGE_OPTION);
        // The session's own order: the reject names it and tells its current status.
        assertFields("the reject of a replace of a live order", reject,
            is(OrderID.FIELD, Fix42.field(ack, OrderID.FIELD)), is(OrdStatus.FIELD, OrdStatus.NEW));

        client.send(Fix42.statusRequest("A1", BUY));
        final Message status = client.awaitExecutionReport("A1");
        assertStatus(status, "A1", OrdStatus.NEW, 0, 100, "0");
        assertFields("the order after the refused replace", status, is(Side.FIELD, BUY));
    }

    @Test
    void newOrderWithoutOrderQtyIsRejected()
    {
        final FixClient client = system.logOn(system.startExchange(), Login.CLIENT1);

        final NewOrderSingle noQuantity = Fix42.limitOrder("Q0", BUY, 10, "100.00");
        noQuantity.removeField(quickfix.field.OrderQty.FIELD);
        client.send(noQuantity);

        final Message reject = client.awaitExecutionReport("Q0");
        assertFields("a NewOrderSingle without OrderQty", reject,
            is(ExecType.FIELD, ExecType.REJECTED), is(OrdStatus.FIELD, OrdStatus.REJECTED));
        assertTrue(Fix42.field(reject, Text.FIELD).contains("OrderQty"), Fix42.describe(reject));
    }

    @Test
    void unsupportedMessageTypesGetABusinessMessageRejectAndTheSessionGoesOn()
    {
        final FixClient client = system.logOn(system.startExchange(), Login.CLIENT1);

        final int quoteSeqNum = client.send(Fix42.quote("Q1"));
        assertUnsupported(client.awaitMsgType(MsgType.BUSINESS_MESSAGE_REJECT), MsgType.QUOTE, quoteSeqNum);

        final int listSeqNum = client.send(Fix42.orderList("L1", "LO1"));
        assertUnsupported(client.awaitMsgType(MsgType.BUSINESS_MESSAGE_REJECT), MsgType.NEW_ORDER_LIST, listSeqNum);

        client.send(Fix42.limitOrder("N1", BUY, 10, "100.00"));
        assertNew(client.awaitExecutionReport("N1"), "N1", BUY, 10, "100.00");
        client.assertNoneQueued("no order of the unsupported list may have been entered",
            Fix42.executionReportFor("LO1"));
    }

    private static void assertUnsupported(final Message reject, final String msgType, final int seqNum)
    {
        assertFields("BusinessMessageReject of a " + msgType, reject,
            is(RefMsgType.FIELD, msgType),
            is(RefSeqNum.FIELD, seqNum),
            is(BusinessRejectReason.FIELD, BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
    }
}
