package dev.vcg.services.web.internal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET over a socket connected to a vetted address, never to a name: the only DNS
 * answer used is the one that was checked. TLS verifies the certificate against the original host
 * name and sends it as SNI; the {@code Host} header carries the original host. No proxy, no
 * connection reuse ({@code Connection: close}). Not API.
 */
public final class HttpExchange implements Closeable {
  private static final int MAX_HEADER_LINE = 8192;
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_HEADER_FIELDS = 100;

  private final UrlGuard.Target target;
  private final Socket socket;
  private final InetSocketAddress remote;
  private final InputStream in;
  private ResponseHead head;

  private HttpExchange(UrlGuard.Target target, Socket socket, InetSocketAddress remote, InputStream in) {
    this.target = target;
    this.socket = socket;
    this.remote = remote;
    this.in = in;
  }

  /**
   * Connects to the first of the vetted addresses that answers.
   *
   * @param target the checked URL
   * @param vetted addresses that passed the address policy
   * @param sockets creates unconnected plain sockets
   * @param tls layers TLS over a connected socket
   * @param connectTimeoutMillis per-address connect timeout
   * @param readTimeoutMillis the longest wait for the next bytes
   * @param deadline the fetch's deadline (its watchdog closes the socket)
   * @return the exchange, connected (and TLS-handshaken for https)
   * @throws IOException if no address could be connected or TLS failed
   */
  public static HttpExchange connect(UrlGuard.Target target, List<InetAddress> vetted, SocketFactory sockets,
                                     SSLSocketFactory tls, long connectTimeoutMillis, long readTimeoutMillis,
                                     Deadline deadline) throws IOException {
    IOException last = null;
    for (InetAddress address : vetted) {
      InetSocketAddress remote = new InetSocketAddress(address, target.port());
      Socket plain = sockets.createSocket();
      deadline.watch(plain);
      try {
        plain.connect(remote, deadline.timeoutMillis(connectTimeoutMillis));
      } catch (IOException e) {
        closeQuietly(plain);
        if (e instanceof DeadlineExceededException || deadline.expired()) {
          throw new DeadlineExceededException();
        }
        last = e;
        continue;
      }
      try {
        plain.setTcpNoDelay(true);
        Socket s = plain;
        if (target.https()) {
          SSLSocket ssl = (SSLSocket) tls.createSocket(plain, target.host(), target.port(), true);
          SSLParameters params = ssl.getSSLParameters();
          params.setEndpointIdentificationAlgorithm("HTTPS");
          if (target.literal() == null) {
            params.setServerNames(List.of(new SNIHostName(target.host())));
          }
          ssl.setSSLParameters(params);
          deadline.watch(ssl);
          ssl.setSoTimeout(deadline.timeoutMillis(readTimeoutMillis));
          ssl.startHandshake();
          s = ssl;
        }
        InputStream raw = BodyStreams.deadline(s, s.getInputStream(), deadline, readTimeoutMillis);
        return new HttpExchange(target, s, remote, new BufferedInputStream(raw, 16 * 1024));
      } catch (IOException | RuntimeException e) {
        closeQuietly(plain);
        if (deadline.expired()) {
          throw new DeadlineExceededException();
        }
        throw e;
      }
    }
    throw last != null ? last : new ConnectException("no address to connect to");
  }

  /** @return the address connected to */
  public InetSocketAddress remote() {
    return remote;
  }

  /**
   * Sends the GET request and reads the response head, skipping interim (1xx) responses.
   *
   * @param userAgent the {@code User-Agent}
   * @param accept the {@code Accept} header value
   * @return the head
   * @throws IOException if the connection fails or the answer is not HTTP/1.x
   */
  public ResponseHead send(String userAgent, String accept) throws IOException {
    String request = "GET " + target.requestTarget() + " HTTP/1.1\r\n"
        + "Host: " + target.hostHeader() + "\r\n"
        + "User-Agent: " + userAgent + "\r\n"
        + "Accept: " + accept + "\r\n"
        + "Accept-Encoding: gzip, deflate\r\n"
        + "Connection: close\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(BodyStreams.ascii(request));
    out.flush();
    ResponseHead h;
    do {
      h = readHead();
    } while (h.status() >= 100 && h.status() < 200);
    this.head = h;
    return h;
  }

