package io.bourse.exchange.fix;

import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.exchange.engine.CancelReason;
import io.bourse.exchange.engine.ClientOrderId;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.EngineListener;
import io.bourse.exchange.engine.MatchingEngine;
import io.bourse.exchange.engine.OrderView;
import io.bourse.exchange.engine.RejectReason;
import io.bourse.fix42.builder.ExecutionReportEncoder;
import io.bourse.fix42.builder.OrderCancelRejectEncoder;
import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.fields.UtcTimestampEncoder;
import uk.co.real_logic.artio.session.Session;

import java.util.concurrent.TimeUnit;

/**
 * Turns engine events into FIX 4.2 ExecutionReports and OrderCancelRejects for the session that owns each order.
 *
 * <p>ExecIDs are {@code <command sequence>-<n>}: the command sequence is journaled, so ExecIDs stay unique across
 * restarts. Runs on the engine thread; the encoders are reused.
 */
public final class ExecutionReporter implements EngineListener
{
    private static final char EXEC_TRANS_NEW = '0';
    private static final char EXEC_TRANS_STATUS = '3';
    private static final int RESTATED_PARTIAL_DECLINE = 5;
    private static final byte[] NONE = {'N', 'O', 'N', 'E'};

    private final SessionRegistry sessions;
    private final InstrumentDirectory instruments;
    private final OutboundQueue outbound;
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final OrderCancelRejectEncoder cancelReject = new OrderCancelRejectEncoder();
    private final UtcTimestampEncoder transactTime = new UtcTimestampEncoder();
    private final byte[] execId = new byte[40];
    private final byte[] orderId = new byte[20];
    private final byte[] clOrdIdBytes = new byte[ClientOrderId.MAX_LENGTH];
    private final byte[] origClOrdIdBytes = new byte[ClientOrderId.MAX_LENGTH];

    /** The sequence number of the command being processed; the first part of every ExecID. */
    private long commandSequence;
    private int execIdsInCommand;
    private long statusReports;
    private final long startMillis = System.currentTimeMillis();
    private Command currentCommand;
    private MatchingEngine engine;
    private long gatewayRejects;

    public ExecutionReporter(
        final SessionRegistry sessions, final InstrumentDirectory instruments, final OutboundQueue outbound)
    {
        this.sessions = sessions;
        this.instruments = instruments;
        this.outbound = outbound;
    }

    /** Set after recovery: read only, to give cancel rejects the order's OrderID and status. */
    public void engine(final MatchingEngine engine)
    {
        this.engine = engine;
    }

    /** Called after recovery: the next command the engine processes gets this sequence number plus one. */
    public void continueAfter(final long lastSequence)
    {
        commandSequence = lastSequence + 1;
        execIdsInCommand = 0;
    }

    /** The command the engine is about to process, for the events that echo its identifiers. */
    void currentCommand(final Command command)
    {
        currentCommand = command;
    }

    @Override
    public void onCommandProcessed(final Command command, final long sequence)
    {
        commandSequence = sequence + 1;
        execIdsInCommand = 0;
        currentCommand = null;
    }

    @Override
    public void onOrderAccepted(final OrderView order)
    {
        startReport(order, '0', OrderStatus.of(order, false));
        send(order.sessionId(), report);
    }

