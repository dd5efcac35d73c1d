package dev.vcg.provider.fal.internal;

import dev.vcg.provider.ProviderOptions;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.fal.FalProviderFactory;
import dev.vcg.provider.http.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * What the fal image and video providers derive alike from their config: the options, the queue
 * client, the inline image limit, and the key (only to scrub it from text fal echoes).
 */
public final class FalSetup {
  private final ProviderOptions options;
  private final String secret;
  private final FalQueue queue;
  private final long inlineMaxBytes;

  /**
   * @param config the user's config of {@code fal}
   * @param clock time source
   * @param sleeper waits between retries
   * @param httpClient a JDK client to use, or null for the shared one
   * @throws IllegalStateException if an option is invalid
   * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
   */
  public FalSetup(ProviderConfig config, Clock clock, Sleeper sleeper, HttpClient httpClient) {
    this.secret = config.apiKey().map(k -> k.reveal()).orElse(null);
    this.options = new ProviderOptions(config.options());
    this.inlineMaxBytes = options.number(FalProviderFactory.OPTION_INLINE_IMAGE_MAX_BYTES, 10L << 20, 1024,
        100L << 20);
    this.queue = new FalQueue(FalHttp.client(config, clock, sleeper, httpClient));
  }

  /** @return the parsed options */
  public ProviderOptions options() {
    return options;
  }

  /** @return the key's text, or null; never print it */
  public String secret() {
    return secret;
  }

  /** @return the queue client */
  public FalQueue queue() {
    return queue;
  }

  /** @return the largest local image sent inline as a data URI, in bytes */
  public long inlineMaxBytes() {
    return inlineMaxBytes;
  }

  @Override
  public String toString() {
    return "FalSetup[" + queue + "]";
  }
}
