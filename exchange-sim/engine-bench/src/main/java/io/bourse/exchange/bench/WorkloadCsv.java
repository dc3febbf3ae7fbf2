package io.bourse.exchange.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the shared reference workload ({@code shared/bench/EngineWorkload.java}, format in its README) into a
 * {@link Workload}. The mapping onto engine commands:
 * <ul>
 * <li>PLACE: a NEW_ORDER, GTC or IOC limit; session = uid, no self-trade group, ClOrdID = order_id.</li>
 * <li>CANCEL: a CANCEL of the target order by OrderID.</li>
 * <li>MOVE: a REPLACE to the new price with the same total quantity (it loses priority and may trade).</li>
 * <li>REDUCE: a REPLACE at the same price down to total quantity minus the reduction, which keeps priority.</li>
 * </ul>
 * A replace's quantity is the order's new total, filled part included, so the file is read in order keeping each
 * order's current total and price; that is all the state the mapping needs, since fills never change a total.
 * Cancels and replaces carry ClOrdIDs above every order_id (the highest order_id + 1 + seq), so a new ClOrdID never
 * equals one of the session's live ones.
 */
public final class WorkloadCsv
{
    static final int MAX_SYMBOLS = 100_000;
    static final String HEADER = "seq,phase,type,symbol,order_id,uid,side,order_type,price_ticks,qty";

    private final byte[] text;
    private int position;
    private int lineNumber;

    private WorkloadCsv(final byte[] text)
    {
        this.text = text;
    }

