package dev.vcg.services.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A raw HTTP/1.1 server on a loopback port whose answers are written byte for byte by the test:
 * for faults WireMock cannot script (stalls after headers, trickles, gzip bombs, broken framing).
 */
final class ScriptedServer implements AutoCloseable {
  /** Writes the answer to one request. */
  interface Handler {
    void handle(Request request, OutputStream out) throws Exception;
  }

  /** One received request. */
  record Request(String line, Map<String, String> headers, String sni) {
    String path() {
      return line.split(" ")[1];
    }
  }

  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final ServerSocket server;
  private final SSLContext tls;
  private final Handler handler;
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
  private final Thread acceptor;

  ScriptedServer(Handler handler) throws IOException {
    this(null, handler);
  }

  ScriptedServer(SSLContext tls, Handler handler) throws IOException {
    this.tls = tls;
    this.handler = handler;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "scripted-server-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "scripted-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket plain) {
    try (plain) {
      Socket s = plain;
      String sni = null;
      if (tls != null) {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        for (SNIServerName n : ((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames()) {
          if (n instanceof SNIHostName h) {
            sni = h.getAsciiName();
          }
        }
        open.add(ssl);
        s = ssl;
      }
      InputStream in = new BufferedInputStream(s.getInputStream());
      String line = readLine(in);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
        int c = h.indexOf(':');
        headers.put(h.substring(0, c).trim().toLowerCase(Locale.ROOT), h.substring(c + 1).trim());
      }
      Request r = new Request(line, headers, sni);
      requests.add(r);
      OutputStream out = s.getOutputStream();
      handler.handle(r, out);
      out.flush();
    } catch (Exception e) {
      // the client went away: expected in fault tests
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("closed");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  static void respond(OutputStream out, int status, String contentType, byte[] body) throws IOException {
    write(out, "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n");
    out.write(body);
  }

  static void redirect(OutputStream out, int status, String location) throws IOException {
    write(out, "HTTP/1.1 " + status + " Moved\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (open) {
      for (Socket s : open) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
  }
}
