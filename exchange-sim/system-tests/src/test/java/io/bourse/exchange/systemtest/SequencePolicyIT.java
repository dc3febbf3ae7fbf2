package io.bourse.exchange.systemtest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.bourse.exchange.systemtest.RawFixConnection.RawMessage;
import quickfix.field.BeginSeqNo;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.EndSeqNo;
import quickfix.field.ExecTransType;
import quickfix.field.ExecType;
import quickfix.field.GapFillFlag;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.NewSeqNo;
import quickfix.field.OrdStatus;
import quickfix.field.OrigClOrdID;
import quickfix.field.OrigSendingTime;
import quickfix.field.PossDupFlag;
import quickfix.field.ResetSeqNumFlag;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-session sequence-number policies QuickFIX users know, ResetOnLogon and ResetOnLogout, against the real
 * venue process, from a raw socket so that each Logon carries exactly the MsgSeqNum the test chooses and never a
 * ResetSeqNumFlag. (ResetOnDisconnect, which the tester sessions of config/exchange.yaml use, is covered by
 * {@code SessionValidationIT}; a persistent session continuing its numbers after a Logout by {@code SessionIT}.)
 *
 * <p>The repository's config keeps CLIENT1 and CLIENT2 persistent, so each test's venue gets two sessions of its
 * own added to its config copy: LOGON1 with ResetOnLogon and LOGOUT1 with ResetOnLogout.
 */
@Timeout(90)
class SequencePolicyIT
{
    private static final Login RESET_ON_LOGON = new Login("LOGON1", "logon1-secret");
    private static final Login RESET_ON_LOGOUT = new Login("LOGOUT1", "logout1-secret");
    private static final List<String> POLICY_SESSIONS = List.of(
        "{id: 11, compId: LOGON1, password: logon1-secret, ResetOnLogon: true}",
        "{id: 12, compId: LOGOUT1, password: logout1-secret, ResetOnLogout: true}");
    private static final String HEART_BT_INT = "30";
    private static final Duration ANSWER_TIMEOUT = RawFixConnection.DEFAULT_TIMEOUT;
    private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final int IMMEDIATE_RECONNECT_CYCLES = 30;

    @RegisterExtension
    final SystemTestSupport system = new SystemTestSupport();

    /**
     * ResetOnLogon: the connection drops without a Logout, the member logs on again at 1 without ResetSeqNumFlag. The
     * venue answers at 1 too, asks for nothing, resends nothing, and the orders entered before the reset are still
     * there to be cancelled.
     */
    @Test
    void resetOnLogonSessionStartsAtOneAgainAfterADroppedConnection()
    {
        final ExchangeProcess exchange = system.startExchange(POLICY_SESSIONS);
        final RawFixConnection first = logOnAtOne(exchange, RESET_ON_LOGON);
        assertEquals(2, awaitAcknowledged(first, "LA1", Side.BUY, "99.00").msgSeqNum());
        assertEquals(3, awaitAcknowledged(first, "LA2", Side.BUY, "98.00").msgSeqNum());
        first.disconnectWithoutLogout(DISCONNECT_TIMEOUT);

        final RawFixConnection second = logOnAtOne(exchange, RESET_ON_LOGON);
        assertEquals(2, awaitAcknowledged(second, "LA3", Side.BUY, "97.00").msgSeqNum(),
            "the venue numbers the new connection from 1: its Logon was 1, so the next report is 2");
        final RawMessage cancelled = cancel(second, "LA1");
        assertEquals(String.valueOf(ExecType.CANCELED), cancelled.value(ExecType.FIELD),
            "an order entered before the reset is still live and can be cancelled\n" + second.describe());
        assertNothingOfTheEarlierConnection(second);
    }

