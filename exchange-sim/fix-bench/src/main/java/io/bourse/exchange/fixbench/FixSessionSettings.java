package io.bourse.exchange.fixbench;

import java.net.InetSocketAddress;

/** Where the client connects and who it logs on as: CompIDs, password (sent in RawData(96)), heartbeat interval. */
record FixSessionSettings(
    InetSocketAddress venue,
    String senderCompId,
    String targetCompId,
    String password,
    int heartBtIntSeconds)
{
}
