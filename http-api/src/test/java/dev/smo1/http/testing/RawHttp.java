package dev.smo1.http.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for what the JDK client will not send: a {@code Host} header of the
 * test's choosing, and a request target exactly as written ({@code /app/../../etc/passwd}, {@code
 * %2e%2e}, {@code %2f}), never normalised on the way.
 */
public final class RawHttp {
  private RawHttp() {}

  /** An answer: status, headers by lower-case name, and the body's bytes. */
  public record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public Optional<String> header(String name) {
      var values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? Optional.empty() : Optional.of(values.getFirst());
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public static Response send(int port, String method, String target, String host)
      throws IOException {
    return send(port, method, target, host, Map.of());
  }

  public static Response send(
      int port, String method, String target, String host, Map<String, String> headers)
      throws IOException {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      var request = new StringBuilder();
      request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      request.append("Host: ").append(host).append("\r\n");
      headers.forEach(
          (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      if (!method.equals("GET") && !method.equals("HEAD")) {
        request.append("Content-Length: 0\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(socket.getInputStream(), method.equals("HEAD"));
    }
  }

  private static Response read(InputStream in, boolean head) throws IOException {
    byte[] all = in.readAllBytes();
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      throw new IOException(
          "no complete response head: " + new String(all, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(
              lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).strip());
    }
    byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if (!head && headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
      rest = unchunk(rest);
    }
    return new Response(status, headers, rest);
  }

  private static byte[] unchunk(byte[] chunked) {
    var body = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd =
          indexOf(
              java.util.Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {'\r', '\n'});
      String sizeLine = new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1);
      int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
      at += lineEnd + 2;
      if (size == 0) {
        return body.toByteArray();
      }
      body.write(chunked, at, size);
      at += size + 2;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
