package io.bourse.exchange.fix;

import org.agrona.DirectBuffer;

/**
 * The field order inside the repeating groups of NewOrderSingle and OrderCancelReplaceRequest, which Artio's codecs do
 * not check: they start a new entry at any field already seen in the current one, so {@code 78=1|80=10|79=ACC} passes
 * and {@code 78=1|79=A|80=10|80=20} is taken for two entries. FIX 4.2 wants every entry to start with the group's
 * first field (its delimiter) and the fields of an entry in the order the dictionary lists them, each at most once;
 * QuickFIX refuses anything else as "repeating group fields out of order", naming the field, and so does the venue.
 *
 * <p>A field of a group that appears outside it is not this check's business: the codec refuses it as a tag not
 * defined for the message type (373=2), as QuickFIX does. Neither is a count that does not match the entries (the
 * codec's own check).
 */
final class RepeatingGroupOrder
{
    /** {@link #firstFieldOutOfOrder} found every group in order. */
    static final int IN_ORDER = 0;

    /**
     * The groups FIX42.xml defines for NewOrderSingle and OrderCancelReplaceRequest (the same two for both): the
     * NumInGroup tag, then the group's fields in the dictionary's order, the delimiter first.
     */
    private static final int[][] GROUPS = {
        {78, 79, 80},   // NoAllocs: AllocAccount, AllocShares
        {386, 336},     // NoTradingSessions: TradingSessionID
    };

    private RepeatingGroupOrder()
    {
    }

    /**
     * Scans the message's fields (tag by tag, as the codec frames them, up to the first SOH after each '=').
     *
     * @return the tag of the first group field out of order, or {@link #IN_ORDER}.
     */
    static int firstFieldOutOfOrder(final DirectBuffer buffer, final int offset, final int length)
    {
        final FixFieldCursor field = new FixFieldCursor().wrap(buffer, offset, length);
        int[] group = null;
        int previousIndex = -1;
        while (field.next())
        {
            final int tag = field.tag();
            if (group != null)
            {
                final int index = indexInGroup(group, tag);
                if (index == 0)
                {
                    previousIndex = 0;
                    continue;
                }
                if (index > 0)
                {
                    // Before any delimiter, or not after the entry's previous field (a repeat included).
                    if (index <= previousIndex || previousIndex < 0)
                    {
                        return tag;
                    }
                    previousIndex = index;
                    continue;
                }
                group = null;
            }
            group = groupCountedBy(tag);
            previousIndex = -1;
        }
        return IN_ORDER;
    }

    /** The index of the tag among the group's fields (0 for the delimiter), or -1 if it is not one of them. */
    private static int indexInGroup(final int[] group, final int tag)
    {
        for (int i = 1; i < group.length; i++)
        {
            if (group[i] == tag)
            {
                return i - 1;
            }
        }
        return -1;
    }

    private static int[] groupCountedBy(final int tag)
    {
        for (final int[] group : GROUPS)
        {
            if (group[0] == tag)
            {
                return group;
            }
        }
        return null;
    }
}
