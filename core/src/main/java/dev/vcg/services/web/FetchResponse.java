package dev.vcg.services.web;

import dev.vcg.VcgException;
import dev.vcg.services.web.internal.BodyStreams;
import dev.vcg.services.web.internal.Deadline;
import dev.vcg.services.web.internal.HttpExchange;
import dev.vcg.services.web.internal.Redact;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * An open response from {@link GuardedFetcher#open}: the head is known, the body is read once with
 * {@link #transferTo} or {@link #readAllBytes}. The body is decompressed and bounded by the
 * request's limit and the fetch's deadline. Close it when done (reading the body to its end
 * closes it too). Not thread-safe.
 */
public final class FetchResponse implements AutoCloseable {
  private final URI url;
  private final int status;
  private final String mediaType;
  private final String charset;
  private final long declaredLength;
  private final int redirects;
  private final List<String> warnings;
  private final InputStream body;
  private final HttpExchange exchange;
  private final Deadline deadline;
  private final FetchRequest request;
  private final Function<IOException, RuntimeException> failure;
  private long bytesRead;
  private boolean truncated;
  private boolean consumed;

  FetchResponse(URI url, int status, String mediaType, String charset, long declaredLength, int redirects,
                List<String> warnings, InputStream body, HttpExchange exchange, Deadline deadline,
                FetchRequest request, Function<IOException, RuntimeException> failure) {
    this.url = url;
    this.status = status;
    this.mediaType = mediaType;
    this.charset = charset;
    this.declaredLength = declaredLength;
    this.redirects = redirects;
    this.warnings = new ArrayList<>(warnings);
    this.body = body;
    this.exchange = exchange;
    this.deadline = deadline;
    this.request = request;
    this.failure = failure;
  }

  /** @return the final URL, after redirects (print it with care: it may carry a signed query) */
  public URI url() {
    return url;
  }

  /** @return the HTTP status (2xx) */
  public int status() {
    return status;
  }

  /** @return the declared media type, lower case without parameters; empty if none was sent */
  public String mediaType() {
    return mediaType;
  }

  /** @return the declared charset, if any */
  public Optional<String> charset() {
    return Optional.ofNullable(charset);
  }

  /** @return the declared {@code Content-Length} of an unchunked body, if sent */
  public OptionalLong declaredLength() {
    return declaredLength >= 0 ? OptionalLong.of(declaredLength) : OptionalLong.empty();
  }

  /** @return how many redirects were followed */
  public int redirects() {
    return redirects;
  }

  /** @return body bytes read so far (after decompression) */
  public long bytesRead() {
    return bytesRead;
  }

  /** @return whether reading stopped at the request's limit with more data left */
  public boolean truncated() {
    return truncated;
  }

  /** @return what the caller should know, e.g. that the body was truncated */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Streams the body to a sink, then closes the response.
   *
   * @param sink where the bytes go; not closed
   * @return the bytes written
   * @throws ContentRefusedException if the body is larger than the limit and the request does not
   *     truncate
   * @throws WebFetchException if the connection fails or the deadline passes
   * @throws VcgException if the sink fails; exceptions the sink throws unchecked pass through
   * @throws IllegalStateException if the body was already read
   */
  public long transferTo(OutputStream sink) {
    Objects.requireNonNull(sink, "sink");
    if (consumed) {
      throw new IllegalStateException("the body was already read");
    }
    consumed = true;
    long max = request.maxBytes();
    byte[] buf = new byte[16 * 1024];
    try {
      while (true) {
        int want = (int) Math.min(buf.length, max - bytesRead);
        if (want == 0) {
          if (body.read() >= 0) {
            overflow();
          }
          break;
        }
        int n = body.read(buf, 0, want);
        if (n < 0) {
          break;
        }
        bytesRead += n;
        try {
          sink.write(buf, 0, n);
        } catch (IOException e) {
          throw new VcgException("could not write the body of " + Redact.url(url) + ": "
              + Redact.text(e.getMessage(), 200), e);
        }
      }
    } catch (BodyStreams.RawLimitException e) {
      overflow();
    } catch (IOException e) {
      throw failure.apply(e);
    } finally {
      close();
    }
    return bytesRead;
  }

  /**
   * Reads the whole body into memory, then closes the response.
   *
   * @return the body
   * @throws ContentRefusedException if the body is larger than the limit and the request does not
   *     truncate
   * @throws WebFetchException if the connection fails or the deadline passes
   */
  public byte[] readAllBytes() {
    int initial = (int) Math.min(request.maxBytes(), declaredLength > 0 ? declaredLength : 16 * 1024);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, initial));
    transferTo(out);
    return out.toByteArray();
  }

  private void overflow() {
    if (!request.truncateAtLimit()) {
      throw new ContentRefusedException(url.toString(), "the body is larger than the limit of "
          + request.maxBytes() + " bytes");
    }
    truncated = true;
    warnings.add("the body was cut at " + request.maxBytes() + " bytes (the limit); the rest was not read");
  }

  /** Releases the connection. Idempotent. */
  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException | RuntimeException ignored) {
      // the socket is closed below regardless
    }
    exchange.close();
    deadline.close();
  }

  @Override
  public String toString() {
    return "FetchResponse[" + Redact.url(url) + ", " + status + ", " + mediaType + "]";
  }
}
