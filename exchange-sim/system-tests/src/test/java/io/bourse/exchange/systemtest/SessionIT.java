package io.bourse.exchange.systemtest;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.BeginSeqNo;
import quickfix.field.ClOrdID;
import quickfix.field.EncryptMethod;
import quickfix.field.EndSeqNo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.GapFillFlag;
import quickfix.field.HeartBtInt;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.NewSeqNo;
import quickfix.field.OrigSendingTime;
import quickfix.field.PossDupFlag;
import quickfix.field.ResetSeqNumFlag;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.TargetCompID;
import quickfix.field.Text;

import static io.bourse.exchange.systemtest.Fix42.BUY;
import static io.bourse.exchange.systemtest.Fix42.SELL;
import static io.bourse.exchange.systemtest.FixAssert.absent;
import static io.bourse.exchange.systemtest.FixAssert.assertFields;
import static io.bourse.exchange.systemtest.FixAssert.assertNew;
import static io.bourse.exchange.systemtest.FixAssert.is;
import static io.bourse.exchange.systemtest.FixAssert.present;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FIX session layer of the venue: logon and authentication, logout, and sequence gaps in both directions. */
@Timeout(90)
class SessionIT
{
    @RegisterExtension
    final SystemTestSupport system = new SystemTestSupport();

    @Test
    void logsOnWithRawDataPasswordLogsOutAndLogsOnAgainContinuingTheSequence()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient client = system.logOn(exchange, Login.CLIENT1);

        final Message logon = client.awaitMsgType(MsgType.LOGON);
        assertFields("the venue's Logon", logon,
            is(SenderCompID.FIELD, ExchangeProcess.VENUE_COMP_ID),
            is(TargetCompID.FIELD, Login.CLIENT1.compId()),
            is(MsgSeqNum.FIELD, 1),
            is(HeartBtInt.FIELD, FixClient.HEARTBEAT_INTERVAL_SECONDS),
            is(EncryptMethod.FIELD, EncryptMethod.NONE_OTHER));
        assertNotReset(logon);

        client.logout();
        final Message logout = client.awaitMsgType(MsgType.LOGOUT);
        final int logoutSeqNum = Fix42.intField(logout, MsgSeqNum.FIELD);

        client.logon();
        final Message secondLogon = client.awaitMsgType(MsgType.LOGON);
        assertFields("the venue's second Logon continues its sequence", secondLogon,
            is(MsgSeqNum.FIELD, logoutSeqNum + 1));
        assertNotReset(secondLogon);