    @Override
    public void onExecution(
        final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
    {
        final char status = OrderStatus.of(order, false);
        startReport(order, status == OrderStatus.FILLED ? '2' : '1', status);
        report.lastShares(quantity, 0).lastPx(price, Price.DECIMALS);
        send(order.sessionId(), report);
    }

    @Override
    public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
    {
        final boolean expired = reason == CancelReason.EXPIRY;
        final char status = expired ? OrderStatus.EXPIRED : OrderStatus.CANCELED;
        startReport(order, status, status);
        final Command command = currentCommand;
        if (reason == CancelReason.USER && command != null && command.type() == CommandType.CANCEL)
        {
            report.clOrdID(clOrdIdBytes, command.clOrdId().getBytes(clOrdIdBytes, 0));
            report.origClOrdID(origClOrdIdBytes, order.clOrdId().getBytes(origClOrdIdBytes, 0));
        }
        else
        {
            report.text(CancelTexts.of(reason));
        }
        send(order.sessionId(), report);
    }

    @Override
    public void onOrderReplaced(final OrderView order)
    {
        startReport(order, '5', OrderStatus.of(order, false));
        report.origClOrdID(origClOrdIdBytes, order.origClOrdId().getBytes(origClOrdIdBytes, 0));
        send(order.sessionId(), report);
    }

    @Override
    public void onOrderReduced(final OrderView order, final long reducedBy, final CancelReason reason)
    {
        startReport(order, 'D', OrderStatus.of(order, false));
        report.execRestatementReason(RESTATED_PARTIAL_DECLINE).text(CancelTexts.of(reason));
        send(order.sessionId(), report);
    }

    @Override
    public void onOrderRejected(final Command command, final RejectReason reason)
    {
        final byte[] symbol = instruments.symbolBytes(command.instrumentId());
        rejectNewOrder(command.sessionId(), command, RejectTexts.ordRejReason(reason), RejectTexts.of(reason),
            symbol == null ? NONE : symbol, symbol == null ? NONE.length : symbol.length, nextExecId());
    }

    /**
     * Rejects a NewOrderSingle the gateway refused before it became an engine command. Such rejects are not
     * journaled, so their ExecIDs come from their own series ({@code R<process start>-<n>}), never from the engine's
     * sequence, which a restart would hand out again.
     */
    void rejectBeforeEngine(
        final int sessionId,
        final Command command,
        final int ordRejReason,
        final CharSequence text,
        final byte[] symbol,
        final int symbolLength)
    {
        rejectNewOrder(sessionId, command, ordRejReason, text, symbol, symbolLength, nextGatewayExecId());
    }

    /** Rejects a NewOrderSingle; the Symbol is echoed as sent. */
    private void rejectNewOrder(
        final int sessionId,
        final Command command,
        final int ordRejReason,
        final CharSequence text,
        final byte[] symbol,
        final int symbolLength,
        final int execIdLength)
    {
        report.reset();
        report.orderID(NONE)
            .clOrdID(clOrdIdBytes, command.clOrdId().getBytes(clOrdIdBytes, 0))
            .execID(execId, execIdLength)
            .execTransType(EXEC_TRANS_NEW)
            .execType('8')
            .ordStatus('8')
            .ordRejReason(ordRejReason)
            .side(command.side() == null ? Side.BUY.fixCode() : command.side().fixCode())
            .orderQty(Math.max(0, command.quantity()), 0)
            .leavesQty(0, 0)
            .cumQty(0, 0)
            .avgPx(0, Price.DECIMALS)
            .text(text)
            .symbol(symbol, symbolLength);
        timestamp(command.timestamp());
        send(sessionId, report);
    }

    @Override
    public void onCancelRejected(final Command command, final RejectReason reason)
    {
        cancelReject.reset();
        final OrderView order = ownOrder(command);
        if (order == null)
        {
            cancelReject.orderID(NONE).ordStatus('8');
        }
        else
        {
            cancelReject.orderID(orderId, putDecimal(orderId, 0, order.orderId())).ordStatus(OrderStatus.of(order, false));
        }
        cancelReject
            .clOrdID(clOrdIdBytes, command.clOrdId().getBytes(clOrdIdBytes, 0))
            .origClOrdID(origClOrdIdBytes, command.origClOrdId().getBytes(origClOrdIdBytes, 0))
            .cxlRejResponseTo(command.type() == CommandType.REPLACE ? '2' : '1')
            .cxlRejReason(RejectTexts.cxlRejReason(reason))
            .text(RejectTexts.of(reason));
        send(command.sessionId(), cancelReject);
    }

    /** The live order a cancel/replace named, if it is the requesting session's own (others stay invisible). */
    private OrderView ownOrder(final Command command)
    {
        if (engine == null)
        {
            return null;
        }
        OrderView order = command.orderId() != 0 ? engine.order(command.orderId()) : null;
        if (order == null && !command.origClOrdId().isEmpty())
        {
            order = engine.order(command.sessionId(), command.origClOrdId());
        }
        return order != null && order.sessionId() == command.sessionId() ? order : null;
    }

    /** Answers an OrderStatusRequest: the order's current state, ExecTransType=3 (Status). */
    void reportStatus(final OrderView order, final long nowNanos)
    {
        final char status = OrderStatus.of(order, false);
        startReport(order, status, status);
        report.execTransType(EXEC_TRANS_STATUS).execID(execId, nextStatusExecId());
        timestamp(nowNanos);
        send(order.sessionId(), report);
    }

    /** Answers an OrderStatusRequest for an order the session does not have. */
    void reportUnknownOrder(final int sessionId, final Command request, final long nowNanos)
    {
        report.reset();
        report.orderID(NONE)
            .clOrdID(clOrdIdBytes, request.clOrdId().getBytes(clOrdIdBytes, 0))
            .execID(execId, nextStatusExecId())
            .execTransType(EXEC_TRANS_STATUS)
            .execType('8')
            .ordStatus('8')
            .side(request.side().fixCode())
            .orderQty(0, 0)
            .leavesQty(0, 0)
            .cumQty(0, 0)
            .avgPx(0, Price.DECIMALS)
            .text("unknown order");
        final byte[] symbol = instruments.symbolBytes(request.instrumentId());
        report.symbol(symbol == null ? NONE : symbol);
        timestamp(nowNanos);
        send(sessionId, report);
    }

    private void startReport(final OrderView order, final char execType, final char ordStatus)
    {
        report.reset();
        report.orderID(orderId, putDecimal(orderId, 0, order.orderId()))
            .clOrdID(clOrdIdBytes, order.clOrdId().getBytes(clOrdIdBytes, 0))
            .execID(execId, nextExecId())
            .execTransType(EXEC_TRANS_NEW)
            .execType(execType)
            .ordStatus(ordStatus)
            .symbol(instruments.symbolBytes(order.instrumentId()))
            .side(order.side().fixCode())
            .ordType(order.ordType().fixCode())
            .timeInForce(order.timeInForce().fixCode())
            .orderQty(order.quantity(), 0)
            .leavesQty(order.leavesQty(), 0)
            .cumQty(order.cumQty(), 0)
            .avgPx(order.avgPx(), Price.DECIMALS)
            .lastShares(0, 0)
            .lastPx(0, Price.DECIMALS);
        if (order.price() != Price.NONE)
        {
            report.price(order.price(), Price.DECIMALS);
        }
        if (order.stopPrice() != Price.NONE)
        {
            report.stopPx(order.stopPrice(), Price.DECIMALS);
        }
        if (order.maxFloor() > 0)
        {
            report.maxFloor(order.maxFloor(), 0);
        }
        final Command command = currentCommand;
        timestamp(command != null ? command.timestamp() : order.entryTimestamp());
    }

    private void timestamp(final long epochNanos)
    {
        final int length = transactTime.encodeFrom(epochNanos, TimeUnit.NANOSECONDS);
        report.transactTime(transactTime.buffer(), length);
    }

    private int nextExecId()
    {
        int length = putDecimal(execId, 0, commandSequence);
        execId[length++] = '-';
        return putDecimal(execId, length, ++execIdsInCommand);
    }

    private int nextGatewayExecId()
    {
        execId[0] = 'R';
        int length = putDecimal(execId, 1, startMillis);
        execId[length++] = '-';
        return putDecimal(execId, length, ++gatewayRejects);
    }

    private int nextStatusExecId()
    {
        execId[0] = 'S';
        int length = putDecimal(execId, 1, startMillis);
        execId[length++] = '-';
        return putDecimal(execId, length, ++statusReports);
    }

    /** Writes a non-negative number in decimal at {@code offset}; returns the end offset. */
    private static int putDecimal(final byte[] dst, final int offset, final long value)
    {
        int digits = 1;
        for (long v = value / 10; v != 0; v /= 10)
        {
            digits++;
        }
        long v = value;
        for (int i = offset + digits - 1; i >= offset; i--)
        {
            dst[i] = (byte)('0' + v % 10);
            v /= 10;
        }
        return offset + digits;
    }

    private void send(final int sessionId, final Encoder encoder)
    {
        final Session session = sessions.session(sessionId);
        if (session == null)
        {
            // Never connected since this process started: nothing to send through yet (see docs).
            return;
        }
        outbound.send(session, encoder);
    }
}
