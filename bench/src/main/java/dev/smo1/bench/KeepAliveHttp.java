package dev.smo1.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client over one kept-alive connection, one request at a time: the load
 * generator's overhead stays far below the server's, so latencies are the server's. Handles
 * Content-Length bodies only (all SMO1 API answers have one).
 */
final class KeepAliveHttp implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String hostHeader;

  record Response(int status, String body) {}

  KeepAliveHttp(URI base) throws IOException {
    this.socket = new Socket(base.getHost(), base.getPort());
    socket.setTcpNoDelay(true);
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.hostHeader = base.getHost() + ":" + base.getPort();
  }

  Response post(String path, String authorization, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + hostHeader
            + "\r\nAuthorization: "
            + authorization
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return read();
  }

  Response get(String path) throws IOException {
    String head = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return read();
  }

  private Response read() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = 0;
    String header;
    while (!(header = line()).isEmpty()) {
      int colon = header.indexOf(':');
      if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(header.substring(colon + 1).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("connection closed mid-body");
    }
    return new Response(status, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    var bytes = new ByteArrayOutputStream(128);
    int previous = -1;
    int current;
    while ((current = in.read()) != -1) {
      if (previous == '\r' && current == '\n') {
        byte[] raw = bytes.toByteArray();
        return new String(raw, 0, raw.length - 1, StandardCharsets.US_ASCII);
      }
      bytes.write(current);
      previous = current;
    }
    throw new IOException("connection closed");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
