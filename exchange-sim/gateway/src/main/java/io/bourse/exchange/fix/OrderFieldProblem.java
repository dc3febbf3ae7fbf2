package io.bourse.exchange.fix;

import io.bourse.exchange.engine.RejectReason;

/**
 * A quantity or price field of a NewOrderSingle or OrderCancelReplaceRequest that has no exact engine form, with
 * what the venue answers: the Text of a rejected order, the reason of a refused replace.
 */
enum OrderFieldProblem
{
    MISSING_ORDER_QTY("OrderQty is required", RejectReason.INVALID_QUANTITY),
    FRACTIONAL_ORDER_QTY("OrderQty must be a whole number", RejectReason.INVALID_QUANTITY),
    OFF_TICK_PRICE("price is not a multiple of the tick size", RejectReason.INVALID_TICK_SIZE),
    OFF_TICK_STOP_PRICE("stop price is not a multiple of the tick size", RejectReason.INVALID_TICK_SIZE),
    FRACTIONAL_MAX_FLOOR("MaxFloor must be a whole number", RejectReason.INVALID_MAX_FLOOR);

    private final String text;
    private final RejectReason replaceRejectReason;

    OrderFieldProblem(final String text, final RejectReason replaceRejectReason)
    {
        this.text = text;
        this.replaceRejectReason = replaceRejectReason;
    }

    String text()
    {
        return text;
    }

    RejectReason replaceRejectReason()
    {
        return replaceRejectReason;
    }
}
