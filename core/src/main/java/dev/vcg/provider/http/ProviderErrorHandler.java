package dev.vcg.provider.http;

import java.util.Optional;

/**
 * The hook through which a provider module teaches the HTTP layer its error shapes. The layer
 * keeps the one mapping from {@link ErrorKind} to exception type and all retry rules; the
 * handler only reads bodies and refines.
 *
 * <ul>
 *   <li>{@link #describe} is called for every response with a status outside 200..299 and
 *       returns the message, the provider's code and optional refinements (a content-policy
 *       400 → {@link ErrorKind#CONTENT_POLICY}, OpenAI's {@code insufficient_quota} 429 →
 *       {@link ErrorKind#QUOTA_EXCEEDED} and not retryable, OpenRouter's
 *       {@code error.availability.retryable}).</li>
 *   <li>{@link #inBandError} is called for 2xx responses of JSON calls, for providers that report
 *       errors inside successful bodies (OpenRouter once generation has started).</li>
 * </ul>
 *
 * <p>Start from {@link #standard()}, which understands the common shapes
 * ({@code {"error":{"message","code","type"}}}, {@code {"error":"…"}}, fal's {@code detail}
 * string or list, {@code {"message":…}}), and refine its result:
 *
 * <pre>{@code
 * ProviderErrorHandler openAi = response -> {
 *   ErrorDetails d = ProviderErrorHandler.standard().describe(response);
 *   if (d.code().filter("insufficient_quota"::equals).isPresent()) {
 *     return d.toBuilder().kind(ErrorKind.QUOTA_EXCEEDED).retryable(false).build();
 *   }
 *   return d;
 * };
 * }</pre>
 *
 * <p>Implementations must be thread-safe, fast and free of I/O; an exception thrown by a
 * handler is treated as "no details" and the status rules apply.
 */
@FunctionalInterface
public interface ProviderErrorHandler {
  /**
   * Reads an error response.
   *
   * @param response the response (status outside 200..299)
   * @return what the provider said
   */
  ErrorDetails describe(RawResponse response);

  /**
   * Looks for an error reported inside a successful (2xx) body. The default finds none.
   *
   * @param response the 2xx response of a JSON call
   * @return the error, with {@link ErrorDetails#status()} or {@link ErrorDetails#kind()} set to
   *     classify it (502 when neither is set), or empty if the body is a success
   */
  default Optional<ErrorDetails> inBandError(RawResponse response) {
    return Optional.empty();
  }

  /** @return the handler that reads the common error shapes; stateless and thread-safe */
  static ProviderErrorHandler standard() {
    return StandardErrorHandler.INSTANCE;
  }
}