    public static Workload load(final Path file) throws IOException
    {
        final byte[] text = Files.readAllBytes(file);
        try
        {
            return new WorkloadCsv(text).parse();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
    }

    private Workload parse()
    {
        final String header = readHeader();
        if (!HEADER.equals(header))
        {
            throw new IllegalArgumentException("expected the header '" + HEADER + "', found '" + header + "'");
        }
        final int rows = countRows();
        final int prefillCount = countPrefillRows();

        int maxSymbol = 0;
        long[] totalByOrder = new long[rows + 2];
        long[] priceByOrder = new long[rows + 2];
        int maxOrderId = 0;

        final byte[] kind = new byte[rows];
        final byte[] side = new byte[rows];
        final int[] instrumentId = new int[rows];
        final int[] sessionId = new int[rows];
        final int[] orderRef = new int[rows];
        final long[] price = new long[rows];
        final long[] quantity = new long[rows];
        final boolean[] isRequest = new boolean[rows];

        for (int row = 0; row < rows; row++)
        {
            lineNumber++;
            final long seq = readLong();
            expect(row == seq, "seq " + seq + " is not the row number " + row);
            final boolean prefill = readWord("prefill", "measured");
            expect(prefill == row < prefillCount, "prefill rows must come first");
            final int type = readChoice("PLACE", "CANCEL", "MOVE", "REDUCE");
            final long symbolLong = readLong();
            expect(symbolLong < MAX_SYMBOLS, "symbol out of range: " + symbolLong);
            final int symbol = (int)symbolLong;
            final long orderIdLong = readLong();
            expect(orderIdLong > 0 && orderIdLong < Integer.MAX_VALUE, "order_id out of range: " + orderIdLong);
            final int orderId = (int)orderIdLong;
            final long uid = readLong();
            expect(uid > 0 && uid <= Integer.MAX_VALUE, "uid out of range: " + uid);
            final boolean bid = readWord("BID", "ASK");
            final boolean gtc = readWord("GTC", "IOC");
            final long ticks = readLong();
            final long qty = readLastLong();

            if (orderId >= totalByOrder.length)
            {
                totalByOrder = Arrays.copyOf(totalByOrder, Math.max(orderId + 1, totalByOrder.length * 2));
                priceByOrder = Arrays.copyOf(priceByOrder, totalByOrder.length);
            }
            maxOrderId = Math.max(maxOrderId, orderId);
            maxSymbol = Math.max(maxSymbol, symbol);

            side[row] = bid ? Workload.BUY : Workload.SELL;
            instrumentId[row] = symbol + 1;
            sessionId[row] = (int)uid;
            orderRef[row] = orderId;
            switch (type)
            {
                case 0: // PLACE
                    expect(totalByOrder[orderId] == 0, "order_id " + orderId + " placed twice");
                    expect(qty > 0 && ticks > 0, "PLACE needs a positive price and quantity");
                    kind[row] = gtc ? Workload.NEW_LIMIT : Workload.NEW_LIMIT_IOC;
                    price[row] = BenchInstruments.ticksToPrice(ticks);
                    quantity[row] = qty;
                    totalByOrder[orderId] = qty;
                    priceByOrder[orderId] = price[row];
                    break;
                case 1: // CANCEL
                    expectPlaced(totalByOrder, orderId);
                    kind[row] = Workload.CANCEL;
                    isRequest[row] = true;
                    break;
                case 2: // MOVE
                    expectPlaced(totalByOrder, orderId);
                    expect(ticks > 0, "MOVE needs a positive price");
                    kind[row] = Workload.REPLACE;
                    price[row] = BenchInstruments.ticksToPrice(ticks);
                    quantity[row] = totalByOrder[orderId];
                    priceByOrder[orderId] = price[row];
                    isRequest[row] = true;
                    break;
                default: // REDUCE
                    expectPlaced(totalByOrder, orderId);
                    expect(qty > 0 && qty < totalByOrder[orderId], "REDUCE by " + qty + " of order_id " + orderId +
                        " whose total is " + totalByOrder[orderId]);
                    kind[row] = Workload.REPLACE;
                    price[row] = priceByOrder[orderId];
                    totalByOrder[orderId] -= qty;
                    quantity[row] = totalByOrder[orderId];
                    isRequest[row] = true;
                    break;
            }
        }
        final Workload workload = new Workload(rows, prefillCount, maxSymbol + 1);
        final long requestIdBase = maxOrderId + 1L;
        for (int row = 0; row < rows; row++)
        {
            final long clOrdId = isRequest[row] ? requestIdBase + row : orderRef[row];
            workload.set(row, kind[row], side[row], instrumentId[row], sessionId[row], orderRef[row], price[row],
                quantity[row], clOrdId);
        }
        return workload;
    }

    private String readHeader()
    {
        final int end = lineEnd(0);
        position = end + 1;
        lineNumber = 1;
        return new String(text, 0, end, StandardCharsets.US_ASCII).strip();
    }

    private int lineEnd(final int from)
    {
        int i = from;
        while (i < text.length && text[i] != '\n')
        {
            i++;
        }
        return i;
    }

    /** Data lines after the header; a last line without a newline counts, blank lines are refused later. */
    private int countRows()
    {
        int rows = 0;
        int i = position;
        while (i < text.length)
        {
            rows++;
            i = lineEnd(i) + 1;
        }
        return rows;
    }

    private int countPrefillRows()
    {
        final byte[] prefill = ",prefill,".getBytes(StandardCharsets.US_ASCII);
        int count = 0;
        int i = position;
        while (i < text.length)
        {
            final int end = lineEnd(i);
            if (indexOf(prefill, i, end) >= 0)
            {
                count++;
            }
            i = end + 1;
        }
        return count;
    }

    private int indexOf(final byte[] needle, final int from, final int to)
    {
        outer:
        for (int i = from; i + needle.length <= to; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (text[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private long readLong()
    {
        final long value = parseLong();
        expect(position < text.length && text[position] == ',', "expected ',' after a number");
        position++;
        return value;
    }

    private long readLastLong()
    {
        final long value = parseLong();
        if (position < text.length && text[position] == '\r')
        {
            position++;
        }
        expect(position == text.length || text[position] == '\n', "expected the end of the line");
        position++;
        return value;
    }

    private long parseLong()
    {
        final int start = position;
        long value = 0;
        while (position < text.length && text[position] >= '0' && text[position] <= '9')
        {
            value = value * 10 + (text[position] - '0');
            position++;
        }
        expect(position > start && position - start <= 18, "expected a number");
        return value;
    }

    /** @return true for the first word, false for the second. */
    private boolean readWord(final String first, final String second)
    {
        return readChoice(first, second) == 0;
    }

    private int readChoice(final String... words)
    {
        final int end = fieldEnd();
        for (int w = 0; w < words.length; w++)
        {
            if (fieldEquals(words[w], end))
            {
                position = end + 1;
                return w;
            }
        }
        throw failure("expected one of " + String.join("/", words) + ", found '" +
            new String(text, position, end - position, StandardCharsets.US_ASCII) + "'");
    }

    private int fieldEnd()
    {
        int i = position;
        while (i < text.length && text[i] != ',' && text[i] != '\n')
        {
            i++;
        }
        expect(i < text.length && text[i] == ',', "line ends early");
        return i;
    }

    private boolean fieldEquals(final String word, final int end)
    {
        if (end - position != word.length())
        {
            return false;
        }
        for (int i = 0; i < word.length(); i++)
        {
            if (text[position + i] != word.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private void expectPlaced(final long[] totalByOrder, final int orderId)
    {
        expect(totalByOrder[orderId] > 0, "order_id " + orderId + " is targeted before it is placed");
    }

    private void expect(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw failure(message);
        }
    }

    private IllegalArgumentException failure(final String message)
    {
        return new IllegalArgumentException("line " + lineNumber + ": " + message);
    }
}
