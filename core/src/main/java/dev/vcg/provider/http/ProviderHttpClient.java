package dev.vcg.provider.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.mizosoft.methanol.Methanol;
import com.github.mizosoft.methanol.MultipartBodyPublisher;
import dev.vcg.VcgException;
import dev.vcg.internal.Json;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client every provider module uses: JSON in and out with the library's mapper,
 * authentication, retries with backoff that honour {@code Retry-After}, safe handling of paid
 * submissions, timeouts that also cover a stalled body, a bulkhead and a circuit breaker per
 * provider and key, error mapping to typed {@link ProviderException}s, and logging that never
 * shows a secret.
 *
 * <h2>Making calls</h2>
 * <pre>{@code
 * ProviderHttpClient http = ProviderHttpClient.builder("runway")
 *     .config(config)                                   // key, base URL, timeout, retries from the user
 *     .defaultBaseUrl(URI.create("https://api.dev.runwayml.com"))
 *     .apiKeyVariable("RUNWAYML_API_SECRET")
 *     .auth(Auth.bearer())
 *     .header("X-Runway-Version", "2024-11-06")
 *     .errorHandler(new RunwayErrors())
 *     .build();
 *
 * TaskCreated created = http.postJson("/v1/image_to_video", request, TaskCreated.class,
 *     CallOptions.paidSubmission());                    // never retried after an ambiguous failure
 * Task task = http.getJson("/v1/tasks/" + created.id(), Task.class);
 * http.delete("/v1/tasks/" + created.id(), CallOptions.defaults());
 * http.download(URI.create(task.output().get(0)), Path.of("clip.mp4"), 200L << 20);
 * }</pre>
 *
 * <h2>Asynchronous calls</h2>
 * {@link #sendAsync}, {@link #getJsonAsync} and {@link #postJsonAsync} follow the same rules
 * without blocking: requests go out asynchronously, deadlines are enforced by the library's timer
 * thread, retries are started by the builder's {@link Scheduler} (the synchronous calls wait with
 * its {@link Sleeper}), and cancelling the returned future aborts the request in flight and any
 * pending retry.
 *
 * <h2>Retries</h2>
 * 1 + {@code maxRetries} attempts (2 retries by default; {@link ProviderConfig#maxRetries()},
 * the builder, or {@link CallOptions} per call, 0..10). Retried: connection failures, timeouts,
 * HTTP 408, 429, 500, 502, 503, 504, statuses added with {@link Builder#retryableStatus}, and
 * whatever the {@link ProviderErrorHandler} marks retryable; {@code x-should-retry: true|false}
 * decides when present. Not retried: other 4xx, quota errors. Waits:
 * {@code min(0.5 s × 2^(n−1), 8 s)} minus up to 25 % jitter; a server hint
 * ({@code retry-after-ms}, {@code Retry-After} seconds or HTTP-date) of 0 &lt; d ≤ 60 s is obeyed
 * exactly, a longer one ends the call with a {@link dev.vcg.provider.RateLimitedException}
 * carrying it. Paid submissions follow the stricter rules described in {@link CallOptions}.
 *
 * <h2>Timeouts</h2>
 * Connect 10 s; per attempt {@link Builder#requestTimeout} (60 s by default), covering headers
 * and the whole body; a body that stops arriving for {@link Builder#stallTimeout} (30 s) fails
 * the attempt; an optional overall {@link CallOptions.Builder#deadline} caps all attempts and
 * waits. Downloads default to 10 minutes per attempt.
 *
 * <h2>Concurrency</h2>
 * Per provider id, key fingerprint and origin: at most 8 calls at once (others wait up to 30 s,
 * then {@link ConcurrencyLimitException}); a circuit breaker opens when at least half of at
 * least 10 calls in 60 s failed with 5xx or connection errors (4xx and 429 do not count),
 * refuses calls for 30 s with {@link CircuitOpenException}, then closes after 2 successful
 * trial calls.
 *
 * <h2>Errors</h2>
 * Non-2xx responses become the exception type of {@link ErrorKind#forStatus}, refined by the
 * provider's {@link ProviderErrorHandler}; the exception carries the provider id, status, request
 * id (from {@code x-request-id} or the headers added with {@link Builder#requestIdHeader}), the
 * provider's code and a trimmed body. The API key is removed from every message, body and log
 * line.
 *
 * <h2>Logging</h2>
 * SLF4J logger {@code dev.vcg.provider.http.ProviderHttpClient}: one DEBUG line per attempt
 * (method, URL without query, status, request id, attempt, time) and per retry. Headers and bodies
 * are logged only when enabled ({@link Builder#logRequests}, {@link Builder#logResponses}, or the
 * config option {@code http.log=true}), at DEBUG, with credential headers redacted, bodies cut to
 * 4 KB and CR/LF escaped.
 *
 * <p>Instances are immutable and thread-safe; create one per provider instance and share it.
 */
public final class ProviderHttpClient {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderHttpClient.class);

  static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;
  static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
  static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);
  static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
  private static final String USER_AGENT = "vcg-java/0.1";
  private static final int MAX_REDIRECTS = 5;
  private static final int MAX_MESSAGE = 500;
  private static final ConcurrentMap<Duration, HttpClient> SHARED_CLIENTS = new ConcurrentHashMap<>();

  private final String providerId;
  private final URI baseUrl;
  private final Auth auth;
  private final ApiKey apiKey;
  private final String secret;
  private final Map<String, String> headers;
  private final Set<String> trustedOrigins;
  private final ProviderErrorHandler errorHandler;
  private final List<String> requestIdHeaders;
  private final Set<Integer> retryableStatuses;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Scheduler scheduler;
  private final DoubleSupplier random;
  private final Duration requestTimeout;
  private final Duration stallTimeout;
  private final Duration maxRetryAfter;
  private final int maxRetries;
  private final boolean logRequests;
  private final boolean logResponses;
  private final long maxResponseBytes;
  private final HttpClient http;
  private final CallPolicies policies;

  private ProviderHttpClient(Builder b, URI baseUrl, ApiKey apiKey, int maxRetries, Duration requestTimeout,
                             boolean log, int maxConcurrent, boolean breaker) {
    this.providerId = b.providerId;
    this.baseUrl = baseUrl;
    this.auth = b.auth;
    this.apiKey = apiKey;
    this.secret = apiKey == null ? null : apiKey.reveal();
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    Set<String> origins = new LinkedHashSet<>();
    origins.add(origin(baseUrl));
    for (URI u : b.trustedOrigins) {
      origins.add(origin(u));
    }
    this.trustedOrigins = Collections.unmodifiableSet(origins);
    this.errorHandler = b.errorHandler;
    this.requestIdHeaders = List.copyOf(b.requestIdHeaders);
    Set<Integer> statuses = new TreeSet<>(RETRYABLE_STATUSES);
    statuses.addAll(b.retryableStatuses);
    this.retryableStatuses = Collections.unmodifiableSet(statuses);
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.scheduler = b.scheduler;
    this.random = b.random;
    this.requestTimeout = requestTimeout;
    this.stallTimeout = b.stallTimeout;
    this.maxRetryAfter = b.maxRetryAfter;
    this.maxRetries = maxRetries;
    this.logRequests = b.logRequests || log;
    this.logResponses = b.logResponses || log;
    this.maxResponseBytes = b.maxResponseBytes;
    this.http = b.httpClient != null ? b.httpClient : sharedClient(b.connectTimeout);
    this.policies = CallPolicies.shared(providerId, apiKey == null ? "-" : apiKey.fingerprint(),
        origin(baseUrl), maxConcurrent, b.maxQueueWait, breaker);
  }

  /**
   * Starts a client for a provider.
   *
   * @param providerId the provider's stable id, e.g. {@code "fal"}; it names the provider in
   *     errors and logs and scopes the bulkhead and circuit breaker
   * @return a builder
   * @throws IllegalArgumentException if the id is blank
   */
  public static Builder builder(String providerId) {
    return new Builder(providerId);
  }

  /** @return the provider id */
  public String providerId() {
    return providerId;
  }

  /** @return the base URL relative targets are resolved against */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Resolves a call target: an absolute {@code http(s)} URL is used as it is (e.g. a status URL
   * the provider returned), anything else is a path appended to the base URL.
   *
   * @param target a path such as {@code /v1/tasks/123} or an absolute URL
   * @return the absolute URI
   * @throws IllegalArgumentException if the result is not a valid http(s) URI
   */
  public URI resolve(String target) {
    Objects.requireNonNull(target, "target");
    String lower = target.toLowerCase(Locale.ROOT);
    URI uri;
    try {
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        uri = new URI(target);
      } else if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
        throw new IllegalArgumentException("target must be a path or an absolute http(s) URL: "
            + Redaction.escape(target.substring(0, target.indexOf(':'))) + "://…");
      } else {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
          base = base.substring(0, base.length() - 1);
        }
        uri = new URI(base + (target.startsWith("/") ? target : "/" + target));
      }
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL or path: " + Redaction.escape(target), e);
    }
    checkHttpUri(uri, "target");
    return uri;
  }

  /**
   * GETs JSON with the default options.
   *
   * @param target a path under the base URL or an absolute URL
   * @param type the body type ({@link JsonNode} for a tree)
   * @param <T> the body type
   * @return the body
   * @throws ProviderException on any failure, typed by cause (see the class documentation)
   */
  public <T> T getJson(String target, Class<T> type) {
    return getJson(target, type, CallOptions.defaults());
  }

  /**
   * GETs JSON.
   *
   * @param target a path under the base URL or an absolute URL
   * @param type the body type ({@link JsonNode} for a tree)
   * @param options per-call settings
   * @param <T> the body type
   * @return the body
   * @throws ProviderException on any failure, typed by cause
   */
  public <T> T getJson(String target, Class<T> type, CallOptions options) {
    return send("GET", target, null, type, options).body();
  }

  /**
   * POSTs a JSON body (any object the library's mapper can write, or a {@link JsonNode}) and
   * reads a JSON answer, with the default (idempotent) options.
   *
   * @param target a path under the base URL or an absolute URL
   * @param body the request body
   * @param type the answer type
   * @param <T> the answer type
   * @return the answer
   * @throws ProviderException on any failure, typed by cause
   */
  public <T> T postJson(String target, Object body, Class<T> type) {
    return postJson(target, body, type, CallOptions.defaults());
  }

  /**
   * POSTs a JSON body and reads a JSON answer. Pass {@link CallOptions#paidSubmission()} for job
   * creation.
   *
   * @param target a path under the base URL or an absolute URL
   * @param body the request body
   * @param type the answer type
   * @param options per-call settings
   * @param <T> the answer type
   * @return the answer
   * @throws ProviderException on any failure, typed by cause;
   *     {@link dev.vcg.provider.OutcomeUnknownException} for an ambiguous failure of a paid
   *     submission
   */
  public <T> T postJson(String target, Object body, Class<T> type, CallOptions options) {
    return send("POST", target, Objects.requireNonNull(body, "body"), type, options).body();
  }

  /**
   * POSTs a {@code multipart/form-data} body and reads a JSON answer.
   *
   * @param target a path under the base URL or an absolute URL
   * @param body the form
   * @param type the answer type
   * @param options per-call settings
   * @param <T> the answer type
   * @return the answer
   * @throws ProviderException on any failure, typed by cause
   */
  public <T> T postMultipart(String target, Multipart body, Class<T> type, CallOptions options) {
    return send("POST", target, Objects.requireNonNull(body, "body"), type, options).body();
  }

  /**
   * Sends a DELETE and ignores any body (e.g. cancelling a Runway task).
   *
   * @param target a path under the base URL or an absolute URL
   * @param options per-call settings
   * @throws ProviderException on any failure, typed by cause
   */
  public void delete(String target, CallOptions options) {
    send("DELETE", target, null, Void.class, options);
  }

  /**
   * Sends any request and reads a JSON answer with its status and headers.
   *
   * @param method the HTTP method, e.g. {@code PUT}
   * @param target a path under the base URL or an absolute URL
   * @param body null for none, a {@link Multipart}, or anything the library's mapper writes as JSON
   * @param type the answer type; {@link Void} to ignore the body, {@link JsonNode} for a tree
   * @param options per-call settings
   * @param <T> the answer type
   * @return the answer
   * @throws ProviderException on any failure, typed by cause
   * @throws IllegalArgumentException if the method or target is invalid or the body cannot be
   *     written as JSON
   */
  public <T> JsonResponse<T> send(String method, String target, Object body, Class<T> type,
                                  CallOptions options) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(options, "options");
    Call call = jsonCall(method, target, body, options);
    return execute(call, jsonCollectors(), (ex, attempt) -> readJson(call, ex, type, attempt));
  }

  private Call jsonCall(String method, String target, Object body, CallOptions options) {
    String m = method.toUpperCase(Locale.ROOT);
    if (!m.matches("[A-Z]+")) {
      throw new IllegalArgumentException("invalid HTTP method: " + Redaction.escape(method));
    }
    URI uri = resolve(target);
    if (body == null) {
      return new Call(m, uri, null, null, options, true, "application/json", requestTimeout);
    }
    if (body instanceof Multipart) {
      return new Call(m, uri, null, (Multipart) body, options, true, "application/json", requestTimeout);
    }
    byte[] json;
    try {
      json = Json.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request body of " + m + " " + Redaction.url(uri)
          + " cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
    return new Call(m, uri, json, null, options, true, "application/json", requestTimeout);
  }

  private CollectorFactory jsonCollectors() {
    return (info, redirect) -> BodyCollector.inMemory(
        is2xx(info.statusCode()) ? maxResponseBytes : MAX_ERROR_BODY_BYTES, !is2xx(info.statusCode()));
  }

  /**
   * GETs JSON without blocking the caller. See {@link #sendAsync}.
   *
   * @param target a path under the base URL or an absolute URL
   * @param type the body type
   * @param options per-call settings
   * @param <T> the body type
   * @return the body, or a future failed with a {@link ProviderException}
   */
  public <T> CompletableFuture<T> getJsonAsync(String target, Class<T> type, CallOptions options) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(options, "options");
    Call call = jsonCall("GET", target, null, options);
    return executeAsync(call, jsonCollectors(), (ex, attempt) -> readJson(call, ex, type, attempt).body());
  }

  /**
   * POSTs JSON without blocking the caller. See {@link #sendAsync}.
   *
   * @param target a path under the base URL or an absolute URL
   * @param body the request body
   * @param type the answer type
   * @param options per-call settings
   * @param <T> the answer type
   * @return the answer, or a future failed with a {@link ProviderException}
   */
  public <T> CompletableFuture<T> postJsonAsync(String target, Object body, Class<T> type, CallOptions options) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(options, "options");
    Call call = jsonCall("POST", target, body, options);
    return executeAsync(call, jsonCollectors(), (ex, attempt) -> readJson(call, ex, type, attempt).body());
  }

  /**
   * {@link #send} without blocking the caller: the same retries, timeouts, limits and errors,
   * with requests sent asynchronously, deadlines enforced by the library's timer, and retries
   * started by the builder's {@link Scheduler}. Cancelling the returned future aborts the request
   * in flight (closing its connection) and any pending retry.
   *
   * @param method the HTTP method
   * @param target a path under the base URL or an absolute URL
   * @param body null, a {@link Multipart}, or anything the library's mapper writes as JSON
   * @param type the answer type; {@link Void} to ignore the body
   * @param options per-call settings
   * @param <T> the answer type
   * @return the answer, or a future failed with a {@link ProviderException} typed by cause
   * @throws IllegalArgumentException at once if the method or target is invalid or the body
   *     cannot be written as JSON
   */
  public <T> CompletableFuture<JsonResponse<T>> sendAsync(String method, String target, Object body, Class<T> type,
                                                          CallOptions options) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(options, "options");
    Call call = jsonCall(method, target, body, options);
    return executeAsync(call, jsonCollectors(), (ex, attempt) -> readJson(call, ex, type, attempt));
  }

  private <R> CompletableFuture<R> executeAsync(Call call, CollectorFactory collectors, SuccessHandler<R> onSuccess) {
    AsyncCall<R> async = new AsyncCall<>(call, collectors, onSuccess);
    async.start();
    return async.result;
  }

  /**
   * Downloads a file (e.g. a generated clip) with the default options: no credentials are
   * sent, redirects are followed, and the file appears at {@code target} only when complete.
   *
   * @param source the absolute URL
   * @param target where to store it (parent directories are created; an existing file is replaced)
   * @param maxBytes the largest acceptable size
   * @return {@code target}
   * @throws ProviderException on any failure, typed by cause, including a body larger than
   *     {@code maxBytes}; no partial file is left behind
   * @throws VcgException if the file cannot be written locally
   */
  public Path download(URI source, Path target, long maxBytes) {
    return download(source, target, maxBytes, CallOptions.defaults());
  }

  /**
   * Downloads a file. See {@link #download(URI, Path, long)}.
   *
   * @param source the absolute URL
   * @param target where to store it
   * @param maxBytes the largest acceptable size
   * @param options per-call settings (the timeout defaults to 10 minutes per attempt)
   * @return {@code target}
   * @throws ProviderException on any failure, typed by cause; no partial file is left behind
   * @throws VcgException if the file cannot be written locally
   */
  public Path download(URI source, Path target, long maxBytes, CallOptions options) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    checkHttpUri(source, "source");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".part");
    } catch (IOException e) {
      throw new VcgException("cannot write the download to " + absolute + ": " + e.getMessage()
          + "; check that the directory is writable", e);
    }
    Call call = new Call("GET", source, null, null, options, false, "*/*", DEFAULT_DOWNLOAD_TIMEOUT);
    boolean ok = false;
    try {
      execute(call, (info, redirect) -> {
        if (!is2xx(info.statusCode())) {
          return BodyCollector.inMemory(MAX_ERROR_BODY_BYTES, true);
        }
        try {
          return BodyCollector.toFile(temp, maxBytes);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, (ex, attempt) -> {
        try {
          try {
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException e) {
          throw new VcgException("cannot move the download into place at " + absolute + ": " + e.getMessage(), e);
        }
        return absolute;
      });
      ok = true;
      return absolute;
    } finally {
      if (!ok) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.debug("[{}] could not delete partial download {}: {}", providerId, temp, e.toString());
        }
      }
    }
  }

  /**
   * Downloads into memory (e.g. a generated image). No credentials are sent; redirects are followed.
   *
   * @param source the absolute URL
   * @param maxBytes the largest acceptable size
   * @param options per-call settings
   * @return the bytes
   * @throws ProviderException on any failure, typed by cause, including a body larger than
   *     {@code maxBytes}
   */
  public byte[] downloadBytes(URI source, long maxBytes, CallOptions options) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    checkHttpUri(source, "source");
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxBytes must be within 1..2^31-17: " + maxBytes);
    }
    Call call = new Call("GET", source, null, null, options, false, "*/*", DEFAULT_DOWNLOAD_TIMEOUT);
    return execute(call, (info, redirect) -> is2xx(info.statusCode())
            ? BodyCollector.inMemory(maxBytes, false) : BodyCollector.inMemory(MAX_ERROR_BODY_BYTES, true),
        (ex, attempt) -> ex.body.bytes());
  }

  @Override
  public String toString() {
    return "ProviderHttpClient[provider=" + providerId + ", baseUrl=" + Redaction.url(baseUrl) + ", auth=" + auth
        + (apiKey == null ? "" : ", key=" + apiKey) + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // The retry loop.

  /** One logical call. */
  private static final class Call {
    final String method;
    final URI uri;
    final byte[] json;
    final Multipart multipart;
    final CallOptions options;
    final boolean api;
    final String accept;
    final Duration defaultTimeout;

    Call(String method, URI uri, byte[] json, Multipart multipart, CallOptions options, boolean api,
         String accept, Duration defaultTimeout) {
      this.method = method;
      this.uri = uri;
      this.json = json;
      this.multipart = multipart;
      this.options = options;
      this.api = api;
      this.accept = accept;
      this.defaultTimeout = defaultTimeout;
    }
  }

  /** Chooses where a response body goes, once its status is known. */
  @FunctionalInterface
  private interface CollectorFactory {
    BodyCollector create(HttpResponse.ResponseInfo info, boolean redirect);
  }

  /** Turns a 2xx exchange into the call's result; may throw {@link InBandError} or a ProviderException. */
  @FunctionalInterface
  private interface SuccessHandler<R> {
    R handle(Exchange exchange, int attempt);
  }

  /** An error the provider reported inside a 2xx body. */
  private static final class InBandError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ErrorDetails details;

    InBandError(ErrorDetails details) {
      super(null, null, false, false);
      this.details = details;
    }
  }

  /** What one attempt produced: a response, or a transport failure. */
  private static final class Exchange {
    final URI uri;
    final int status;
    final HttpHeaders headers;
    final BodyCollector body;
    final long millis;
    final Throwable failure;
    final boolean notSent;
    final boolean timedOut;
    final boolean stalled;

    private Exchange(URI uri, int status, HttpHeaders headers, BodyCollector body, long millis, Throwable failure,
                     boolean notSent, boolean timedOut, boolean stalled) {
      this.uri = uri;
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.millis = millis;
      this.failure = failure;
      this.notSent = notSent;
      this.timedOut = timedOut;
      this.stalled = stalled;
    }

    static Exchange received(URI uri, HttpResponse<Void> response, BodyCollector body, long millis) {
      return new Exchange(uri, response.statusCode(), response.headers(), body, millis, null, false, false, false);
    }

    static Exchange failed(URI uri, Throwable failure, long millis, boolean notSent, boolean timedOut,
                           boolean stalled) {
      return new Exchange(uri, 0, HttpHeaders.of(Map.of(), (a, b) -> true), null, millis, failure, notSent,
          timedOut, stalled);
    }

    byte[] bytes() {
      byte[] b = body == null ? null : body.bytes();
      return b == null ? new byte[0] : b;
    }
  }

  /** The judgement of one attempt. */
  private static final class Verdict<R> {
    final boolean success;
    final R result;
    final ProviderException failure;
    final boolean retry;
    final Duration delay;
    final String reason;
    final CircuitBreaker.Result breaker;

    private Verdict(boolean success, R result, ProviderException failure, boolean retry, Duration delay,
                    String reason, CircuitBreaker.Result breaker) {
      this.success = success;
      this.result = result;
      this.failure = failure;
      this.retry = retry;
      this.delay = delay;
      this.reason = reason;
      this.breaker = breaker;
    }

    static <R> Verdict<R> ok(R result) {
      return new Verdict<>(true, result, null, false, null, null, CircuitBreaker.Result.SUCCESS);
    }

    static <R> Verdict<R> fail(ProviderException failure, boolean retry, Duration delay, String reason,
                               CircuitBreaker.Result breaker) {
      return new Verdict<>(false, null, failure, retry, delay, reason, breaker);
    }
  }

  private <R> R execute(Call call, CollectorFactory collectors, SuccessHandler<R> onSuccess) {
    CallOptions o = call.options;
    int attempts = o.maxRetries().orElse(maxRetries) + 1;
    Duration attemptTimeout = o.timeout().orElse(call.defaultTimeout);
    Duration stall = o.stallTimeout().orElse(stallTimeout);
    Instant deadline = o.deadline().map(d -> clock.instant().plus(d)).orElse(null);
    ProviderException last = null;
    for (int attempt = 1; ; attempt++) {
      Duration timeout = attemptTimeout;
      if (deadline != null) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
          throw deadlineExceeded(call, attempt, last);
        }
        if (left.compareTo(timeout) < 0) {
          timeout = left;
        }
      }
      CircuitBreaker.Admission admission = admit(call, attempt, deadline, last);
      Exchange exchange;
      try {
        exchange = attempt(call, attempt, attempts, timeout, stall, collectors);
      } finally {
        policies.bulkhead.releasePermit();
      }
      Verdict<R> verdict;
      try {
        verdict = judge(call, exchange, attempt, attempts, onSuccess);
      } catch (RuntimeException e) {
        recordBreaker(admission, CircuitBreaker.Result.IGNORED);
        throw e;
      }
      recordBreaker(admission, verdict.breaker);
      if (verdict.success) {
        return verdict.result;
      }
      ProviderException failure = verdict.failure;
      if (!verdict.retry || attempt >= attempts) {
        throw failure;
      }
      Duration delay = verdict.delay;
      if (deadline != null && clock.instant().plus(delay).isAfter(deadline)) {
        LOG.debug("[{}] not retrying {} {}: the wait of {} ms would pass the call's deadline", providerId,
            call.method, Redaction.url(call.uri), delay.toMillis());
        throw failure;
      }
      LOG.debug("[{}] retrying {} {} in {} ms ({}; attempt {} of {} failed)", providerId, call.method,
          Redaction.url(call.uri), delay.toMillis(), verdict.reason, attempt, attempts);
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(error(0, null, null, "interrupted while waiting to retry " + call.method + " "
            + Redaction.url(call.uri) + "; the call was abandoned", null), false, failure);
      }
      last = failure;
    }
  }

  private CircuitBreaker.Admission admit(Call call, int attempt, Instant deadline, ProviderException last) {
    CircuitBreaker.Admission admission = admitBreaker(call, last);
    Duration wait = queueWait(deadline);
    boolean acquired;
    try {
      acquired = policies.bulkhead.tryAcquirePermit(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      recordBreaker(admission, CircuitBreaker.Result.IGNORED);
      throw new ProviderException(error(0, null, null, "interrupted while waiting for a free slot for "
          + call.method + " " + Redaction.url(call.uri) + "; the call was abandoned", null), false, last);
    }
    if (!acquired) {
      recordBreaker(admission, CircuitBreaker.Result.IGNORED);
      throw concurrencyLimit(call, attempt, wait);
    }
    return admission;
  }

  private CircuitBreaker.Admission admitBreaker(Call call, ProviderException last) {
    if (policies.breaker == null) {
      return CircuitBreaker.Admission.NORMAL;
    }
    CircuitBreaker.Admission admission = policies.breaker.tryAcquire(clock.instant());
    if (!admission.allowed) {
      throw new CircuitOpenException(error(0, null, "circuit_open", "calls to provider '" + providerId
          + "' with this key are paused for " + ErrorMapping.format(admission.wait)
          + " because most recent calls failed with server or connection errors; try again later or use"
          + " another provider (" + call.method + " " + Redaction.url(call.uri) + " was not sent)", null),
          admission.wait, last);
    }
    return admission;
  }

  private Duration queueWait(Instant deadline) {
    Duration wait = policies.maxQueueWait;
    if (deadline != null) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.compareTo(wait) < 0) {
        wait = left.isNegative() ? Duration.ZERO : left;
      }
    }
    return wait;
  }

  private ConcurrencyLimitException concurrencyLimit(Call call, int attempt, Duration wait) {
    return new ConcurrencyLimitException(error(0, null, "concurrency_limit", "too many calls to provider '"
        + providerId + "' with this key are running; none finished within " + ErrorMapping.format(wait)
        + " (" + call.method + " " + Redaction.url(call.uri) + " was not sent, attempt " + attempt
        + "); try again later or raise the option http.max-concurrency", null));
  }

  private void recordBreaker(CircuitBreaker.Admission admission, CircuitBreaker.Result result) {
    if (policies.breaker != null) {
      policies.breaker.record(clock.instant(), admission, result);
    }
  }

  private ProviderException deadlineExceeded(Call call, int attempt, ProviderException last) {
    String message = call.method + " " + Redaction.url(call.uri) + " passed its overall deadline after "
        + (attempt - 1) + " attempt(s); try again later or allow more time";
    return ErrorMapping.toException(ErrorKind.TIMEOUT, error(0, last == null ? null : last.requestId().orElse(null),
        "deadline_exceeded", message, null), null, last);
  }

  private <R> Verdict<R> judge(Call call, Exchange ex, int attempt, int attempts, SuccessHandler<R> onSuccess) {
    boolean paid = call.options.isPaidSubmission();
    if (ex.failure != null) {
      return judgeFailure(call, ex, attempt, attempts, paid);
    }
    if (is2xx(ex.status)) {
      try {
        return Verdict.ok(onSuccess.handle(ex, attempt));
      } catch (InBandError e) {
        int status = e.details.status().orElse(502);
        return judgeHttpError(call, ex, status, e.details, attempt, attempts, paid);
      }
    }
    RawResponse view = new RawResponse(call.method, Redaction.withoutQuery(ex.uri), ex.status, ex.headers,
        ex.bytes(), paid);
    ErrorDetails details;
    try {
      details = Objects.requireNonNull(errorHandler.describe(view), "describe returned null");
    } catch (RuntimeException e) {
      LOG.debug("[{}] error handler failed on HTTP {}: {}", providerId, ex.status, e.toString());
      details = StandardErrorHandler.INSTANCE.describe(view);
    }
    return judgeHttpError(call, ex, ex.status, details, attempt, attempts, paid);
  }

  private <R> Verdict<R> judgeHttpError(Call call, Exchange ex, int status, ErrorDetails details, int attempt,
                                        int attempts, boolean paid) {
    ErrorKind kind = details.kind().orElse(ErrorKind.forStatus(status));
    Optional<Duration> hint = RetryAfter.parse(ex.headers, clock);
    if (hint.isEmpty()) {
      hint = details.retryAfter();
    }
    boolean hinted = hint.isPresent() && hint.get().compareTo(Duration.ZERO) > 0;
    boolean hintTooLong = hinted && hint.get().compareTo(maxRetryAfter) > 0;
    Boolean shouldRetry = ex.headers.firstValue("x-should-retry")
        .map(v -> v.strip().toLowerCase(Locale.ROOT))
        .map(v -> "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : null).orElse(null);
    Boolean hookRetry = details.retryable().orElse(null);

    boolean ambiguous = false;
    boolean retry;
    if (paid) {
      boolean provenNotProcessed = status == 429 || (status == 503 && hinted);
      ambiguous = !provenNotProcessed && (status == 408 || status >= 500);
      retry = provenNotProcessed && !Boolean.FALSE.equals(hookRetry) && !Boolean.FALSE.equals(shouldRetry);
    } else if (hookRetry != null) {
      retry = hookRetry;
    } else if (shouldRetry != null) {
      retry = shouldRetry;
    } else {
      retry = retryableStatuses.contains(status);
    }
    if (retry && hintTooLong) {
      retry = false;
      kind = ErrorKind.RATE_LIMITED;
    }
    Duration retryAfter = hinted ? hint.get() : null;
    String requestId = requestId(ex.headers).orElse(details.requestId().orElse(null));
    String providerMessage = Redaction.text(details.message(), secret, MAX_MESSAGE);
    String where = call.method + " " + Redaction.url(ex.uri) + ", attempt " + attempt + " of " + attempts;
    String body = Redaction.scrub(new String(ex.bytes(), StandardCharsets.UTF_8), secret);
    String code = details.code().map(c -> Redaction.text(c, secret, 200)).orElse(null);
    ProviderException failure;
    if (ambiguous) {
      failure = ErrorMapping.outcomeUnknown(error(status, requestId, code, providerMessage
          + "; it is unknown whether provider '" + providerId + "' accepted this paid request, so it was not"
          + " retried (to avoid paying twice): check the provider's job list"
          + (requestId == null ? "" : " for request " + requestId) + " before submitting again [" + where + "]",
          body), null);
    } else {
      String hintText = ErrorMapping.hint(kind, providerId, retryAfter);
      if (hintTooLong) {
        hintText = "the provider asks to retry after " + ErrorMapping.format(retryAfter)
            + ", longer than this call waits (" + ErrorMapping.format(maxRetryAfter) + "); reschedule the work";
      }
      failure = ErrorMapping.toException(kind, error(status, requestId, code,
          providerMessage + "; " + hintText + " [" + where + "]", body), retryAfter, null);
    }
    Duration delay = hinted && !hintTooLong ? hint.get() : Backoff.delay(attempt, random.getAsDouble());
    CircuitBreaker.Result breaker = status >= 500 ? CircuitBreaker.Result.FAILURE : CircuitBreaker.Result.IGNORED;
    return Verdict.fail(failure, retry, delay, "HTTP " + status + (hinted && !hintTooLong ? ", server asked to wait" : ""),
        breaker);
  }

  private <R> Verdict<R> judgeFailure(Call call, Exchange ex, int attempt, int attempts, boolean paid) {
    Throwable cause = ex.failure;
    String where = call.method + " " + Redaction.url(ex.uri) + ", attempt " + attempt + " of " + attempts;
    if (cause instanceof BodyCollector.TooLargeException) {
      long limit = ((BodyCollector.TooLargeException) cause).limit;
      String message = "the response is larger than the limit of " + limit + " bytes [" + where + "]";
      ProviderException failure = paid
          ? ErrorMapping.outcomeUnknown(error(0, null, "response_too_large", message
          + "; the paid request was probably accepted but its answer could not be read", null), cause)
          : new ProviderException(error(0, null, "response_too_large", message
          + "; raise the size limit if this is expected", null), false, cause);
      return Verdict.fail(failure, false, Duration.ZERO, "too large", CircuitBreaker.Result.IGNORED);
    }
    if (cause instanceof InterruptedException) {
      String message = "interrupted while waiting for the answer [" + where + "]; the call was abandoned";
      ProviderException failure = paid
          ? ErrorMapping.outcomeUnknown(error(0, null, "interrupted", message + "; it is unknown whether provider '"
          + providerId + "' accepted this paid request: check the provider's job list before submitting again", null),
          cause)
          : new ProviderException(error(0, null, "interrupted", message, null), false, cause);
      return Verdict.fail(failure, false, Duration.ZERO, "interrupted", CircuitBreaker.Result.IGNORED);
    }
    if (cause instanceof UncheckedIOException) {
      throw new VcgException("cannot write the response of " + where + " locally: " + cause.getCause().getMessage(),
          cause.getCause());
    }
    ErrorKind kind = ex.timedOut && !ex.notSent ? ErrorKind.TIMEOUT : ErrorKind.CONNECTION;
    String what = ex.stalled ? "the response body stalled (no data for the stall timeout)"
        : ex.timedOut ? (ex.notSent ? "connecting timed out" : "no complete answer within the timeout")
        : ex.notSent ? "could not connect (" + describe(cause) + ")"
        : "the connection failed (" + describe(cause) + ")";
    ProviderException failure;
    boolean retry;
    if (paid && !ex.notSent) {
      failure = ErrorMapping.outcomeUnknown(error(0, null, null, what + "; it is unknown whether provider '"
          + providerId + "' accepted this paid request, so it was not retried (to avoid paying twice): check the"
          + " provider's job list before submitting again [" + where + "]", null), cause);
      retry = false;
    } else {
      failure = ErrorMapping.toException(kind, error(0, null, null, what + "; "
          + ErrorMapping.hint(kind, providerId, null) + " [" + where + "]", null), null, cause);
      retry = true;
    }
    return Verdict.fail(failure, retry, Backoff.delay(attempt, random.getAsDouble()),
        ex.timedOut ? "timeout" : "connection failure", CircuitBreaker.Result.FAILURE);
  }

  private ProviderError error(int status, String requestId, String code, String message, String body) {
    return new ProviderError(providerId, status, requestId == null ? null : Redaction.text(requestId, secret, 200),
        code, message, body == null || body.isEmpty() ? null : body);
  }

  private static String describe(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getMessage() == null) {
      c = c.getCause();
    }
    String m = c.getMessage();
    String name = c.getClass().getSimpleName();
    return m == null ? name : name + ": " + Redaction.escape(m.length() > 200 ? m.substring(0, 200) : m);
  }

  private Optional<String> requestId(HttpHeaders h) {
    for (String name : requestIdHeaders) {
      Optional<String> v = h.firstValue(name);
      if (v.isPresent() && !v.get().isBlank()) {
        return v;
      }
    }
    return Optional.empty();
  }

  private <T> JsonResponse<T> readJson(Call call, Exchange ex, Class<T> type, int attempt) {
    byte[] bytes = ex.bytes();
    RawResponse view = new RawResponse(call.method, Redaction.withoutQuery(ex.uri), ex.status, ex.headers, bytes,
        call.options.isPaidSubmission());
    Optional<ErrorDetails> inBand;
    try {
      inBand = errorHandler.inBandError(view);
    } catch (RuntimeException e) {
      LOG.debug("[{}] error handler failed on a 2xx body: {}", providerId, e.toString());
      inBand = Optional.empty();
    }
    if (inBand != null && inBand.isPresent()) {
      throw new InBandError(inBand.get());
    }
    String requestId = requestId(ex.headers).orElse(null);
    if (type == Void.class) {
      return new JsonResponse<>(ex.status, ex.headers, requestId, null, attempt);
    }
    try {
      T body;
      if (bytes.length == 0) {
        throw new IOException("the body is empty");
      }
      if (type == JsonNode.class) {
        body = type.cast(view.json().orElseThrow(() -> new IOException("the body is not JSON")));
      } else {
        body = Json.mapper().readValue(bytes, type);
      }
      return new JsonResponse<>(ex.status, ex.headers, requestId, body, attempt);
    } catch (IOException e) {
      String reason = e instanceof JsonProcessingException
          ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
      String message = "could not read the answer of " + call.method + " " + Redaction.url(ex.uri) + " (HTTP "
          + ex.status + ") as " + type.getSimpleName() + ": " + Redaction.text(reason, secret, 300);
      String body = Redaction.scrub(new String(bytes, StandardCharsets.UTF_8), secret);
      if (call.options.isPaidSubmission()) {
        throw ErrorMapping.outcomeUnknown(error(ex.status, requestId, "unreadable_response", message
            + "; the paid request was probably accepted but its job id could not be read: check the provider's"
            + " job list before submitting again", body), e);
      }
      throw new ProviderException(error(ex.status, requestId, "unreadable_response", message
          + "; the provider's API may have changed", body), false, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One attempt: build the request, send it, read the body under the deadlines, follow redirects.

  /** One request of an attempt (an attempt has several when it follows redirects). */
  private static final class Hop {
    final URI uri;
    final HttpRequest request;
    final CompletableFuture<HttpResponse<Void>> future;
    final CompletableFuture<BodyCollector> collector;

    Hop(URI uri, HttpRequest request, CompletableFuture<HttpResponse<Void>> future,
        CompletableFuture<BodyCollector> collector) {
      this.uri = uri;
      this.request = request;
      this.future = future;
      this.collector = collector;
    }

    void abort(Throwable reason) {
      BodyCollector c = collector.getNow(null);
      if (c != null) {
        c.abort(reason);
      }
      future.cancel(true);
    }
  }

  private static boolean canRedirect(Call call, int hop) {
    return hop < MAX_REDIRECTS && ("GET".equals(call.method) || "HEAD".equals(call.method));
  }

  /** Builds and sends one request; returns null when no time is left to send it. */
  private Hop startHop(Call call, URI uri, int hop, int attempt, int attempts, long deadline,
                       CollectorFactory collectors) {
    boolean trusted = call.api && trustedOrigins.contains(origin(uri));
    Map<String, String> requestHeaders = new LinkedHashMap<>();
    requestHeaders.put("Accept", call.accept);
    if (trusted) {
      requestHeaders.putAll(headers);
    }
    requestHeaders.putAll(call.options.headers());
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
    String loggedBody = null;
    if (call.json != null && hop == 0) {
      requestHeaders.put("Content-Type", "application/json");
      publisher = HttpRequest.BodyPublishers.ofByteArray(call.json);
      loggedBody = logRequests ? new String(call.json, StandardCharsets.UTF_8) : null;
    } else if (call.multipart != null && hop == 0) {
      MultipartBodyPublisher multipart = call.multipart.publisher();
      requestHeaders.put("Content-Type", multipart.mediaType().toString());
      publisher = multipart;
      loggedBody = "<multipart " + call.multipart.partNames() + ">";
    }
    if (trusted && auth.requiresKey()) {
      requestHeaders.keySet().removeIf(n -> n.equalsIgnoreCase(auth.headerName()));
    }
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      return null;
    }
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
        .method(hop == 0 ? call.method : "GET", publisher)
        .timeout(Duration.ofNanos(remaining));
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      rb.version(HttpClient.Version.HTTP_1_1);
    }
    requestHeaders.forEach(rb::header);
    if (trusted && auth.requiresKey()) {
      rb.header(auth.headerName(), auth.headerValue(apiKey));
    }
    HttpRequest request = rb.build();
    if (logRequests && LOG.isDebugEnabled()) {
      Map<String, List<String>> shown = new LinkedHashMap<>();
      requestHeaders.forEach((k, v) -> shown.put(k, List.of(v)));
      if (trusted && auth.requiresKey()) {
        shown.put(auth.headerName(), List.of(Redaction.REDACTED));
      }
      LOG.debug("[{}] request {} {} (attempt {} of {}) headers {} body {}", providerId, request.method(),
          Redaction.url(uri), attempt, attempts, Redaction.scrub(Redaction.headers(shown, auth.headerName()), secret),
          loggedBody == null ? "<none>" : Redaction.text(loggedBody, secret, Redaction.MAX_LOGGED_BODY));
    }
    CompletableFuture<BodyCollector> holder = new CompletableFuture<>();
    boolean redirectAllowed = canRedirect(call, hop);
    CompletableFuture<HttpResponse<Void>> future = http.sendAsync(request, info -> {
      boolean redirect = redirectAllowed && isRedirect(info.statusCode())
          && info.headers().firstValue("location").isPresent();
      BodyCollector c = redirect ? BodyCollector.inMemory(MAX_ERROR_BODY_BYTES, true)
          : collectors.create(info, false);
      holder.complete(c);
      info.headers().firstValueAsLong("content-length").ifPresent(c::checkAnnouncedLength);
      return c;
    });
    return new Hop(uri, request, future, holder);
  }

  /** Logs a response; returns where a redirect leads, or null when the response is the answer. */
  private URI afterResponse(Call call, Hop h, HttpResponse<Void> response, int hop, int attempt, int attempts,
                            long start) {
    BodyCollector body = h.collector.getNow(null);
    if (LOG.isDebugEnabled()) {
      String requestId = requestId(response.headers()).orElse("-");
      LOG.debug("[{}] {} {} -> {} in {} ms (attempt {} of {}, request id {})", providerId, h.request.method(),
          Redaction.url(h.uri), response.statusCode(), millisSince(start), attempt, attempts,
          Redaction.text(requestId, secret, 200));
    }
    if (logResponses && LOG.isDebugEnabled()) {
      byte[] bytes = body == null ? null : body.bytes();
      LOG.debug("[{}] response {} {} -> {} headers {} body {}", providerId, h.request.method(), Redaction.url(h.uri),
          response.statusCode(), Redaction.scrub(Redaction.headers(response.headers().map(), auth.headerName()),
              secret),
          bytes == null ? "<" + (body == null ? 0 : body.received()) + " bytes to file>"
              : Redaction.text(new String(bytes, 0, Math.min(bytes.length, Redaction.MAX_LOGGED_BODY * 2),
              StandardCharsets.UTF_8), secret, Redaction.MAX_LOGGED_BODY));
    }
    if (canRedirect(call, hop) && isRedirect(response.statusCode())) {
      Optional<String> location = response.headers().firstValue("location");
      if (location.isPresent()) {
        try {
          URI next = h.uri.resolve(location.get().strip());
          checkHttpUri(next, "redirect");
          return next;
        } catch (IllegalArgumentException e) {
          LOG.debug("[{}] ignoring an invalid redirect from {}", providerId, Redaction.url(h.uri));
        }
      }
    }
    return null;
  }

  private Exchange failedExchange(Hop h, URI uri, AttemptFailed f, long start, int attempt, int attempts) {
    Exchange failed = Exchange.failed(uri, f.cause, millisSince(start), f.notSent, f.timedOut, f.stalled);
    if (!LOG.isDebugEnabled()) {
      return failed;
    }
    LOG.debug("[{}] {} {} failed after {} ms: {} (attempt {} of {})", providerId,
        h == null ? "?" : h.request.method(), Redaction.url(uri), failed.millis, describe(f.cause), attempt, attempts);
    return failed;
  }

  private Exchange attempt(Call call, int attempt, int attempts, Duration timeout, Duration stall,
                           CollectorFactory collectors) {
    URI uri = call.uri;
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    for (int hop = 0; ; hop++) {
      Hop h = startHop(call, uri, hop, attempt, attempts, deadline, collectors);
      if (h == null) {
        return failedExchange(null, uri, new AttemptFailed(new HttpTimeoutException("timed out before sending"),
            false, true, false), start, attempt, attempts);
      }
      HttpResponse<Void> response;
      try {
        response = await(h.future, h.collector, deadline, stall.toNanos());
      } catch (AttemptFailed f) {
        return failedExchange(h, uri, f, start, attempt, attempts);
      }
      URI next = afterResponse(call, h, response, hop, attempt, attempts, start);
      if (next == null) {
        return Exchange.received(uri, response, h.collector.getNow(null), millisSince(start));
      }
      uri = next;
    }
  }

  /** One asynchronous call: attempts chained through the scheduler, deadlines enforced on the timer. */
  private final class AsyncCall<R> {
    final Call call;
    final CollectorFactory collectors;
    final SuccessHandler<R> onSuccess;
    final CompletableFuture<R> result = new CompletableFuture<>();
    final int attempts;
    final Duration attemptTimeout;
    final Duration stall;
    final Instant deadline;
    private volatile Future<?> timer;
    private volatile Hop hop;
    private volatile ProviderException last;

    AsyncCall(Call call, CollectorFactory collectors, SuccessHandler<R> onSuccess) {
      this.call = call;
      this.collectors = collectors;
      this.onSuccess = onSuccess;
      CallOptions o = call.options;
      this.attempts = o.maxRetries().orElse(maxRetries) + 1;
      this.attemptTimeout = o.timeout().orElse(call.defaultTimeout);
      this.stall = o.stallTimeout().orElse(stallTimeout);
      this.deadline = o.deadline().map(d -> clock.instant().plus(d)).orElse(null);
    }

    void start() {
      result.whenComplete((r, t) -> {
        if (result.isCancelled()) {
          Future<?> f = timer;
          if (f != null) {
            f.cancel(false);
          }
          Hop h = hop;
          if (h != null) {
            h.abort(new CancellationException("call cancelled"));
          }
        }
      });
      attempt(1);
    }

    private void attempt(int n) {
      if (result.isDone()) {
        return;
      }
      try {
        Duration timeout = attemptTimeout;
        if (deadline != null) {
          Duration left = Duration.between(clock.instant(), deadline);
          if (left.isNegative() || left.isZero()) {
            result.completeExceptionally(deadlineExceeded(call, n, last));
            return;
          }
          if (left.compareTo(timeout) < 0) {
            timeout = left;
          }
        }
        CircuitBreaker.Admission admission = admitBreaker(call, last);
        Duration wait = queueWait(deadline);
        acquire(n, admission, timeout, wait, System.nanoTime() + wait.toNanos());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    }

    private void acquire(int n, CircuitBreaker.Admission admission, Duration timeout, Duration wait, long until) {
      if (result.isDone()) {
        recordBreaker(admission, CircuitBreaker.Result.IGNORED);
        return;
      }
      if (policies.bulkhead.tryAcquirePermit()) {
        run(n, admission, timeout);
        return;
      }
      long left = until - System.nanoTime();
      if (left <= 0) {
        recordBreaker(admission, CircuitBreaker.Result.IGNORED);
        result.completeExceptionally(concurrencyLimit(call, n, wait));
        return;
      }
      timer = HttpTimer.scheduleNanos(() -> acquire(n, admission, timeout, wait, until),
          Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
    }

    private void run(int n, CircuitBreaker.Admission admission, Duration timeout) {
      long start = System.nanoTime();
      CompletableFuture<Exchange> exchange = new CompletableFuture<>();
      hop(n, call.uri, 0, start, start + timeout.toNanos(), exchange);
      exchange.whenComplete((ex, t) -> {
        policies.bulkhead.releasePermit();
        if (result.isDone()) {
          recordBreaker(admission, CircuitBreaker.Result.IGNORED);
          return;
        }
        if (t != null) {
          recordBreaker(admission, CircuitBreaker.Result.IGNORED);
          result.completeExceptionally(t);
          return;
        }
        Verdict<R> verdict;
        try {
          verdict = judge(call, ex, n, attempts, onSuccess);
        } catch (RuntimeException e) {
          recordBreaker(admission, CircuitBreaker.Result.IGNORED);
          result.completeExceptionally(e);
          return;
        }
        recordBreaker(admission, verdict.breaker);
        if (verdict.success) {
          result.complete(verdict.result);
          return;
        }
        if (!verdict.retry || n >= attempts) {
          result.completeExceptionally(verdict.failure);
          return;
        }
        Duration delay = verdict.delay;
        if (deadline != null && clock.instant().plus(delay).isAfter(deadline)) {
          LOG.debug("[{}] not retrying {} {}: the wait of {} ms would pass the call's deadline", providerId,
              call.method, Redaction.url(call.uri), delay.toMillis());
          result.completeExceptionally(verdict.failure);
          return;
        }
        LOG.debug("[{}] retrying {} {} in {} ms ({}; attempt {} of {} failed)", providerId, call.method,
            Redaction.url(call.uri), delay.toMillis(), verdict.reason, n, attempts);
        last = verdict.failure;
        try {
          timer = scheduler.schedule(() -> attempt(n + 1), delay);
        } catch (RuntimeException e) {
          result.completeExceptionally(verdict.failure);
          return;
        }
        if (result.isCancelled()) {
          timer.cancel(false);
        }
      });
    }

    private void hop(int n, URI uri, int hopNo, long start, long attemptDeadline, CompletableFuture<Exchange> out) {
      Hop h;
      try {
        h = startHop(call, uri, hopNo, n, attempts, attemptDeadline, collectors);
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
        return;
      }
      if (h == null) {
        out.complete(failedExchange(null, uri, new AttemptFailed(new HttpTimeoutException("timed out before sending"),
            false, true, false), start, n, attempts));
        return;
      }
      hop = h;
      if (result.isCancelled()) {
        h.abort(new CancellationException("call cancelled"));
      }
      AtomicReference<AttemptFailed> expired = new java.util.concurrent.atomic.AtomicReference<>();
      watch(h, attemptDeadline, expired);
      h.future.whenComplete((response, t) -> {
        if (t != null) {
          AttemptFailed f = expired.get() != null ? expired.get() : AttemptFailed.of(t);
          BodyCollector c = h.collector.getNow(null);
          if (c != null) {
            c.abort(f.cause);
          }
          out.complete(failedExchange(h, uri, f, start, n, attempts));
          return;
        }
        URI next;
        try {
          next = afterResponse(call, h, response, hopNo, n, attempts, start);
        } catch (RuntimeException e) {
          out.completeExceptionally(e);
          return;
        }
        if (next == null) {
          out.complete(Exchange.received(uri, response, h.collector.getNow(null), millisSince(start)));
        } else {
          hop(n, next, hopNo + 1, start, attemptDeadline, out);
        }
      });
    }

    /** Aborts the hop when the attempt's deadline passes or its body stalls; re-arms itself until then. */
    private void watch(Hop h, long attemptDeadline,
                       AtomicReference<AttemptFailed> expired) {
      if (h.future.isDone()) {
        return;
      }
      long now = System.nanoTime();
      long stallNanos = stall.toNanos();
      BodyCollector c = h.collector.getNow(null);
      long wake = attemptDeadline;
      boolean stallBound = false;
      if (c != null) {
        long stallAt = c.lastActivityNanos() + stallNanos;
        if (stallAt - wake < 0) {
          wake = stallAt;
          stallBound = true;
        }
      } else if (now + stallNanos - wake < 0) {
        wake = now + stallNanos;
      }
      long left = wake - now;
      if (left <= 0) {
        HttpTimeoutException timeout = new HttpTimeoutException(stallBound
            ? "response body stalled" : "request timed out");
        expired.set(new AttemptFailed(timeout, false, true, stallBound));
        h.abort(timeout);
        return;
      }
      HttpTimer.scheduleNanos(() -> watch(h, attemptDeadline, expired), left);
    }
  }

  /** Why an attempt ended without a response. */
  private static final class AttemptFailed extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Throwable cause;
    final boolean notSent;
    final boolean timedOut;
    final boolean stalled;

    AttemptFailed(Throwable cause, boolean notSent, boolean timedOut, boolean stalled) {
      super(null, null, false, false);
      this.cause = cause;
      this.notSent = notSent;
      this.timedOut = timedOut;
      this.stalled = stalled;
    }

    static AttemptFailed of(Throwable cause) {
      while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      return new AttemptFailed(cause, notSent(cause), hasCause(cause, HttpTimeoutException.class), false);
    }
  }

  private HttpResponse<Void> await(CompletableFuture<HttpResponse<Void>> future,
                                   CompletableFuture<BodyCollector> holder, long deadline, long stallNanos)
      throws AttemptFailed {
    while (true) {
      long now = System.nanoTime();
      BodyCollector c = holder.getNow(null);
      long wake = deadline;
      boolean stallBound = false;
      if (c != null) {
        long stallAt = c.lastActivityNanos() + stallNanos;
        if (stallAt - wake < 0) {
          wake = stallAt;
          stallBound = true;
        }
      } else if (now + stallNanos - wake < 0) {
        // no headers yet: look again one stall period from now; the stall deadline, counted from the
        // headers' arrival, always lies beyond that point
        wake = now + stallNanos;
      }
      long left = wake - now;
      if (left <= 0) {
        HttpTimeoutException timeout = new HttpTimeoutException(stallBound
            ? "response body stalled" : "request timed out");
        abort(future, holder.getNow(null), timeout);
        throw new AttemptFailed(timeout, false, true, stallBound);
      }
      try {
        return future.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // re-check the deadlines
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        BodyCollector collector = holder.getNow(null);
        if (collector != null) {
          collector.abort(cause);
        }
        throw AttemptFailed.of(cause);
      } catch (InterruptedException e) {
        abort(future, holder.getNow(null), e);
        Thread.currentThread().interrupt();
        throw new AttemptFailed(e, false, false, false);
      }
    }
  }

  private static void abort(CompletableFuture<?> future, BodyCollector collector, Throwable reason) {
    if (collector != null) {
      collector.abort(reason);
    }
    future.cancel(true);
  }

  private static boolean notSent(Throwable t) {
    return hasCause(t, ConnectException.class) || hasCause(t, HttpConnectTimeoutException.class)
        || hasCause(t, UnresolvedAddressException.class) || hasCause(t, UnknownHostException.class)
        || hasCause(t, NoRouteToHostException.class) || hasCause(t, SSLHandshakeException.class);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000L;
  }

  private static boolean is2xx(int status) {
    return status >= 200 && status <= 299;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }

  private static void checkHttpUri(URI uri, String name) {
    String scheme = uri.getScheme();
    if (!uri.isAbsolute() || uri.getHost() == null || scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException(name + " must be an absolute http(s) URL: " + Redaction.url(uri));
    }
  }

  static void checkHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isBlank() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw new IllegalArgumentException("invalid header name: " + Redaction.escape(name));
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header " + name + " must be one line");
    }
  }

  private static HttpClient sharedClient(Duration connectTimeout) {
    return SHARED_CLIENTS.computeIfAbsent(connectTimeout, ct -> Methanol.newBuilder()
        .userAgent(USER_AGENT)
        .autoAcceptEncoding(true)
        .connectTimeout(ct)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build());
  }

  /**
   * Builds a {@link ProviderHttpClient}. Values in the {@link ProviderConfig} (set by the user)
   * win over the provider's defaults set here. Not thread-safe.
   */
  public static final class Builder {
    private final String providerId;
    private ProviderConfig config;
    private URI defaultBaseUrl;
    private ApiKey apiKey;
    private String apiKeyVariable;
    private Auth auth = Auth.bearer();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<URI> trustedOrigins = new ArrayList<>();
    private ProviderErrorHandler errorHandler = ProviderErrorHandler.standard();
    private final List<String> requestIdHeaders = new ArrayList<>(List.of("x-request-id"));
    private final Set<Integer> retryableStatuses = new TreeSet<>();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Scheduler scheduler = Scheduler.shared();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration stallTimeout = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private int maxRetries = 2;
    private int maxConcurrentCalls = 8;
    private Duration maxQueueWait = Duration.ofSeconds(30);
    private boolean circuitBreaker = true;
    private boolean logRequests;
    private boolean logResponses;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private HttpClient httpClient;

    private Builder(String providerId) {
      Objects.requireNonNull(providerId, "providerId");
      if (providerId.isBlank()) {
        throw new IllegalArgumentException("providerId is blank");
      }
      this.providerId = providerId;
    }

    /**
     * The user's settings: key, base URL, request timeout, retries, and the options
     * {@code http.log} ({@code true} logs headers and bodies), {@code http.max-concurrency}
     * (1..256) and {@code http.circuit-breaker} ({@code false} disables it).
     *
     * @param config the provider's config
     * @return this builder
     * @throws IllegalArgumentException if the config is for another provider
     */
    public Builder config(ProviderConfig config) {
      Objects.requireNonNull(config, "config");
      if (!config.providerId().equals(providerId)) {
        throw new IllegalArgumentException("config is for provider '" + config.providerId()
            + "', not '" + providerId + "'");
      }
      this.config = config;
      return this;
    }

    /**
     * @param baseUrl the provider's API root, used when the config sets none (e.g.
     *     {@code https://api.openai.com/v1})
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Builder defaultBaseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      checkHttpUri(baseUrl, "defaultBaseUrl");
      this.defaultBaseUrl = baseUrl;
      return this;
    }

    /**
     * @param apiKey the key to use instead of the config's
     * @return this builder
     */
    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * @param variable the environment variable users set for this provider's key (e.g.
     *     {@code FAL_KEY}), named in the error when no key is configured
     * @return this builder
     */
    public Builder apiKeyVariable(String variable) {
      this.apiKeyVariable = Objects.requireNonNull(variable, "variable");
      return this;
    }

    /**
     * @param auth how the key is sent ({@link Auth#bearer()} by default)
     * @return this builder
     */
    public Builder auth(Auth auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /**
     * Adds a fixed header sent with every call to the provider's own origin (e.g.
     * {@code X-Runway-Version}, OpenRouter's attribution headers); never sent to download hosts.
     *
     * @param name header name
     * @param value header value
     * @return this builder
     * @throws IllegalArgumentException if the name is not a token or the value has CR/LF
     */
    public Builder header(String name, String value) {
      checkHeader(name, value);
      headers.put(name, value);
      return this;
    }

    /**
     * Adds an origin, besides the base URL's, that may receive the key and fixed headers (e.g.
     * fal's {@code https://fal.run} next to {@code https://queue.fal.run}).
     *
     * @param origin a URL whose scheme, host and port are trusted
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Builder trustedOrigin(URI origin) {
      Objects.requireNonNull(origin, "origin");
      checkHttpUri(origin, "trustedOrigin");
      trustedOrigins.add(origin);
      return this;
    }

    /**
     * @param handler reads the provider's error bodies ({@link ProviderErrorHandler#standard()}
     *     by default)
     * @return this builder
     */
    public Builder errorHandler(ProviderErrorHandler handler) {
      this.errorHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Adds a response header that carries the provider's request id, tried before
     * {@code x-request-id} (e.g. {@code x-fal-request-id}).
     *
     * @param name the header name
     * @return this builder
     */
    public Builder requestIdHeader(String name) {
      checkHeader(name, "");
      requestIdHeaders.add(requestIdHeaders.size() - 1, name);
      return this;
    }

    /**
     * Adds statuses that idempotent calls retry besides 408, 429, 500, 502, 503, 504 (e.g. OpenAI's
     * 409, OpenRouter's 524 and 529).
     *
     * @param statuses HTTP statuses, 400..599
     * @return this builder
     * @throws IllegalArgumentException if a status is outside 400..599
     */
    public Builder retryableStatus(int... statuses) {
      for (int s : statuses) {
        if (s < 400 || s > 599) {
          throw new IllegalArgumentException("retryable status must be within 400..599: " + s);
        }
        retryableStatuses.add(s);
      }
      return this;
    }

    /**
     * @param clock the time source for HTTP-date {@code Retry-After}, deadlines and the circuit breaker
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param sleeper waits between attempts ({@link Sleeper#system()} by default)
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * @param scheduler starts the retries of asynchronous calls ({@link Scheduler#shared()} by default)
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * @param random the jitter source, uniform in [0, 1) (for tests)
     * @return this builder
     */
    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * @param timeout the per-attempt timeout used when the config sets none (60 s by default;
     *     e.g. 10 minutes for synchronous generation)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * @param timeout the connect timeout (10 s by default)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * @param timeout the longest gap allowed between two pieces of a body (30 s by default)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder stallTimeout(Duration timeout) {
      this.stallTimeout = positive(timeout, "stallTimeout");
      return this;
    }

    /**
     * @param limit the longest server-requested wait obeyed in-call (60 s by default); longer
     *     requests end the call with a {@link dev.vcg.provider.RateLimitedException}
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxRetryAfter(Duration limit) {
      this.maxRetryAfter = positive(limit, "maxRetryAfter");
      return this;
    }

    /**
     * @param maxRetries retries used when the config sets none, 0..10 (2 by default)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new IllegalArgumentException("maxRetries must be within 0..10: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * @param max calls at once per provider, key and origin (8 by default; the config option
     *     {@code http.max-concurrency} wins)
     * @return this builder
     * @throws IllegalArgumentException if outside 1..256
     */
    public Builder maxConcurrentCalls(int max) {
      if (max < 1 || max > 256) {
        throw new IllegalArgumentException("maxConcurrentCalls must be within 1..256: " + max);
      }
      this.maxConcurrentCalls = max;
      return this;
    }

    /**
     * @param wait how long a call waits for a free slot before {@link ConcurrencyLimitException}
     *     (30 s by default)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxQueueWait(Duration wait) {
      Objects.requireNonNull(wait, "wait");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("maxQueueWait must not be negative: " + wait);
      }
      this.maxQueueWait = wait;
      return this;
    }

    /**
     * @param enabled whether the circuit breaker is used (true by default; the config option
     *     {@code http.circuit-breaker=false} disables it)
     * @return this builder
     */
    public Builder circuitBreaker(boolean enabled) {
      this.circuitBreaker = enabled;
      return this;
    }

    /**
     * @param enabled whether request headers (redacted) and bodies (4 KB) are logged at DEBUG
     * @return this builder
     */
    public Builder logRequests(boolean enabled) {
      this.logRequests = enabled;
      return this;
    }

    /**
     * @param enabled whether response headers (redacted) and bodies (4 KB) are logged at DEBUG
     * @return this builder
     */
    public Builder logResponses(boolean enabled) {
      this.logResponses = enabled;
      return this;
    }

    /**
     * @param bytes the largest JSON answer accepted (64 MB by default)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive: " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * @param client a JDK client to use instead of the shared one (for a proxy or custom TLS);
     *     configure it not to follow redirects
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * @return the client
     * @throws IllegalStateException if there is no base URL (neither config nor default), or an
     *     option of the config is invalid
     * @throws dev.vcg.provider.ProviderNotConfiguredException if the auth scheme needs a key and
     *     none is configured
     */
    public ProviderHttpClient build() {
      ProviderConfig c = config == null ? ProviderConfig.of(providerId) : config;
      URI baseUrl = c.baseUrl().orElse(defaultBaseUrl);
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl: set defaultBaseUrl(...) or a base URL in the config of '"
            + providerId + "'");
      }
      checkHttpUri(baseUrl, "baseUrl");
      ApiKey key = apiKey != null ? apiKey : c.apiKey().orElse(null);
      if (key == null && auth.requiresKey()) {
        key = c.requireApiKey(apiKeyVariable != null ? apiKeyVariable
            : "the API key variable of provider '" + providerId + "'");
      }
      int retries = c.maxRetries().orElse(maxRetries);
      Duration timeout = c.requestTimeout().orElse(requestTimeout);
      boolean log = c.option("http.log").map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
      int concurrency = maxConcurrentCalls;
      Optional<String> concurrencyOption = c.option("http.max-concurrency");
      if (concurrencyOption.isPresent()) {
        try {
          concurrency = Integer.parseInt(concurrencyOption.get().strip());
        } catch (NumberFormatException e) {
          concurrency = -1;
        }
        if (concurrency < 1 || concurrency > 256) {
          throw new IllegalStateException("option http.max-concurrency of '" + providerId
              + "' must be an integer within 1..256: " + Redaction.escape(concurrencyOption.get()));
        }
      }
      boolean breaker = circuitBreaker
          && !c.option("http.circuit-breaker").map(v -> v.strip().equalsIgnoreCase("false")).orElse(false);
      return new ProviderHttpClient(this, baseUrl, key, retries, timeout, log, concurrency, breaker);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
