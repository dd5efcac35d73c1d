package dev.vcg.services.web;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where and how the {@link GuardedFetcher} may fetch untrusted URLs. Immutable and thread-safe.
 *
 * <p>The defaults follow the library's SSRF policy: http and https; ports 80 and 443; at most 5
 * redirects, each checked like the first URL; 5 s to connect; 15 s for the whole fetch, body
 * included; 10 s at most without receiving a byte. Loopback addresses are refused unless
 * {@link Builder#allowLoopbackForTesting(boolean)} is set, which only tests should do. Private,
 * link-local, metadata and other non-public addresses are always refused.
 *
 * <pre>{@code
 * FetchPolicy strict = FetchPolicy.builder().requireHttps(true).build();
 * }</pre>
 */
public final class FetchPolicy {
  /** The most redirects any policy follows. */
  public static final int MAX_REDIRECTS = 5;

  private static final FetchPolicy DEFAULTS = builder().build();

  private final boolean requireHttps;
  private final Set<Integer> allowedPorts;
  private final boolean allowLoopbackForTesting;
  private final int maxRedirects;
  private final Duration connectTimeout;
  private final Duration deadline;
  private final Duration readTimeout;
  private final String userAgent;

  private FetchPolicy(Builder b) {
    this.requireHttps = b.requireHttps;
    this.allowedPorts = Collections.unmodifiableSet(new TreeSet<>(b.allowedPorts));
    this.allowLoopbackForTesting = b.allowLoopbackForTesting;
    this.maxRedirects = b.maxRedirects;
    this.connectTimeout = b.connectTimeout;
    this.deadline = b.deadline;
    this.readTimeout = b.readTimeout;
    this.userAgent = b.userAgent;
  }

  /** @return the default policy */
  public static FetchPolicy defaults() {
    return DEFAULTS;
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding this policy's values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.requireHttps = requireHttps;
    b.allowedPorts.clear();
    b.allowedPorts.addAll(allowedPorts);
    b.allowLoopbackForTesting = allowLoopbackForTesting;
    b.maxRedirects = maxRedirects;
    b.connectTimeout = connectTimeout;
    b.deadline = deadline;
    b.readTimeout = readTimeout;
    b.userAgent = userAgent;
    return b;
  }

  /** @return whether plain http is refused */
  public boolean requireHttps() {
    return requireHttps;
  }

  /** @return the ports URLs may name (80 and 443 by default) */
  public Set<Integer> allowedPorts() {
    return allowedPorts;
  }

  /** @return whether loopback addresses are allowed (for tests against local servers only) */
  public boolean allowLoopbackForTesting() {
    return allowLoopbackForTesting;
  }

  /** @return the most redirects followed for one fetch */
  public int maxRedirects() {
    return maxRedirects;
  }

  /** @return the longest wait for a TCP connection to one address */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** @return the default time for a whole fetch: redirects, connects, headers and body */
  public Duration deadline() {
    return deadline;
  }

  /** @return the longest wait for the next bytes of an answer */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** @return the {@code User-Agent} header sent */
  public String userAgent() {
    return userAgent;
  }

  @Override
  public String toString() {
    return "FetchPolicy[requireHttps=" + requireHttps + ", ports=" + allowedPorts
        + ", loopbackForTesting=" + allowLoopbackForTesting + ", maxRedirects=" + maxRedirects
        + ", connectTimeout=" + connectTimeout + ", deadline=" + deadline
        + ", readTimeout=" + readTimeout + "]";
  }

  /** Builds a {@link FetchPolicy}. Not thread-safe. */
  public static final class Builder {
    private boolean requireHttps;
    private final Set<Integer> allowedPorts = new TreeSet<>(Set.of(80, 443));
    private boolean allowLoopbackForTesting;
    private int maxRedirects = MAX_REDIRECTS;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration deadline = Duration.ofSeconds(15);
    private Duration readTimeout = Duration.ofSeconds(10);
    private String userAgent = "vcg/0.1 (+https://github.com/vcg-dev/video-creation-gateway)";

    private Builder() {
    }

    /**
     * @param requireHttps whether plain http URLs (and redirects to them) are refused; default
     *     false, since many small business sites are still served over http
     * @return this builder
     */
    public Builder requireHttps(boolean requireHttps) {
      this.requireHttps = requireHttps;
      return this;
    }

    /**
     * Allows one more port besides 80 and 443.
     *
     * @param port 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException if the port is out of range
     */
    public Builder allowPort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be within 1..65535: " + port);
      }
      allowedPorts.add(port);
      return this;
    }

    /**
     * Allows loopback addresses ({@code 127.0.0.0/8}, {@code ::1}). Meant only for tests that
     * fetch from a local server; never enable it where URLs come from users. Host names such as
     * {@code localhost} stay refused; use the address literal.
     *
     * @param allow whether loopback is allowed; default false
     * @return this builder
     */
    public Builder allowLoopbackForTesting(boolean allow) {
      this.allowLoopbackForTesting = allow;
      return this;
    }

    /**
     * @param maxRedirects 0 to {@value FetchPolicy#MAX_REDIRECTS}; default 5
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxRedirects(int maxRedirects) {
      if (maxRedirects < 0 || maxRedirects > MAX_REDIRECTS) {
        throw new IllegalArgumentException("maxRedirects must be within 0.." + MAX_REDIRECTS + ": " + maxRedirects);
      }
      this.maxRedirects = maxRedirects;
      return this;
    }

    /**
     * @param timeout positive; default 5 s
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * @param deadline positive; the default time a whole fetch may take (default 15 s). A
     *     {@link FetchRequest} may set its own.
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * @param timeout positive; the longest wait for the next bytes (default 10 s)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * @param userAgent the {@code User-Agent} header; printable ASCII
     * @return this builder
     * @throws IllegalArgumentException if empty or not printable ASCII
     */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent");
      if (userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("userAgent must be non-empty printable ASCII");
      }
      this.userAgent = userAgent;
      return this;
    }

    /** @return the policy */
    public FetchPolicy build() {
      return new FetchPolicy(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
