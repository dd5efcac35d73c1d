package dev.vcg.provider.runway.internal;

import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.http.Auth;
import dev.vcg.provider.http.ProviderHttpClient;
import dev.vcg.provider.http.Sleeper;
import dev.vcg.provider.runway.RunwayProviderFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;

/** Builds the HTTP client of the Runway providers. */
public final class RunwayHttp {
  private RunwayHttp() {
  }

  /**
   * @param config the user's config of {@code runway}
   * @param apiVersion the {@code X-Runway-Version} to send
   * @param clock time source
   * @param sleeper waits between retries
   * @param httpClient a JDK client to use, or null for the shared one
   * @return the client: {@code Authorization: Bearer <key>}, {@code X-Runway-Version}, Runway's error shapes
   */
  public static ProviderHttpClient client(ProviderConfig config, String apiVersion, Clock clock, Sleeper sleeper,
                                          HttpClient httpClient) {
    ProviderHttpClient.Builder b = ProviderHttpClient.builder(RunwayProviderFactory.ID)
        .config(config)
        .defaultBaseUrl(URI.create(RunwayProviderFactory.DEFAULT_BASE_URL))
        .apiKeyVariable(RunwayProviderFactory.KEY_VARIABLE)
        .auth(Auth.bearer())
        .header("X-Runway-Version", apiVersion)
        .errorHandler(RunwayErrors.INSTANCE)
        .clock(clock)
        .sleeper(sleeper);
    if (httpClient != null) {
      b.httpClient(httpClient);
    }
    return b.build();
  }
}
