package dev.vcg.provider.http;

import dev.vcg.provider.ApiKey;
import java.util.Objects;

/**
 * How a provider expects its API key: the header it goes in and the text before the key.
 * The header is sent only to the client's own base URL origin (and origins added with
 * {@link ProviderHttpClient.Builder#trustedOrigin}), never to download hosts or across
 * redirects, and it is always redacted in logs.
 *
 * <pre>{@code
 * Auth.bearer()                        // Authorization: Bearer <key>  (OpenAI, OpenRouter, Runway)
 * Auth.header("Authorization", "Key ") // Authorization: Key <key>     (fal)
 * Auth.header("x-api-key", "")         // x-api-key: <key>
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Auth {
  private static final Auth NONE = new Auth(null, "");

  private final String headerName;
  private final String prefix;

  private Auth(String headerName, String prefix) {
    this.headerName = headerName;
    this.prefix = prefix;
  }

  /** @return {@code Authorization: Bearer <key>} */
  public static Auth bearer() {
    return header("Authorization", "Bearer ");
  }

  /**
   * The key in a header of the provider's choice.
   *
   * @param name the header name, e.g. {@code Authorization}
   * @param prefix the text before the key, e.g. {@code "Key "}; may be empty
   * @return the scheme
   * @throws IllegalArgumentException if the name is blank or either contains CR/LF
   */
  public static Auth header(String name, String prefix) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(prefix, "prefix");
    if (name.isBlank() || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0
        || prefix.indexOf('\r') >= 0 || prefix.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("auth header name must be a token and prefix must be one line");
    }
    return new Auth(name, prefix);
  }

  /** @return no authentication (for providers that need no key, or public endpoints) */
  public static Auth none() {
    return NONE;
  }

  /** @return whether this scheme sends a key */
  public boolean requiresKey() {
    return headerName != null;
  }

  /** @return the header that carries the key, or null for {@link #none()} */
  String headerName() {
    return headerName;
  }

  /** The header value; never log it. */
  String headerValue(ApiKey key) {
    return prefix + key.reveal();
  }

  @Override
  public String toString() {
    return headerName == null ? "Auth[none]" : "Auth[" + headerName + ": " + prefix + "***]";
  }
}
