package io.bourse.exchange.fix;

import io.bourse.exchange.engine.RejectReason;

/**
 * What the venue says when it refuses an order or a cancel/replace: the FIX 4.2 code (OrdRejReason(103) values 0-8
 * and CxlRejReason(102) values 0-3 only; later versions' codes would be refused by strict FIX 4.2 counterparties) and
 * a Text(58) naming the problem.
 */
final class RejectTexts
{
    static final int ORD_REJ_BROKER_OPTION = 0;
    static final int ORD_REJ_UNKNOWN_SYMBOL = 1;
    static final int ORD_REJ_EXCHANGE_CLOSED = 2;
    static final int ORD_REJ_EXCEEDS_LIMIT = 3;
    static final int ORD_REJ_DUPLICATE_ORDER = 6;

    static final int CXL_REJ_UNKNOWN_ORDER = 1;
    static final int CXL_REJ_BROKER_OPTION = 2;

    private RejectTexts()
    {
    }

    static int ordRejReason(final RejectReason reason)
    {
        switch (reason)
        {
            case UNKNOWN_INSTRUMENT: return ORD_REJ_UNKNOWN_SYMBOL;
            case MARKET_CLOSED: return ORD_REJ_EXCHANGE_CLOSED;
            case PRICE_OUT_OF_BAND: return ORD_REJ_EXCEEDS_LIMIT;
            case DUPLICATE_CLORDID: return ORD_REJ_DUPLICATE_ORDER;
            default: return ORD_REJ_BROKER_OPTION;
        }
    }

    static int cxlRejReason(final RejectReason reason)
    {
        return reason == RejectReason.UNKNOWN_ORDER || reason == RejectReason.NOT_OWNER ?
            CXL_REJ_UNKNOWN_ORDER : CXL_REJ_BROKER_OPTION;
    }

    static String of(final RejectReason reason)
    {
        switch (reason)
        {
            case UNKNOWN_INSTRUMENT: return "unknown symbol";
            case INVALID_QUANTITY: return "quantity must be positive";
            case INVALID_LOT_SIZE: return "quantity is not a multiple of the lot size";
            case INVALID_PRICE: return "price missing, not positive, or not allowed for this order type";
            case INVALID_TICK_SIZE: return "price is not a multiple of the tick size";
            case PRICE_OUT_OF_BAND: return "price outside the price band";
            case MISSING_STOP_PRICE: return "stop price missing";
            case INVALID_MIN_QTY: return "invalid MinQty";
            case INVALID_MAX_FLOOR: return "invalid MaxFloor";
            case INVALID_EXPIRE_TIME: return "ExpireTime missing or already past";
            case DUPLICATE_CLORDID: return "duplicate ClOrdID";
            case INVALID_CLORDID: return "invalid ClOrdID";
            // A session must not learn that another session's order exists.
            case UNKNOWN_ORDER, NOT_OWNER: return "unknown order";
            case MARKET_CLOSED: return "market closed";
            case NOT_ALLOWED_IN_PHASE: return "order type not allowed in the current trading phase";
            case POST_ONLY_WOULD_TAKE: return "post-only order would take liquidity";
            case UNSUPPORTED_ORDER_TYPE: return "unsupported combination of order type and time in force";
            case REPLACE_NOT_ALLOWED: return "side, symbol or order type cannot be replaced";
            case INVALID_COMMAND: return "invalid request";
            default: throw new IllegalArgumentException("no text for " + reason);
        }
    }
}
