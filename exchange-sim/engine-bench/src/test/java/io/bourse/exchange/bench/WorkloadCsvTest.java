package io.bourse.exchange.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadCsvTest
{
    @TempDir
    Path directory;

    @Test
    void mapsEachRowOntoTheCommandTheEngineNeeds() throws IOException
    {
        final Workload workload = load(
            WorkloadCsv.HEADER,
            "0,prefill,PLACE,0,1,7,BID,GTC,9990,50",
            "1,measured,PLACE,0,2,8,ASK,IOC,9980,20",
            "2,measured,REDUCE,0,1,7,BID,GTC,0,15",
            "3,measured,MOVE,0,1,7,BID,GTC,9995,0",
            "4,measured,REDUCE,0,1,7,BID,GTC,0,5",
            "5,measured,CANCEL,0,1,7,BID,GTC,0,0");

        assertEquals(6, workload.size);
        assertEquals(1, workload.prefillCount);
        assertEquals(2, workload.maxOrderRef());

        assertRow(workload, 0, Workload.NEW_LIMIT, Workload.BUY, 7, 1, 999_000, 50);
        assertEquals(1, workload.clOrdId[0]);
        assertRow(workload, 1, Workload.NEW_LIMIT_IOC, Workload.SELL, 8, 2, 998_000, 20);
        // REDUCE: a replace to the new total at the current price
        assertRow(workload, 2, Workload.REPLACE, Workload.BUY, 7, 1, 999_000, 35);
        // MOVE: a replace to the new price with the current total
        assertRow(workload, 3, Workload.REPLACE, Workload.BUY, 7, 1, 999_500, 35);
        assertRow(workload, 4, Workload.REPLACE, Workload.BUY, 7, 1, 999_500, 30);
        assertEquals(Workload.CANCEL, workload.kind[5]);
        assertEquals(1, workload.orderRef[5]);

        // Requests carry ClOrdIDs above every order_id, each its own.
        for (int row = 2; row < 6; row++)
        {
            assertEquals(3 + row, workload.clOrdId[row]);
        }
    }

    @Test
    void refusesAnotherHeader() throws IOException
    {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> load("seq,type", "0,PLACE"));
        assertTrue(failure.getMessage().contains("header"), failure.getMessage());
    }

    @Test
    void namesTheLineOfABadRow() throws IOException
    {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> load(
            WorkloadCsv.HEADER,
            "0,measured,PLACE,0,1,7,BID,GTC,9990,50",
            "1,measured,CANCEL,0,9,7,BID,GTC,0,0"));
        assertTrue(failure.getMessage().contains("line 3"), failure.getMessage());
    }

    private Workload load(final String... lines) throws IOException
    {
        final Path file = directory.resolve("workload.csv");
        Files.write(file, List.of(lines));
        return WorkloadCsv.load(file);
    }

    private static void assertRow(
        final Workload workload,
        final int row,
        final byte kind,
        final byte side,
        final int session,
        final int orderRef,
        final long price,
        final long quantity)
    {
        assertEquals(kind, workload.kind[row], "kind of row " + row);
        assertEquals(side, workload.side[row], "side of row " + row);
        assertEquals(1, workload.instrumentId[row], "instrument of row " + row);
        assertEquals(session, workload.sessionId[row], "session of row " + row);
        assertEquals(orderRef, workload.orderRef[row], "order of row " + row);
        assertEquals(price, workload.price[row], "price of row " + row);
        assertEquals(quantity, workload.quantity[row], "quantity of row " + row);
    }
}