    /** ResetOnLogon resets on every Logon, so also after a clean Logout exchange. */
    @Test
    void resetOnLogonSessionStartsAtOneAgainAfterALogout()
    {
        final ExchangeProcess exchange = system.startExchange(POLICY_SESSIONS);
        final RawFixConnection first = logOnAtOne(exchange, RESET_ON_LOGON);
        awaitAcknowledged(first, "LB1", Side.BUY, "99.00");
        logOut(first);

        final RawFixConnection second = logOnAtOne(exchange, RESET_ON_LOGON);
        assertEquals(2, awaitAcknowledged(second, "LB2", Side.BUY, "98.00").msgSeqNum());
        assertNothingOfTheEarlierConnection(second);
    }

    /**
     * ResetOnLogon resets whatever MsgSeqNum the Logon carries: a member that kept its numbers (Logon at 4) is
     * answered at 1 and asked for 1 onwards, which a GapFill settles.
     */
    @Test
    void resetOnLogonSessionLoggingOnAboveOneIsAnsweredAtOneAndAskedForTheGap()
    {
        final ExchangeProcess exchange = system.startExchange(POLICY_SESSIONS);
        final RawFixConnection first = logOnAtOne(exchange, RESET_ON_LOGON);
        awaitAcknowledged(first, "LD1", Side.BUY, "99.00");
        logOut(first);

        final RawFixConnection second = system.connectRaw(exchange, RESET_ON_LOGON.compId());
        second.nextSeqNum(first.nextSeqNum());
        final int logonSeqNum = second.send(second.logon(RESET_ON_LOGON.password(), HEART_BT_INT));
        final RawMessage logon = second.awaitMessage(MsgType.LOGON);
        assertEquals(1, logon.msgSeqNum(), "the venue's Logon\n" + second.describe());
        final RawMessage resendRequest = second.awaitMessage(MsgType.RESEND_REQUEST);
        assertEquals("1", resendRequest.value(BeginSeqNo.FIELD), second.describe());
        assertEquals("0", resendRequest.value(EndSeqNo.FIELD), second.describe());

        second.send(second.message(MsgType.SEQUENCE_RESET)
            .msgSeqNum(1)
            .set(PossDupFlag.FIELD, "Y")
            .set(OrigSendingTime.FIELD, RawFixConnection.timestampNow())
            .field(GapFillFlag.FIELD, "Y")
            .field(NewSeqNo.FIELD, Integer.toString(logonSeqNum + 1)));
        assertEquals(3, awaitAcknowledged(second, "LD2", Side.BUY, "98.00").msgSeqNum(),
            "after the venue's Logon (1) and ResendRequest (2)");
        second.assertNoneReceived("no Reject or Logout", MsgType.REJECT, MsgType.LOGOUT);
    }

    /**
     * What a reset gives up: reports the venue produced while a ResetOnLogon member was away are not delivered on its
     * next connection (their numbers are gone with the reset); the member learns the order's state by asking.
     */
    @Test
    void resetOnLogonSessionDoesNotGetTheReportsProducedWhileItWasAway()
    {
        final ExchangeProcess exchange = system.startExchange(POLICY_SESSIONS);
        final RawFixConnection first = logOnAtOne(exchange, RESET_ON_LOGON);
        awaitAcknowledged(first, "LC1", Side.SELL, "100.00");
        first.disconnectWithoutLogout(DISCONNECT_TIMEOUT);

        final RawFixConnection buyer = logOnAtOne(exchange, Login.CLIENT2);
        final RawMessage buyerFill = awaitReport(buyer, "CB1",
            buyer.send(buyer.dayLimitOrder("CB1", Side.BUY, "40", "100.00")),
            report -> String.valueOf(ExecType.FILL).equals(report.value(ExecType.FIELD)));
        assertEquals("40", buyerFill.value(CumQty.FIELD), "CLIENT2 bought 40 from LOGON1's resting order");

        final RawFixConnection second = logOnAtOne(exchange, RESET_ON_LOGON);
        final RawMessage status = orderStatus(second, "LC1", Side.SELL);
        assertEquals(String.valueOf(OrdStatus.PARTIALLY_FILLED), status.value(OrdStatus.FIELD),
            "the status request shows the fill that happened while LOGON1 was away\n" + second.describe());
        assertEquals("40", status.value(CumQty.FIELD));
        assertEquals("60", status.value(LeavesQty.FIELD));
        final List<RawMessage> fillReports = second.received().stream()
            .filter(message -> MsgType.EXECUTION_REPORT.equals(message.msgType()) &&
                !isStatusAnswer(message))
            .toList();
        assertEquals(List.of(), fillReports, "no report but the status answer: the fill's report is not delivered\n" +
            second.describe());
        assertNothingOfTheEarlierConnection(second);
    }

