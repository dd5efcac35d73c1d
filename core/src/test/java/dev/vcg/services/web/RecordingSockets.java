package dev.vcg.services.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * A socket factory that records every connect attempt. By default it refuses to connect at all
 * (so a test proves no connection was made); routes can send an address to a local server, the
 * way a real network would deliver it.
 */
final class RecordingSockets extends SocketFactory {
  final List<InetSocketAddress> connects = Collections.synchronizedList(new ArrayList<>());
  private final Map<InetAddress, InetSocketAddress> routes = new ConcurrentHashMap<>();
  private volatile boolean passLoopback;

  /** Delivers connections for {@code address} (any port) to a local port. */
  RecordingSockets route(String address, int localPort) throws IOException {
    routes.put(InetAddress.getByName(address), new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
    return this;
  }

  /** Lets connections to loopback addresses through unchanged. */
  RecordingSockets passLoopback() {
    passLoopback = true;
    return this;
  }

  @Override
  public Socket createSocket() {
    return new Socket(Proxy.NO_PROXY) {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        InetSocketAddress target = (InetSocketAddress) endpoint;
        connects.add(target);
        InetSocketAddress route = routes.get(target.getAddress());
        if (route != null) {
          super.connect(route, timeout);
        } else if (passLoopback && target.getAddress().isLoopbackAddress()) {
          super.connect(target, timeout);
        } else {
          throw new IOException("the test forbids connecting to " + target);
        }
      }
    };
  }

  @Override
  public Socket createSocket(String host, int port) {
    throw new AssertionError("the fetcher must not connect by name");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new AssertionError("the fetcher must not connect by name");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw new AssertionError("the fetcher must create unconnected sockets");
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
    throw new AssertionError("the fetcher must create unconnected sockets");
  }
}
