package dev.vcg.examples.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vcg.VcgException;
import dev.vcg.VideoCreationGateway;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server exposing a {@link VideoCreationGateway} with the seed's REST shapes, on the JDK's
 * {@code com.sun.net.httpserver}. JSON in and out; progress as Server-Sent Events.
 *
 * <pre>{@code
 * try (VideoCreationGateway gateway = VideoCreationGateway.builder().build();
 *      GatewayServer server = GatewayServer.builder().gateway(gateway).port(8080).build().start()) {
 *   System.out.println("listening on " + server.uri());
 *   ...
 * }
 * }</pre>
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code POST /api/gateway/video/create}, {@code POST /api/gateway/video/continue},
 *       {@code GET /api/gateway/video/{workflowId}}, {@code GET /api/gateway/video/{workflowId}/events}
 *       (see {@link GatewayApi});</li>
 *   <li>{@code POST /api/projects}, {@code GET /api/projects}, {@code GET|DELETE /api/projects/{id}},
 *       {@code POST /api/projects/{id}/direct|refine|approve|generate},
 *       {@code GET /api/projects/{id}/direction|cost|events} (see {@link ProjectsApi});</li>
 *   <li>{@code GET /api/providers}, {@code GET /api/providers/{type}/models} (see {@link ProvidersApi}).</li>
 * </ul>
 *
 * <h2>Safety</h2>
 * Binds to loopback by default and then accepts only requests whose {@code Host} is a loopback
 * name (against DNS rebinding) and refuses cross-origin browser requests (an {@code Origin} that
 * is not the server's own). Request bodies are capped (1 MiB by default, {@code 413} beyond).
 * Errors are {@code {"error": {"type", "message"}}} with the status {@link ApiError} maps, never a
 * stack trace. No response or event carries an API key: the server scrubs every key it holds from
 * what it sends, and logs only method, path and status.
 *
 * <p>The server owns its request threads and stops them in {@link #stop()}; it does not close
 * the gateway. Thread-safe.
 */
public final class GatewayServer implements AutoCloseable {
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final ServerContext context;
  private final Router router = new Router();
  private final String host;
  private final int requestedPort;
  private final Duration stopGrace;
  private final int threads;
  private final boolean loopbackOnly;
  private final Object lock = new Object();
  private final AtomicInteger active = new AtomicInteger();
  private HttpServer http;
  private ThreadPoolExecutor executor;
  private volatile boolean stopping;

  private GatewayServer(Builder b) {
    ProviderRegistry registry = b.registry != null ? b.registry : ProviderRegistry.discover();
    this.context = new ServerContext(b.gateway, registry, b.maxBodyBytes, b.heartbeat, b.syncTimeout, b.maxStreams);
    this.host = b.host;
    this.requestedPort = b.port;
    this.stopGrace = b.stopGrace;
    this.threads = b.maxStreams + b.workers;
    this.loopbackOnly = isLoopback(b.host);
    for (ProviderFactory f : registry.factories()) {
      registry.config(f.id()).apiKey().ifPresent(context.secrets()::add);
    }
    new GatewayApi(context).register(router);
    new ProjectsApi(context).register(router);
    new ProvidersApi(context).register(router);
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this server
   * @throws IllegalStateException if already started
   * @throws VcgException if the address cannot be bound (e.g. the port is in use)
   */
  public GatewayServer start() {
    synchronized (lock) {
      if (http != null) {
        throw new IllegalStateException("the server is already started");
      }
      HttpServer s;
      try {
        s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), requestedPort), 64);
      } catch (IOException e) {
        throw new VcgException("cannot listen on " + host + ":" + requestedPort + " (" + e.getMessage()
            + "); choose another port or host", e);
      }
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "vcg-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      pool.allowCoreThreadTimeOut(true);
      s.setExecutor(pool);
      s.createContext("/", this::dispatch);
      s.start();
      this.http = s;
      this.executor = pool;
      context.log().info("vcg server listening on {}", uri());
      return this;
    }
  }

  /**
   * @return the port the server listens on (the chosen one when started with port 0)
   * @throws IllegalStateException if not started
   */
  public int port() {
    synchronized (lock) {
      if (http == null) {
        throw new IllegalStateException("the server is not started");
      }
      return http.getAddress().getPort();
    }
  }

  /** @return e.g. {@code http://127.0.0.1:8080} */
  public URI uri() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port());
  }

  /**
   * Stops gracefully: new requests are refused with {@code 503}, open event streams get a last
   * {@code closed} event, requests in progress get up to the grace period to finish, then the
   * port is closed and the request threads end. Workflows keep running in the gateway. Does
   * nothing if not started or already stopped.
   */
  public void stop() {
    HttpServer s;
    ThreadPoolExecutor pool;
    synchronized (lock) {
      if (http == null || stopping) {
        return;
      }
      stopping = true;
      s = http;
      pool = executor;
    }
    context.openStreams().stopAll();
    long deadline = System.nanoTime() + stopGrace.toNanos();
    synchronized (active) {
      long left;
      while (active.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(active, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    s.stop(0);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(Math.max(1, stopGrace.toMillis()), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    context.log().info("vcg server on port {} stopped", s.getAddress().getPort());
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "GatewayServer[" + (http == null ? host + ":" + requestedPort + ", not started"
          : uri() + (stopping ? ", stopped" : "")) + "]";
    }
  }

  // ------------------------------------------------------------------ dispatch

  private void dispatch(HttpExchange ex) {
    long start = System.nanoTime();
    active.incrementAndGet();
    Call call = new Call(ex, context);
    String path = ex.getRequestURI().getPath();
    try {
      if (stopping) {
        throw new HttpFailure(503, "unavailable", "The server is stopping.");
      }
      checkOrigin(ex);
      Router.Match m = router.match(ex.getRequestMethod(), path == null ? "/" : path);
      call.params(m.params());
      m.handler().handle(call);
    } catch (Throwable t) {
      ApiError error = ApiError.of(t);
      if (error.isInternal()) {
        context.log().warn("{} {} failed", ex.getRequestMethod(), Call.abbreviate(path), t);
      } else if (error.status() >= 500) {
        context.log().debug("{} {}: {} {}", ex.getRequestMethod(), Call.abbreviate(path), error.status(), error.type());
      }
      if (call.status() == 0) {
        call.fail(error, null);
      }
    } finally {
      ex.close();
      if (active.decrementAndGet() == 0) {
        synchronized (active) {
          active.notifyAll();
        }
      }
      context.log().debug("{} {} -> {} ({} ms)", ex.getRequestMethod(), Call.abbreviate(path), call.status(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
  }

  /**
   * On loopback, only loopback host names (a rebinding page's own name is refused); and never a
   * browser request from another origin.
   */
  private void checkOrigin(HttpExchange ex) {
    String hostHeader = ex.getRequestHeaders().getFirst("Host");
    String hostName = hostHeader == null ? "" : hostName(hostHeader);
    if (loopbackOnly && !LOOPBACK_NAMES.contains(hostName) && !hostName.equals(host.toLowerCase(Locale.ROOT))) {
      throw new HttpFailure(403, "forbidden", "This server answers only to localhost; the Host header names "
          + Call.abbreviate(hostName) + ".");
    }
    String origin = ex.getRequestHeaders().getFirst("Origin");
    if (origin != null && hostHeader != null) {
      String expected = "http://" + hostHeader.toLowerCase(Locale.ROOT);
      if (!origin.strip().toLowerCase(Locale.ROOT).equals(expected)) {
        throw new HttpFailure(403, "forbidden", "Cross-origin requests are refused.");
      }
    }
  }

  private static String hostName(String hostHeader) {
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Builds a {@link GatewayServer}. Defaults: {@code 127.0.0.1:8080}, bodies up to 1 MiB, a
   * heartbeat every 15 s on idle event streams, synchronous requests wait up to 10 minutes (then
   * {@code 202}), up to 64 event streams, 5 s to stop. Not thread-safe.
   */
  public static final class Builder {
    private VideoCreationGateway gateway;
    private ProviderRegistry registry;
    private String host = "127.0.0.1";
    private int port = 8080;
    private long maxBodyBytes = 1024 * 1024;
    private Duration heartbeat = Duration.ofSeconds(15);
    private Duration syncTimeout = Duration.ofMinutes(10);
    private Duration stopGrace = Duration.ofSeconds(5);
    private int maxStreams = 64;
    private int workers = 16;

    private Builder() {
    }

    /**
     * @param gateway the gateway to expose (required; the caller keeps ownership and closes it)
     * @return this builder
     */
    public Builder gateway(VideoCreationGateway gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      return this;
    }

    /**
     * @param registry the providers to list under {@code /api/providers}; give the one the gateway
     *     was built with (default {@link ProviderRegistry#discover()})
     * @return this builder
     */
    public Builder providers(ProviderRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "providers");
      return this;
    }

    /**
     * @param host the address to bind, e.g. {@code 127.0.0.1} (default) or {@code 0.0.0.0}
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host is blank");
      }
      this.host = host.strip();
      return this;
    }

    /**
     * @param port the port, 0 for any free one
     * @return this builder
     * @throws IllegalArgumentException if outside 0..65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be within 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * @param bytes the largest request body accepted, 1 KiB to 64 MiB
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1024 || bytes > 64L * 1024 * 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be within 1 KiB..64 MiB: " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * @param interval how long an event stream may be silent before a heartbeat comment is sent
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder heartbeat(Duration interval) {
      this.heartbeat = positive(interval, "heartbeat");
      return this;
    }

    /**
     * @param timeout how long a request without {@code async} waits for its workflow before it
     *     is answered {@code 202} with the workflow id
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder syncTimeout(Duration timeout) {
      this.syncTimeout = positive(timeout, "syncTimeout");
      return this;
    }

    /**
     * @param grace how long {@link #stop()} lets requests in progress finish
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder stopGrace(Duration grace) {
      Objects.requireNonNull(grace, "stopGrace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("stopGrace must not be negative: " + grace);
      }
      this.stopGrace = grace;
      return this;
    }

    /**
     * @param streams the most event streams open at once (each holds a thread), 1 to 10,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxStreams(int streams) {
      if (streams < 1 || streams > 10_000) {
        throw new IllegalArgumentException("maxStreams must be within 1..10000: " + streams);
      }
      this.maxStreams = streams;
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    /**
     * @return the server, not yet started
     * @throws IllegalStateException if no gateway was given
     */
    public GatewayServer build() {
      if (gateway == null) {
        throw new IllegalStateException("gateway is required");
      }
      return new GatewayServer(this);
    }
  }
}