    /**
     * ResetOnLogout: after a Logout exchange the next connection starts at 1 on both sides, without ResetSeqNumFlag.
     * The member logs on again as soon as it sees the venue close the connection, the earliest a member can.
     */
    @Test
    void resetOnLogoutSessionStartsAtOneAfterALogoutExchange()
    {
        final ExchangeProcess exchange = system.startExchange(POLICY_SESSIONS);
        final RawFixConnection first = logOnAtOne(exchange, RESET_ON_LOGOUT);
        awaitAcknowledged(first, "OA1", Side.BUY, "99.00");
        awaitAcknowledged(first, "OA2", Side.BUY, "98.00");
        logOut(first);

        final RawFixConnection second = logOnAtOne(exchange, RESET_ON_LOGOUT);
        assertEquals(2, awaitAcknowledged(second, "OA3", Side.BUY, "97.00").msgSeqNum());
        final RawMessage cancelled = cancel(second, "OA1");
        assertEquals(String.valueOf(ExecType.CANCELED), cancelled.value(ExecType.FIELD),
            "an order entered before the reset is still live and can be cancelled\n" + second.describe());
        assertNothingOfTheEarlierConnection(second);
    }

    /**
     * The reset must be in place before the member's next Logon, however soon it comes: the member logs on again the
     * moment it sees the connection close, many times over. (The reset used to be asynchronous, and a Logon a few
     * milliseconds after the Logout exchange was refused as too low about once in ten.)
     */
    @Test
    void resetOnLogoutAppliesToALogonSentTheMomentTheConnectionCloses()
    {
        final ExchangeProcess exchange = system.startExchange(POLICY_SESSIONS);
        for (int cycle = 1; cycle <= IMMEDIATE_RECONNECT_CYCLES; cycle++)
        {
            final RawFixConnection connection = logOnAtOne(exchange, RESET_ON_LOGOUT);
            awaitAcknowledged(connection, "OR" + cycle, Side.BUY, "99.00");
            logOut(connection);
        }
    }

