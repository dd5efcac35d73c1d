package dev.vcg.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;

/**
 * A loopback port that counts the connections made to it, to prove that code does no network I/O
 * (e.g. a provider factory building providers). Point a base URL at {@link #url()}, run the
 * code, then check {@link #connections()}. Connections are accepted and closed at once.
 */
public final class LoopbackTrap implements AutoCloseable {
  private final ServerSocket socket;
  private int connections;

  private LoopbackTrap(ServerSocket socket) {
    this.socket = socket;
  }

  /**
   * @return a trap listening on a free loopback port
   * @throws UncheckedIOException if no port can be opened
   */
  public static LoopbackTrap open() {
    try {
      return new LoopbackTrap(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return {@code http://127.0.0.1:<port>} */
  public URI url() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  /**
   * Accepts every connection already made (waiting at most 100 ms for one to arrive) and returns
   * how many there have been so far.
   *
   * @return connections made to the trap since it opened
   */
  public synchronized int connections() {
    try {
      socket.setSoTimeout(100);
      while (true) {
        try {
          Socket s = socket.accept();
          connections++;
          s.close();
        } catch (SocketTimeoutException e) {
          return connections;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
