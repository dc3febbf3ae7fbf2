package io.bourse.exchange.systemtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;

import static io.bourse.exchange.systemtest.Fix42.BUY;
import static io.bourse.exchange.systemtest.Fix42.SELL;
import static io.bourse.exchange.systemtest.FixAssert.assertDistinctExecIds;
import static io.bourse.exchange.systemtest.FixAssert.assertNew;
import static io.bourse.exchange.systemtest.FixAssert.assertStatus;
import static io.bourse.exchange.systemtest.FixAssert.assertTrade;
import static io.bourse.exchange.systemtest.SessionIT.assertNotReset;
import static io.bourse.exchange.systemtest.SessionIT.assertResentCopy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exchange stops (SIGKILL or SIGTERM) and restarts on the same state dir: acknowledged orders, sequence numbers
 * and the message archive must all survive, and the client must not need to reset anything.
 */
@Timeout(120)
class RecoveryIT
{
    /** "At once": well under the 11 s an Aeron mark-file timeout would cost, with room for a loaded 2-core box. */
    private static final Duration RESTART_AFTER_KILL_LIMIT = Duration.ofSeconds(10);
    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final SystemTestSupport system = new SystemTestSupport();

    @Test
    void acknowledgedOrdersSurviveAKillAndTheSessionCarriesOnWithoutReset()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);

        final List<String> clOrdIds = List.of("K1", "K2", "K3");
        final List<Long> quantities = List.of(10L, 10L, 20L);
        final List<String> prices = List.of("99.00", "98.00", "97.00");
        final List<Message> acks = new ArrayList<>();
        for (int i = 0; i < clOrdIds.size(); i++)
        {
            buyer.send(Fix42.limitOrder(clOrdIds.get(i), BUY, quantities.get(i), prices.get(i)));
            final Message ack = buyer.awaitExecutionReport(clOrdIds.get(i));
            assertNew(ack, clOrdIds.get(i), BUY, quantities.get(i), prices.get(i));
            acks.add(ack);
        }
        buyer.awaitProcessedThrough(Fix42.intField(acks.get(acks.size() - 1), MsgSeqNum.FIELD));
        final int nextFromVenueBeforeCrash = buyer.nextTargetSeqNum();
        final int nextToVenueBeforeCrash = buyer.nextSenderSeqNum();

        exchange.kill();
        buyer.awaitLoggedOut(FixClient.DEFAULT_TIMEOUT);
        final long restartStart = System.nanoTime();
        exchange.restart();
        final Duration restartTook = Duration.ofNanos(System.nanoTime() - restartStart);
        assertTrue(restartTook.compareTo(RESTART_AFTER_KILL_LIMIT) < 0,
            "restart after SIGKILL must work at once, took " + restartTook);
        buyer.awaitLoggedOn(RECONNECT_TIMEOUT);

        // Neither side reset: the venue's Logon carries on from where its numbering stopped, and it accepted ours.
        final Message venueLogon = lastOfType(buyer.received(), MsgType.LOGON);
        assertNotReset(venueLogon);
        final int venueLogonSeqNum = Fix42.intField(venueLogon, MsgSeqNum.FIELD);
        assertTrue(venueLogonSeqNum >= nextFromVenueBeforeCrash,
            "venue Logon MsgSeqNum " + venueLogonSeqNum + " reuses numbers; expected at least " +
            nextFromVenueBeforeCrash);
        final Message ourLogon = lastOfType(buyer.sent(), MsgType.LOGON);
        assertNotReset(ourLogon);
        assertTrue(Fix42.intField(ourLogon, MsgSeqNum.FIELD) >= nextToVenueBeforeCrash,
            "the client's own numbering must not have restarted: " + Fix42.describe(ourLogon));
        assertEquals(2, buyer.logonCount(), "one Logon before and one after the crash\n" + buyer.describe());

        // The reports sent before the crash are in the venue's archive and come back as possible duplicates. The
        // archive records outbound messages a moment after they are sent, so the very last report before a SIGKILL
        // may be missing from it: the venue then gap-fills its number (the client already has it, and the order
        // itself was journaled before it was acknowledged, as the status requests below prove).
        buyer.awaitProcessedThrough(venueLogonSeqNum);
        final int firstAckSeqNum = Fix42.intField(acks.get(0), MsgSeqNum.FIELD);
        buyer.setNextTargetSeqNum(firstAckSeqNum);
        buyer.send(Fix42.resendRequest(firstAckSeqNum, 0));
        for (final Message ack : acks.subList(0, acks.size() - 1))
        {
            final String clOrdId = Fix42.field(ack, ClOrdID.FIELD);
            assertResentCopy(ack, buyer.awaitMessage("PossDup resend of the ack of " + clOrdId,
                Fix42.executionReportFor(clOrdId).and(Fix42::isPossDup)));
        }
        final Message lastAck = acks.get(acks.size() - 1);
        final int lastAckSeqNum = Fix42.intField(lastAck, MsgSeqNum.FIELD);
        final Message lastResent = buyer.awaitMessage("PossDup resend or gap fill of the ack of K3",
            Fix42.executionReportFor("K3").and(Fix42::isPossDup).or(message ->
                MsgType.SEQUENCE_RESET.equals(Fix42.msgTypeOf(message)) &&
                Fix42.intField(message, MsgSeqNum.FIELD) <= lastAckSeqNum &&
                Fix42.intField(message, quickfix.field.NewSeqNo.FIELD) > lastAckSeqNum));
        if (MsgType.EXECUTION_REPORT.equals(Fix42.msgTypeOf(lastResent)))
        {
            assertResentCopy(lastAck, lastResent);
        }

        // Every acknowledged order is still on the book, under the same OrderID ...
        for (int i = 0; i < clOrdIds.size(); i++)
        {
            buyer.send(Fix42.statusRequest(clOrdIds.get(i), BUY));
            final Message status = buyer.awaitMessage("status of " + clOrdIds.get(i),
                Fix42.executionReportFor(clOrdIds.get(i)).and(message -> !Fix42.isPossDup(message)));
            assertStatus(status, clOrdIds.get(i), OrdStatus.NEW, 0, quantities.get(i), "0");
            assertEquals(Fix42.field(acks.get(i), OrderID.FIELD), Fix42.field(status, OrderID.FIELD));
        }

        // ... and trades in price priority against a sell that sweeps all three.
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);
        seller.send(Fix42.limitOrder("S1", SELL, 40, "97.00"));
        final Message sellAck = seller.awaitExecutionReport("S1");
        assertNew(sellAck, "S1", SELL, 40, "97.00");
        assertTrade(seller.awaitExecutionReport("S1"), "S1", 10, "99.00", 10, 30, "99.00");
        assertTrade(seller.awaitExecutionReport("S1"), "S1", 10, "98.00", 20, 20, "98.50");
        assertTrade(seller.awaitExecutionReport("S1"), "S1", 20, "97.00", 40, 0, "97.75");
        final List<Message> fills = new ArrayList<>();
        for (int i = 0; i < clOrdIds.size(); i++)
        {
            final Message fill = buyer.awaitExecutionReport(clOrdIds.get(i));
            assertTrade(fill, clOrdIds.get(i), quantities.get(i), prices.get(i), quantities.get(i), 0, prices.get(i));
            fills.add(fill);
        }

        // Identifiers handed out after the restart never repeat those from before it.
        final Set<String> orderIdsBeforeCrash = new HashSet<>();
        acks.forEach(ack -> orderIdsBeforeCrash.add(Fix42.field(ack, OrderID.FIELD)));
        assertFalse(orderIdsBeforeCrash.contains(Fix42.field(sellAck, OrderID.FIELD)),
            "OrderID reused after the restart: " + Fix42.describe(sellAck));
        final List<Message> allReports = new ArrayList<>(acks);
        allReports.addAll(fills);
        allReports.add(sellAck);
        assertDistinctExecIds(allReports);
    }

    @Test
    void sigtermLogsTheSessionOutExitsZeroAndARestartContinuesTheSequence()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient client = system.logOn(exchange, Login.CLIENT1);
        client.send(Fix42.limitOrder("T1", BUY, 10, "99.50"));
        final Message ack = client.awaitExecutionReport("T1");
        assertNew(ack, "T1", BUY, 10, "99.50");

        exchange.terminate();
        final Message logout = client.awaitMsgType(MsgType.LOGOUT);
        client.awaitLoggedOut(FixClient.DEFAULT_TIMEOUT);

        exchange.restart();
        client.awaitLoggedOn(RECONNECT_TIMEOUT);
        final Message venueLogon = lastOfType(client.received(), MsgType.LOGON);
        assertNotReset(venueLogon);
        assertEquals(Fix42.intField(logout, MsgSeqNum.FIELD) + 1, Fix42.intField(venueLogon, MsgSeqNum.FIELD),
            "after a clean shutdown the venue's Logon follows its Logout");

        client.send(Fix42.statusRequest("T1", BUY));
        final Message status = client.awaitExecutionReport("T1");
        assertStatus(status, "T1", OrdStatus.NEW, 0, 10, "0");
        assertEquals(Fix42.field(ack, OrderID.FIELD), Fix42.field(status, OrderID.FIELD));

        // A clean Logout is a handshake: the venue waits for the client's confirming Logout before it exits, so it
        // has every number the client used and needs no resend after the restart. (Had it asked, its request would
        // have arrived right after its Logon, before the status answer above.)
        client.assertNoneQueued("after a clean shutdown the venue must not need a resend (it would have missed the " +
            "client's confirming Logout)", Fix42.msgType(MsgType.RESEND_REQUEST));
    }

    /**
     * A fill that happens while the owner is logged out must reach it when it logs on again, in sequence or through
     * a resend; a trading firm otherwise never learns about its trade.
     */
    @Test
    void fillWhileTheOwnerIsDisconnectedIsDeliveredWhenItReconnects()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient buyer = system.logOn(exchange, Login.CLIENT1);
        final FixClient seller = system.logOn(exchange, Login.CLIENT2);
        buyer.send(Fix42.limitOrder("B1", BUY, 100, "100.00"));
        assertNew(buyer.awaitExecutionReport("B1"), "B1", BUY, 100, "100.00");
        buyer.logout();
        buyer.close();

        seller.send(Fix42.limitOrder("S1", SELL, 100, "100.00"));
        assertNew(seller.awaitExecutionReport("S1"), "S1", SELL, 100, "100.00");
        assertTrade(seller.awaitExecutionReport("S1"), "S1", 100, "100.00", 100, 0, "100.00");

        final FixClient reconnected = system.logOn(exchange, Login.CLIENT1);
        assertTrade(reconnected.awaitExecutionReport("B1"), "B1", 100, "100.00", 100, 0, "100.00");
    }

    private static Message lastOfType(final List<Message> messages, final String msgType)
    {
        for (int i = messages.size() - 1; i >= 0; i--)
        {
            if (msgType.equals(Fix42.msgTypeOf(messages.get(i))))
            {
                return messages.get(i);
            }
        }
        throw new AssertionError("no message of type " + msgType + " among " + messages.size());
    }
}