    /**
     * After the reset, ResetOnLogout is persistent again: a fill while the member is away is the first message of the
     * new numbering, so the venue's Logon comes as 2 and the member gets the fill by asking for message 1.
     */
    @Test
    void resetOnLogoutSessionGetsTheReportsProducedWhileItWasAwayAfterItsReset()
    {
        final ExchangeProcess exchange = system.startExchange(POLICY_SESSIONS);
        final RawFixConnection first = logOnAtOne(exchange, RESET_ON_LOGOUT);
        awaitAcknowledged(first, "OC1", Side.SELL, "100.00");
        logOut(first);

        final RawFixConnection buyer = logOnAtOne(exchange, Login.CLIENT2);
        awaitReport(buyer, "CB2", buyer.send(buyer.dayLimitOrder("CB2", Side.BUY, "40", "100.00")),
            report -> String.valueOf(ExecType.FILL).equals(report.value(ExecType.FIELD)));

        final RawFixConnection second = system.connectRaw(exchange, RESET_ON_LOGOUT.compId());
        second.send(second.logon(RESET_ON_LOGOUT.password(), HEART_BT_INT));
        final RawMessage logon = second.awaitMessage(MsgType.LOGON);
        assertEquals(2, logon.msgSeqNum(), "the fill took number 1 of the new numbering\n" + second.describe());
        second.send(second.message(MsgType.RESEND_REQUEST).field(BeginSeqNo.FIELD, "1").field(EndSeqNo.FIELD, "0"));
        final RawMessage fill = awaitReport(second, "OC1", 1, report -> report.msgSeqNum() == 1);
        assertEquals(String.valueOf(ExecType.PARTIAL_FILL), fill.value(ExecType.FIELD), second.describe());
        assertEquals("Y", fill.value(PossDupFlag.FIELD), "resent as a possible duplicate\n" + second.describe());
        assertEquals("40", fill.value(CumQty.FIELD));
        final RawMessage gapFill = second.awaitMessage(MsgType.SEQUENCE_RESET);
        assertEquals("3", gapFill.value(NewSeqNo.FIELD), "the venue's Logon is gap-filled\n" + second.describe());
        assertEquals(3, awaitAcknowledged(second, "OC2", Side.BUY, "98.00").msgSeqNum());
    }

    /**
     * A clean stop of the venue is a Logout exchange too: when the member answers the venue's Logout, the venue
     * closes the connection at once, and a ResetOnLogout session starts at 1 after the restart.
     */
    @Test
    void resetOnLogoutAppliesWhenTheVenueLogsTheSessionOutToStop()
    {
        final ExchangeProcess exchange = system.startExchange(POLICY_SESSIONS);
        final RawFixConnection first = logOnAtOne(exchange, RESET_ON_LOGOUT);
        awaitAcknowledged(first, "OD1", Side.BUY, "99.00");
        answerTheShutdownLogout(exchange, first);

        exchange.restart();
        final RawFixConnection second = logOnAtOne(exchange, RESET_ON_LOGOUT);
        assertEquals(2, awaitAcknowledged(second, "OD2", Side.BUY, "98.00").msgSeqNum());
        assertNothingOfTheEarlierConnection(second);
    }

    /**
     * The contrast: a persistent session answering the venue's shutdown Logout keeps its numbers across the restart.
     * It is disconnected as soon as it has answered, not after the venue's logout timeout.
     */
    @Test
    void persistentSessionAnsweringTheShutdownLogoutContinuesItsNumbersAfterTheRestart()
    {
        final ExchangeProcess exchange = system.startExchange(POLICY_SESSIONS);
        final RawFixConnection first = logOnAtOne(exchange, Login.CLIENT1);
        awaitAcknowledged(first, "PE1", Side.BUY, "99.00");
        final int venueLogout = answerTheShutdownLogout(exchange, first);

        exchange.restart();
        final RawFixConnection second = system.connectRaw(exchange, Login.CLIENT1.compId());
        second.nextSeqNum(first.nextSeqNum());
        second.send(second.logon(Login.CLIENT1.password(), HEART_BT_INT));
        final RawMessage logon = second.awaitMessage(MsgType.LOGON);
        assertEquals(venueLogout + 1, logon.msgSeqNum(), "the venue's Logon follows its Logout\n" + second.describe());
        assertEquals(venueLogout + 2, awaitAcknowledged(second, "PE2", Side.BUY, "98.00").msgSeqNum());
        second.assertNoneReceived("nothing to resend", MsgType.RESEND_REQUEST, MsgType.REJECT, MsgType.LOGOUT);
    }

