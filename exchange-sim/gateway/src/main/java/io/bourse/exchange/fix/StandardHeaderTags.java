package io.bourse.exchange.fix;

import io.bourse.fix42.Constants;

/**
 * The fields of the FIX 4.2 StandardHeader, as fix-dictionaries/FIX42.xml lists them. The codec refuses one of them
 * in the body as "tag not defined for this message type" (373=2); the venue tells the sender what really happened:
 * a header field out of order.
 */
final class StandardHeaderTags
{
    private static final int[] TAGS = {
        Constants.BEGIN_STRING, Constants.BODY_LENGTH, Constants.MSG_TYPE, Constants.SENDER_COMP_ID,
        Constants.TARGET_COMP_ID, Constants.ON_BEHALF_OF_COMP_ID, Constants.DELIVER_TO_COMP_ID,
        Constants.SECURE_DATA_LEN, Constants.SECURE_DATA, Constants.MSG_SEQ_NUM, Constants.SENDER_SUB_ID,
        Constants.SENDER_LOCATION_ID, Constants.TARGET_SUB_ID, Constants.TARGET_LOCATION_ID,
        Constants.ON_BEHALF_OF_SUB_ID, Constants.ON_BEHALF_OF_LOCATION_ID, Constants.DELIVER_TO_SUB_ID,
        Constants.DELIVER_TO_LOCATION_ID, Constants.POSS_DUP_FLAG, Constants.POSS_RESEND, Constants.SENDING_TIME,
        Constants.ORIG_SENDING_TIME, Constants.XML_DATA_LEN, Constants.XML_DATA, Constants.MESSAGE_ENCODING,
        Constants.LAST_MSG_SEQ_NUM_PROCESSED, Constants.ON_BEHALF_OF_SENDING_TIME,
    };
    /** Indexed by tag: asked for every header field of every order ({@link HeaderPeek}), so a table, not a set. */
    private static final boolean[] IS_HEADER_TAG = new boolean[maxTag() + 1];

    static
    {
        for (final int tag : TAGS)
        {
            IS_HEADER_TAG[tag] = true;
        }
    }

    private StandardHeaderTags()
    {
    }

    static boolean contains(final int tag)
    {
        return tag >= 0 && tag < IS_HEADER_TAG.length && IS_HEADER_TAG[tag];
    }

    private static int maxTag()
    {
        int max = 0;
        for (final int tag : TAGS)
        {
            max = Math.max(max, tag);
        }
        return max;
    }
}