  /**
   * The decoded body of the response read by {@link #send}.
   *
   * @param rawLimit the most bytes read from the wire (before decoding)
   * @return the body: de-framed and decompressed
   * @throws IOException if the framing or encoding is unsupported
   */
  public InputStream body(long rawLimit) throws IOException {
    int status = head.status();
    if (status == 204 || status == 304) {
      return InputStream.nullInputStream();
    }
    List<String> te = tokens(head.all("transfer-encoding"));
    InputStream framed;
    if (!te.isEmpty()) {
      if (!te.get(te.size() - 1).equals("chunked")) {
        framed = in;
      } else if (te.size() == 1) {
        framed = BodyStreams.chunked(in);
      } else {
        throw new HttpProtocolException("unsupported Transfer-Encoding " + te);
      }
    } else {
      List<String> cl = head.all("content-length");
      if (cl.isEmpty()) {
        framed = in;
      } else {
        framed = BodyStreams.fixedLength(in, contentLength(cl));
      }
    }
    framed = BodyStreams.limited(framed, rawLimit);
    List<String> ce = tokens(head.all("content-encoding"));
    ce.removeIf(t -> t.equals("identity"));
    if (ce.size() > 1) {
      throw new HttpProtocolException("more than one Content-Encoding " + ce);
    }
    return BodyStreams.decode(framed, ce.isEmpty() ? "" : ce.get(0));
  }

  /**
   * The declared body length, when the body is neither chunked nor compressed.
   *
   * @return the length, or -1
   * @throws HttpProtocolException if the header is malformed
   */
  public long declaredLength() throws HttpProtocolException {
    if (!head.all("transfer-encoding").isEmpty()) {
      return -1;
    }
    List<String> cl = head.all("content-length");
    return cl.isEmpty() ? -1 : contentLength(cl);
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private ResponseHead readHead() throws IOException {
    String status = BodyStreams.readLine(in, MAX_HEADER_LINE);
    if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
      throw new HttpProtocolException("the answer is not HTTP/1.x");
    }
    int code;
    try {
      code = Integer.parseInt(status.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new HttpProtocolException("invalid status code");
    }
    if (code < 100 || code > 599) {
      throw new HttpProtocolException("invalid status code " + code);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int bytes = status.length();
    int fields = 0;
    while (true) {
      String line = BodyStreams.readLine(in, MAX_HEADER_LINE);
      if (line.isEmpty()) {
        break;
      }
      bytes += line.length() + 2;
      if (bytes > MAX_HEADER_BYTES || ++fields > MAX_HEADER_FIELDS) {
        throw new HttpProtocolException("the response headers exceed " + MAX_HEADER_FIELDS
            + " fields or " + MAX_HEADER_BYTES + " bytes");
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new HttpProtocolException("folded header lines are not supported");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new HttpProtocolException("malformed header line");
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    headers.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new ResponseHead(code, frozen);
  }

  private static long contentLength(List<String> values) throws HttpProtocolException {
    long length = -1;
    for (String v : values) {
      for (String part : v.split(",")) {
        String p = part.trim();
        if (p.isEmpty() || p.length() > 18 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new HttpProtocolException("invalid Content-Length");
        }
        long l = Long.parseLong(p);
        if (length >= 0 && l != length) {
          throw new HttpProtocolException("conflicting Content-Length values");
        }
        length = l;
      }
    }
    return length;
  }

  private static List<String> tokens(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String t : v.split(",")) {
        String s = t.trim().toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing more to do
    }
  }

}