        client.send(Fix42.limitOrder("L1", BUY, 10, "100.00"));
        assertNew(client.awaitExecutionReport("L1"), "L1", BUY, 10, "100.00");
    }

    @Test
    void logsOnWithThePasswordInTag554()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient client = system.client(exchange, Login.CLIENT2, FixClient.PasswordField.PASSWORD);
        client.start();
        client.awaitLoggedOn();

        client.send(Fix42.limitOrder("P1", SELL, 10, "100.00"));
        assertNew(client.awaitExecutionReport("P1"), "P1", SELL, 10, "100.00");
    }

    @Test
    void wrongPasswordAndUnknownCompIdGetTheSameLogoutAndNoSession()
    {
        final ExchangeProcess exchange = system.startExchange();

        final FixClient wrongPassword = system.client(
            exchange, Login.CLIENT1.withPassword("not-the-secret"), FixClient.PasswordField.RAW_DATA);
        wrongPassword.start();
        final Message wrongPasswordLogout = wrongPassword.awaitMsgType(MsgType.LOGOUT);
        assertEquals(0, wrongPassword.logonCount(), "a wrong password must not log on\n" + wrongPassword.describe());
        assertFields("Logout refusing a wrong password", wrongPasswordLogout, present(Text.FIELD));
        wrongPassword.close();

        final FixClient unknown = system.client(
            exchange, new Login("CLIENT9", "client9-secret"), FixClient.PasswordField.PASSWORD);
        unknown.start();
        final Message unknownLogout = unknown.awaitMsgType(MsgType.LOGOUT);
        assertEquals(0, unknown.logonCount(), "an unknown CompID must not log on\n" + unknown.describe());
        unknown.close();

        // A generic answer does not tell a prober which half of the credentials was wrong.
        assertEquals(Fix42.field(wrongPasswordLogout, Text.FIELD), Fix42.field(unknownLogout, Text.FIELD),
            "Logout Text for a wrong password vs an unknown CompID");
    }

    /**
     * The client skips five sequence numbers: the venue must ask for them with a ResendRequest, take QuickFIX/J's
     * SequenceReset-GapFill, act on the order that arrived above the gap exactly once, and go on trading.
     */
    @Test
    void gapInTheClientsSequenceIsResentAsGapFillAndTradingContinues()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient client = system.logOn(exchange, Login.CLIENT1);
        client.send(Fix42.limitOrder("G1", BUY, 10, "99.00"));
        assertNew(client.awaitExecutionReport("G1"), "G1", BUY, 10, "99.00");

        final int skippedFrom = client.nextSenderSeqNum();
        client.setNextSenderSeqNum(skippedFrom + 5);
        final int orderSeqNum = client.send(Fix42.limitOrder("G2", BUY, 20, "98.00"));
        assertEquals(skippedFrom + 5, orderSeqNum);

        final Message resendRequest = client.awaitMsgType(MsgType.RESEND_REQUEST);
        assertFields("the venue's ResendRequest for the skipped numbers", resendRequest,
            is(BeginSeqNo.FIELD, skippedFrom));
        final int endSeqNo = Fix42.intField(resendRequest, EndSeqNo.FIELD);
        assertTrue(endSeqNo == 0 || endSeqNo >= skippedFrom + 4,
            "EndSeqNo must cover the gap (or be 0 for infinity): " + Fix42.describe(resendRequest));

        assertNew(client.awaitExecutionReport("G2"), "G2", BUY, 20, "98.00");
        client.send(Fix42.limitOrder("G3", BUY, 30, "97.00"));
        assertNew(client.awaitExecutionReport("G3"), "G3", BUY, 30, "97.00");

        // G3 was answered after everything sent before it: a second answer to G2 (such as a duplicate-ClOrdID
        // reject of its PossDup resend) or a session-level complaint would be queued by now.
        client.assertNoneQueued("G2 must be answered once", Fix42.executionReportFor("G2"));
        client.assertNoneQueued("no session Reject or Logout from the venue",
            Fix42.msgType(MsgType.REJECT).or(Fix42.msgType(MsgType.LOGOUT)));
        final boolean gapFilled = client.sent().stream().anyMatch(message ->
            MsgType.SEQUENCE_RESET.equals(Fix42.msgTypeOf(message)) &&
            "Y".equals(Fix42.field(message, GapFillFlag.FIELD)) &&
            Integer.toString(skippedFrom + 5).equals(Fix42.field(message, NewSeqNo.FIELD)));
        assertTrue(gapFilled, "QuickFIX/J should have answered with a GapFill to " + (skippedFrom + 5) + "\n" +
            client.describe());
        assertTrue(client.isLoggedOn());
    }

    /**
     * The client forgets the last three ExecutionReports and asks for them again: the venue resends each one with its
     * original MsgSeqNum, PossDupFlag=Y and OrigSendingTime equal to the first SendingTime, then carries on.
     */
    @Test
    void resendRequestFromTheClientReplaysExecutionReportsAsPossibleDuplicates()
    {
        final ExchangeProcess exchange = system.startExchange();
        final FixClient client = system.logOn(exchange, Login.CLIENT1);

        final List<Message> originals = new ArrayList<>();
        for (final String clOrdId : List.of("R1", "R2", "R3"))
        {
            client.send(Fix42.limitOrder(clOrdId, SELL, 10, "101.00"));
            final Message report = client.awaitExecutionReport(clOrdId);
            assertNew(report, clOrdId, SELL, 10, "101.00");
            originals.add(report);
        }
        final int lastReportSeqNum = Fix42.intField(originals.get(originals.size() - 1), MsgSeqNum.FIELD);
        client.awaitProcessedThrough(lastReportSeqNum);
        final int nextExpected = client.nextTargetSeqNum();
        final int firstReportSeqNum = Fix42.intField(originals.get(0), MsgSeqNum.FIELD);

        client.setNextTargetSeqNum(firstReportSeqNum);
        client.send(Fix42.resendRequest(firstReportSeqNum, 0));

        for (final Message original : originals)
        {
            final String clOrdId = Fix42.field(original, ClOrdID.FIELD);
            final Message resent = client.awaitMessage("PossDup resend of the report for " + clOrdId,
                Fix42.executionReportFor(clOrdId).and(Fix42::isPossDup));
            assertResentCopy(original, resent);
        }

        client.send(Fix42.limitOrder("R4", SELL, 10, "101.00"));
        final Message fresh = client.awaitExecutionReport("R4");
        assertNew(fresh, "R4", SELL, 10, "101.00");
        assertFields("the first report after the resend", fresh,
            is(MsgSeqNum.FIELD, nextExpected), absent(OrigSendingTime.FIELD));
        assertNotEquals("Y", Fix42.field(fresh, PossDupFlag.FIELD));
    }

    static void assertResentCopy(final Message original, final Message resent)
    {
        assertFields("PossDup resend of " + Fix42.describe(original), resent,
            is(MsgSeqNum.FIELD, Fix42.field(original, MsgSeqNum.FIELD)),
            is(PossDupFlag.FIELD, "Y"),
            present(OrigSendingTime.FIELD),
            is(ExecID.FIELD, Fix42.field(original, ExecID.FIELD)),
            is(ExecType.FIELD, Fix42.field(original, ExecType.FIELD)));
        assertEquals(timestamp(original, SendingTime.FIELD), timestamp(resent, OrigSendingTime.FIELD),
            "OrigSendingTime of the resend must be the original SendingTime\n" + Fix42.describe(original) + "\n" +
            Fix42.describe(resent));
    }

    static void assertNotReset(final Message logon)
    {
        assertNotEquals("Y", Fix42.field(logon, ResetSeqNumFlag.FIELD),
            "the venue must not reset sequence numbers: " + Fix42.describe(logon));
    }

    private static LocalDateTime timestamp(final Message message, final int tag)
    {
        try
        {
            final LocalDateTime value = message.getHeader().getUtcTimeStamp(tag);
            assertNotNull(value);
            return value;
        }
        catch (final FieldNotFound ex)
        {
            throw new AssertionError("no field " + tag + " in " + Fix42.describe(message), ex);
        }
    }
}