    /**
     * ResetOnLogout keeps the numbers when the connection drops without a Logout, as a persistent session does: a
     * Logon at 1 is too low (Logout naming the expected number, disconnect); the member continues its numbering,
     * and the venue continues its own.
     */
    @Test
    void resetOnLogoutSessionKeepsItsNumbersAfterADroppedConnection()
    {
        final ExchangeProcess exchange = system.startExchange(POLICY_SESSIONS);
        final RawFixConnection first = logOnAtOne(exchange, RESET_ON_LOGOUT);
        awaitAcknowledged(first, "OB1", Side.BUY, "99.00");
        final int venueLastSent = awaitAcknowledged(first, "OB2", Side.BUY, "98.00").msgSeqNum();
        final int memberNext = first.nextSeqNum();
        first.disconnectWithoutLogout(DISCONNECT_TIMEOUT);

        final RawFixConnection tooLow = system.connectRaw(exchange, RESET_ON_LOGOUT.compId());
        tooLow.send(tooLow.logon(RESET_ON_LOGOUT.password(), HEART_BT_INT));
        final RawMessage logout = tooLow.awaitMessage(MsgType.LOGOUT);
        assertTrue(logout.value(Text.FIELD) != null &&
                logout.value(Text.FIELD).contains("MsgSeqNum too low, expecting " + memberNext + " but received 1"),
            "a Logon at 1 after a dropped connection is too low\n" + tooLow.describe());
        tooLow.awaitDisconnect(DISCONNECT_TIMEOUT);
        tooLow.assertNoneReceived("no Logon at 1", MsgType.LOGON);

        final RawFixConnection continuing = system.connectRaw(exchange, RESET_ON_LOGOUT.compId());
        continuing.nextSeqNum(memberNext);
        continuing.send(continuing.logon(RESET_ON_LOGOUT.password(), HEART_BT_INT));
        final RawMessage logon = continuing.awaitMessage(MsgType.LOGON);
        assertTrue(logon.msgSeqNum() > venueLastSent, "the venue's Logon continues its numbering after " +
            venueLastSent + "\n" + continuing.describe());
        assertNotEquals("Y", logon.value(ResetSeqNumFlag.FIELD), "no reset\n" + continuing.describe());
        final int nextReport = awaitAcknowledged(continuing, "OB3", Side.BUY, "97.00").msgSeqNum();
        assertEquals(logon.msgSeqNum() + 1, nextReport);
        continuing.assertNoneReceived("the member continued where it stopped: nothing to resend",
            MsgType.RESEND_REQUEST, MsgType.REJECT, MsgType.LOGOUT);
    }

    // ---- Helpers

    /** Connects and logs on with MsgSeqNum 1 and no ResetSeqNumFlag; the venue's Logon must be MsgSeqNum 1 too. */
    private RawFixConnection logOnAtOne(final ExchangeProcess exchange, final Login login)
    {
        final RawFixConnection connection = system.connectRaw(exchange, login.compId());
        assertEquals(1, connection.send(connection.logon(login.password(), HEART_BT_INT)));
        final RawMessage logon = connection.awaitMessage("the venue's Logon (or a Logout)",
            message -> MsgType.LOGON.equals(message.msgType()) || MsgType.LOGOUT.equals(message.msgType()),
            ANSWER_TIMEOUT);
        assertEquals(MsgType.LOGON, logon.msgType(), "a Logon at 1 must be accepted\n" + connection.describe());
        assertEquals(1, logon.msgSeqNum(), "the venue's Logon\n" + connection.describe());
        return connection;
    }

    /**
     * Stops the venue (SIGTERM) and answers the Logout it sends: the venue must then close the connection within
     * {@link #DISCONNECT_TIMEOUT}, well before its own logout timeout would, and exit 0. Returns the Logout's
     * MsgSeqNum.
     */
    private static int answerTheShutdownLogout(final ExchangeProcess exchange, final RawFixConnection connection)
    {
        final CompletableFuture<Void> stopped = CompletableFuture.runAsync(exchange::terminate);
        final RawMessage logout = connection.awaitMessage(MsgType.LOGOUT);
        connection.send(connection.message(MsgType.LOGOUT));
        connection.awaitDisconnect(DISCONNECT_TIMEOUT);
        stopped.join();
        return logout.msgSeqNum();
    }

