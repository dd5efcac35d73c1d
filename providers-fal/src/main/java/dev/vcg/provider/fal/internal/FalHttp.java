package dev.vcg.provider.fal.internal;

import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.fal.FalProviderFactory;
import dev.vcg.provider.http.Auth;
import dev.vcg.provider.http.ProviderHttpClient;
import dev.vcg.provider.http.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;

/** Builds the HTTP client of the fal providers. */
public final class FalHttp {
  private FalHttp() {
  }

  /**
   * @param config the user's config of {@code fal}
   * @param clock time source
   * @param sleeper waits between retries
   * @param httpClient a JDK client to use, or null for the shared one
   * @return the client: {@code Authorization: Key <FAL_KEY>}, request ids from {@code x-fal-request-id},
   *     fal's error shapes
   */
  public static ProviderHttpClient client(ProviderConfig config, Clock clock, Sleeper sleeper, HttpClient httpClient) {
    ProviderHttpClient.Builder b = ProviderHttpClient.builder(FalProviderFactory.ID)
        .config(config)
        .defaultBaseUrl(URI.create(FalProviderFactory.DEFAULT_BASE_URL))
        .apiKeyVariable(FalProviderFactory.KEY_VARIABLE)
        .auth(Auth.header("Authorization", "Key "))
        .requestIdHeader("x-fal-request-id")
        .errorHandler(FalErrors.INSTANCE)
        .clock(clock)
        .sleeper(sleeper);
    if (httpClient != null) {
      b.httpClient(httpClient);
    }
    return b.build();
  }
}
