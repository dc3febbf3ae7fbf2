package io.bourse.exchange.fixbench;

import java.nio.charset.StandardCharsets;

/** The few FIX 4.2 tags and values the benchmark's client and floor acceptor read or write. */
final class Fix
{
    static final byte SOH = 1;

    static final int BEGIN_STRING = 8;
    static final int BODY_LENGTH = 9;
    static final int CHECK_SUM = 10;
    static final int MSG_TYPE = 35;
    static final int MSG_SEQ_NUM = 34;
    static final int SENDER_COMP_ID = 49;
    static final int TARGET_COMP_ID = 56;
    static final int SENDING_TIME = 52;

    static final int AVG_PX = 6;
    static final int CL_ORD_ID = 11;
    static final int CUM_QTY = 14;
    static final int EXEC_ID = 17;
    static final int EXEC_TRANS_TYPE = 20;
    static final int HANDL_INST = 21;
    static final int ORDER_ID = 37;
    static final int ORDER_QTY = 38;
    static final int ORD_STATUS = 39;
    static final int ORD_TYPE = 40;
    static final int PRICE = 44;
    static final int SIDE = 54;
    static final int SYMBOL = 55;
    static final int TEXT = 58;
    static final int TIME_IN_FORCE = 59;
    static final int TRANSACT_TIME = 60;
    static final int RAW_DATA_LENGTH = 95;
    static final int RAW_DATA = 96;
    static final int ENCRYPT_METHOD = 98;
    static final int HEART_BT_INT = 108;
    static final int TEST_REQ_ID = 112;
    static final int RESET_SEQ_NUM_FLAG = 141;
    static final int EXEC_TYPE = 150;
    static final int LEAVES_QTY = 151;

    static final byte[] MSG_TYPE_HEARTBEAT = ascii("0");
    static final byte[] MSG_TYPE_LOGON = ascii("A");
    static final byte[] MSG_TYPE_LOGOUT = ascii("5");
    static final byte[] MSG_TYPE_NEW_ORDER_SINGLE = ascii("D");
    static final byte[] MSG_TYPE_EXECUTION_REPORT = ascii("8");

    /** Single-character MsgTypes as the client and the floor switch on them. */
    static final byte HEARTBEAT = '0';
    static final byte TEST_REQUEST = '1';
    static final byte RESEND_REQUEST = '2';
    static final byte SESSION_REJECT = '3';
    static final byte SEQUENCE_RESET = '4';
    static final byte LOGOUT = '5';
    static final byte EXECUTION_REPORT = '8';
    static final byte LOGON = 'A';
    static final byte NEW_ORDER_SINGLE = 'D';
    static final byte BUSINESS_MESSAGE_REJECT = 'j';

    static final byte EXEC_TYPE_NEW = '0';
    static final byte EXEC_TYPE_PARTIAL_FILL = '1';
    static final byte EXEC_TYPE_FILL = '2';
    static final byte EXEC_TYPE_CANCELED = '4';
    static final byte EXEC_TYPE_REJECTED = '8';

    private Fix()
    {
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