    /** The member's Logout, the venue's answering Logout, then the venue closes the connection. */
    private static void logOut(final RawFixConnection connection)
    {
        connection.send(connection.message(MsgType.LOGOUT));
        connection.awaitMessage(MsgType.LOGOUT);
        connection.awaitDisconnect(DISCONNECT_TIMEOUT);
    }

    /** Sends a Day limit order of 100 TEST and returns its acknowledgement (ExecType New). */
    private static RawMessage awaitAcknowledged(
        final RawFixConnection connection, final String clOrdId, final char side, final String price)
    {
        final int seqNum = connection.send(connection.dayLimitOrder(clOrdId, side, "100", price));
        return awaitReport(connection, clOrdId, seqNum,
            report -> String.valueOf(ExecType.NEW).equals(report.value(ExecType.FIELD)));
    }

    private static RawMessage awaitReport(
        final RawFixConnection connection, final String clOrdId, final int seqNum, final Predicate<RawMessage> kind)
    {
        return connection.awaitMessage("ExecutionReport for " + clOrdId + " (MsgSeqNum " + seqNum + ")",
            message -> MsgType.EXECUTION_REPORT.equals(message.msgType()) &&
                clOrdId.equals(message.value(ClOrdID.FIELD)) && kind.test(message),
            ANSWER_TIMEOUT);
    }

    /** Cancels a buy of TEST by its ClOrdID; returns the venue's answer. */
    private static RawMessage cancel(final RawFixConnection connection, final String origClOrdId)
    {
        final String clOrdId = origClOrdId + "-X";
        connection.send(connection.message(MsgType.ORDER_CANCEL_REQUEST)
            .field(OrigClOrdID.FIELD, origClOrdId)
            .field(ClOrdID.FIELD, clOrdId)
            .field(Symbol.FIELD, Fix42.SYMBOL)
            .field(Side.FIELD, String.valueOf(Side.BUY))
            .field(TransactTime.FIELD, RawFixConnection.timestampNow()));
        return connection.awaitMessage("the answer to the cancel of " + origClOrdId,
            message -> clOrdId.equals(message.value(ClOrdID.FIELD)), ANSWER_TIMEOUT);
    }

    private static RawMessage orderStatus(final RawFixConnection connection, final String clOrdId, final char side)
    {
        final int seqNum = connection.send(connection.message(MsgType.ORDER_STATUS_REQUEST)
            .field(ClOrdID.FIELD, clOrdId)
            .field(Symbol.FIELD, Fix42.SYMBOL)
            .field(Side.FIELD, String.valueOf(side)));
        return awaitReport(connection, clOrdId, seqNum, SequencePolicyIT::isStatusAnswer);
    }

    private static boolean isStatusAnswer(final RawMessage report)
    {
        return String.valueOf(ExecTransType.STATUS).equals(report.value(ExecTransType.FIELD));
    }

    /** After a reset the venue neither asks for nor resends anything of the earlier numbering. */
    private static void assertNothingOfTheEarlierConnection(final RawFixConnection connection)
    {
        connection.assertNoneReceived("no ResendRequest, Reject, SequenceReset or Logout after a reset",
            MsgType.RESEND_REQUEST, MsgType.REJECT, MsgType.SEQUENCE_RESET, MsgType.LOGOUT);
        final List<RawMessage> possDups = connection.received().stream()
            .filter(message -> "Y".equals(message.value(PossDupFlag.FIELD)))
            .toList();
        assertEquals(List.of(), possDups, "no resent message after a reset\n" + connection.describe());
        final List<Integer> numbers = connection.received().stream().map(RawMessage::msgSeqNum).toList();
        for (int i = 0; i < numbers.size(); i++)
        {
            assertEquals(i + 1, numbers.get(i), "the venue numbers the connection 1, 2, 3...\n" +
                connection.describe());
        }
    }


}
