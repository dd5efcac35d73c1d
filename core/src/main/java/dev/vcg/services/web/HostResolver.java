package dev.vcg.services.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to its addresses (A and AAAA records). The {@link GuardedFetcher} calls it
 * once per request hop, checks every address it returns and connects only to those addresses, so
 * an answer that changes between calls (DNS rebinding) cannot redirect a connection.
 *
 * <p>Implementations must be thread-safe. Tests inject their own to simulate DNS.
 */
@FunctionalInterface
public interface HostResolver {

  /**
   * Resolves a host name.
   *
   * @param host an ASCII (punycode) host name, lower case, without a trailing dot; never an
   *     address literal
   * @return its addresses, in the order they should be tried; an empty list means none
   * @throws UnknownHostException if the name does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /**
   * The JVM's resolver ({@link InetAddress#getAllByName}).
   *
   * @return a resolver backed by the system's name service
   */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
