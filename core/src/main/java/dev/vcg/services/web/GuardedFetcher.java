package dev.vcg.services.web;

import dev.vcg.services.web.internal.BodyStreams;
import dev.vcg.services.web.internal.Deadline;
import dev.vcg.services.web.internal.DeadlineExceededException;
import dev.vcg.services.web.internal.HttpExchange;
import dev.vcg.services.web.internal.HttpProtocolException;
import dev.vcg.services.web.internal.Redact;
import dev.vcg.services.web.internal.ResponseHead;
import dev.vcg.services.web.internal.UrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches untrusted URLs (user websites, provider asset and CDN URLs) without letting them reach
 * anything but the public internet.
 *
 * <p>For every hop (the URL and each redirect, at most {@link FetchPolicy#maxRedirects()}): the URL
 * is checked against the {@link FetchPolicy}; its host is resolved once through the
 * {@link HostResolver}; if <em>any</em> address is not public the URL is refused; otherwise the
 * connection goes to those vetted addresses only, never to the name again, so DNS rebinding cannot
 * redirect it. TLS verifies the certificate against the URL's host name (also sent as SNI). No
 * proxy is used, no cookies or credentials are ever sent, and a redirect from https to http is
 * refused. The whole fetch, body included, is bounded by a deadline; the body is decompressed
 * (gzip, deflate) and its size counted after decompression.
 *
 * <pre>{@code
 * GuardedFetcher fetcher = GuardedFetcher.create();
 * FetchResult page = fetcher.fetch(FetchRequest.builder("https://example.com/")
 *     .acceptedTypes("text/html").maxBytes(2 << 20).truncateAtLimit(true).build());
 * }</pre>
 *
 * <p>Thread-safe; each fetch uses its own connection.
 */
public final class GuardedFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedFetcher.class);

  private final FetchPolicy policy;
  private final HostResolver resolver;
  private final SocketFactory sockets;
  private final SSLSocketFactory tls;
  private final ScheduledExecutorService scheduler;

  private GuardedFetcher(Builder b) {
    this.policy = b.policy;
    this.resolver = b.resolver;
    this.sockets = b.sockets;
    this.tls = b.tls;
    this.scheduler = b.scheduler;
  }

  /** @return a fetcher with the default policy and the system resolver */
  public static GuardedFetcher create() {
    return builder().build();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the policy */
  public FetchPolicy policy() {
    return policy;
  }

  /**
   * Fetches a URL into memory.
   *
   * @param request what to fetch
   * @return the body and what is known about it
   * @throws UrlRefusedException if the URL, a redirect or a resolved address breaks the policy
   *     (nothing was connected to it)
   * @throws ContentRefusedException if the content type is not accepted, or the body is over the
   *     limit and the request does not truncate
   * @throws WebFetchException if resolving, connecting, TLS or reading fails, the deadline passes
   *     or the server answers with an error status
   */
  public FetchResult fetch(FetchRequest request) {
    try (FetchResponse r = open(request)) {
      byte[] body = r.readAllBytes();
      return new FetchResult(r.url(), r.status(), r.mediaType(), r.charset().orElse(null), body,
          r.truncated(), r.redirects(), r.warnings());
    }
  }

  /**
   * Opens a URL: follows redirects, checks the status, content type and declared length, and
   * returns before reading the body, which the caller streams with
   * {@link FetchResponse#transferTo}.
   *
   * @param request what to fetch
   * @return the open response; close it
   * @throws UrlRefusedException if the URL, a redirect or a resolved address breaks the policy
   *     (nothing was connected to it)
   * @throws ContentRefusedException if the content type is not accepted, or the declared length is
   *     over the limit and the request does not truncate
   * @throws WebFetchException if resolving, connecting, TLS or reading fails, the deadline passes
   *     or the server answers with an error status
   */
  public FetchResponse open(FetchRequest request) {
    Objects.requireNonNull(request, "request");
    Duration limit = request.deadline().orElse(policy.deadline());
    Deadline deadline = new Deadline(limit.toNanos(), scheduler);
    boolean handedOver = false;
    try {
      UrlGuard.Target target = UrlGuard.check(request.url(), policy);
      int redirects = 0;
      while (true) {
        List<InetAddress> vetted;
        try {
          vetted = UrlGuard.vet(target, resolver, policy);
        } catch (UnknownHostException e) {
          throw new WebFetchException(target.uri().toString(), WebFetchException.Reason.DNS, 0,
              "the host name " + target.host() + " does not resolve", e);
        }
        HttpExchange exchange;
        try {
          exchange = HttpExchange.connect(target, vetted, sockets, tls,
              policy.connectTimeout().toMillis(), policy.readTimeout().toMillis(), deadline);
        } catch (IOException e) {
          throw connectFailure(target, e, deadline, limit);
        }
        boolean keep = false;
        try {
          ResponseHead head = exchange.send(policy.userAgent(), accept(request));
          LOG.debug("GET {} -> {} from {}", target, head.status(), exchange.remote());
          if (head.isRedirect() && head.first("location").isPresent()) {
            if (redirects >= policy.maxRedirects()) {
              throw new UrlRefusedException(request.url(), "more than " + policy.maxRedirects()
                  + " redirects");
            }
            target = UrlGuard.checkRedirect(target, head.first("location").get(), policy);
            redirects++;
            continue;
          }
          String url = target.uri().toString();
          if (head.status() < 200 || head.status() > 299) {
            throw new WebFetchException(url, WebFetchException.Reason.HTTP_STATUS, head.status(),
                "the server answered with status " + head.status(), null);
          }
          String contentType = head.first("content-type").orElse("");
          String mediaType = mediaType(contentType);
          if (!request.accepts(mediaType)) {
            throw new ContentRefusedException(url, "the content type '" + Redact.text(mediaType, 60)
                + "' is not one of " + request.acceptedTypes());
          }
          long declared = exchange.declaredLength();
          if (declared > request.maxBytes() && !request.truncateAtLimit()) {
            throw new ContentRefusedException(url, "the server declares " + declared
                + " bytes; the limit is " + request.maxBytes());
          }
          InputStream body = exchange.body(request.maxBytes() + request.maxBytes() / 2 + 64 * 1024);
          Function<IOException, RuntimeException> failure = e -> readFailure(url, e, deadline, limit);
          FetchResponse response = new FetchResponse(target.uri(), head.status(), mediaType,
              charset(contentType), declared, redirects, List.of(), body, exchange, deadline, request, failure);
          keep = true;
          handedOver = true;
          return response;
        } catch (BodyStreams.RawLimitException e) {
          throw new ContentRefusedException(target.uri().toString(),
              "the compressed body's header is larger than the limit allows");
        } catch (IOException e) {
          throw readFailure(target.uri().toString(), e, deadline, limit);
        } finally {
          if (!keep) {
            exchange.close();
          }
        }
      }
    } finally {
      if (!handedOver) {
        deadline.close();
      }
    }
  }

  private static String accept(FetchRequest request) {
    return request.acceptedTypes().isEmpty() ? "*/*" : String.join(", ", request.acceptedTypes());
  }

  static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  static String charset(String contentType) {
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String v = p.substring(8).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }

  private static RuntimeException connectFailure(UrlGuard.Target target, IOException e, Deadline deadline,
                                                 Duration limit) {
    if (e instanceof SSLException) {
      return new WebFetchException(target.uri().toString(), WebFetchException.Reason.TLS, 0,
          "the TLS handshake with " + target.host() + " failed (" + Redact.text(e.getMessage(), 200) + ")", e);
    }
    if (e instanceof DeadlineExceededException || deadline.expired()) {
      return timeout(target.uri().toString(), e, limit);
    }
    if (e instanceof SocketTimeoutException) {
      return new WebFetchException(target.uri().toString(), WebFetchException.Reason.TIMEOUT, 0,
          "the TLS handshake with " + target.host() + " stalled", e);
    }
    return new WebFetchException(target.uri().toString(), WebFetchException.Reason.CONNECT, 0,
        "could not connect to " + target.host() + " port " + target.port() + " ("
            + Redact.text(e.getMessage(), 200) + ")", e);
  }

  private RuntimeException readFailure(String url, IOException e, Deadline deadline, Duration limit) {
    if (e instanceof DeadlineExceededException || deadline.expired()) {
      return timeout(url, e, limit);
    }
    if (e instanceof SocketTimeoutException) {
      return new WebFetchException(url, WebFetchException.Reason.TIMEOUT, 0, "the server sent nothing for "
          + policy.readTimeout().toMillis() + " ms", e);
    }
    if (e instanceof HttpProtocolException || e instanceof java.util.zip.ZipException) {
      return new WebFetchException(url, WebFetchException.Reason.PROTOCOL, 0, "the answer is malformed ("
          + Redact.text(e.getMessage(), 200) + ")", e);
    }
    return new WebFetchException(url, WebFetchException.Reason.IO, 0, "the connection failed while reading ("
        + Redact.text(e.getMessage(), 200) + ")", e);
  }

  private static WebFetchException timeout(String url, IOException e, Duration limit) {
    return new WebFetchException(url, WebFetchException.Reason.TIMEOUT, 0,
        "the fetch did not complete within its deadline of " + limit.toMillis() + " ms", e);
  }

  @Override
  public String toString() {
    return "GuardedFetcher[" + policy + "]";
  }

  /** Builds a {@link GuardedFetcher}. Not thread-safe. */
  public static final class Builder {
    private FetchPolicy policy = FetchPolicy.defaults();
    private HostResolver resolver = HostResolver.system();
    private SocketFactory sockets = new NoProxySocketFactory();
    private SSLSocketFactory tls;
    private ScheduledExecutorService scheduler;

    private Builder() {
    }

    /**
     * @param policy the fetch policy (default {@link FetchPolicy#defaults()})
     * @return this builder
     */
    public Builder policy(FetchPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param resolver resolves host names (default {@link HostResolver#system()})
     * @return this builder
     */
    public Builder resolver(HostResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Sets where plain sockets come from. The fetcher asks for an <em>unconnected</em> socket
     * ({@link SocketFactory#createSocket()}) and connects it itself to a vetted address. The default
     * creates sockets that bypass any configured SOCKS proxy. Meant for tests that record or
     * redirect connections.
     *
     * @param sockets the factory
     * @return this builder
     */
    public Builder socketFactory(SocketFactory sockets) {
      this.sockets = Objects.requireNonNull(sockets, "sockets");
      return this;
    }

    /**
     * @param tls layers TLS over connected sockets (default: the JVM's default
     *     {@link SSLSocketFactory}); host name verification is always switched on
     * @return this builder
     */
    public Builder sslSocketFactory(SSLSocketFactory tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * @param scheduler runs the deadline watchdogs that close stalled sockets (default: one
     *     shared daemon thread)
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** @return the fetcher */
    public GuardedFetcher build() {
      if (tls == null) {
        tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
      }
      return new GuardedFetcher(this);
    }
  }

  private static final class NoProxySocketFactory extends SocketFactory {
    @Override
    public Socket createSocket() {
      return new Socket(Proxy.NO_PROXY);
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException("connect by address only");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
      throw new UnsupportedOperationException("connect by address only");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException("use createSocket() and connect");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
      throw new UnsupportedOperationException("use createSocket() and connect");
    }
  }
}
