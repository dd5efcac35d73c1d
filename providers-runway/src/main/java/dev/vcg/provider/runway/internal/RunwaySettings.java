package dev.vcg.provider.runway.internal;

import dev.vcg.provider.ProviderOptions;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_API_VERSION;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_IMAGE_POLL_INTERVAL;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_IMAGE_TIMEOUT;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_PUBLIC_FIGURE_THRESHOLD;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_UPLOADS;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_VIDEO_AUDIO;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_VIDEO_CAMERA_IN_PROMPT;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_VIDEO_DEFAULT_RATIO;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_VIDEO_POLL_INTERVAL;

import dev.vcg.provider.runway.RunwayProviderFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The options of the Runway providers, read once when a provider is built.
 *
 * @param apiVersion {@code X-Runway-Version}
 * @param videoPollInterval poll hint of waiting video tasks, at least 5 s
 * @param video settings of video bodies
 * @param imagePollInterval wait between polls of an image task
 * @param imageTimeout longest wait for an image
 */
public record RunwaySettings(String apiVersion, Duration videoPollInterval, RunwayInputs.VideoSettings video,
                             Duration imagePollInterval, Duration imageTimeout) {
  /**
   * @param values the config's options
   * @return the settings
   * @throws IllegalStateException naming the option, if one is invalid
   */
  public static RunwaySettings of(Map<String, String> values) {
    ProviderOptions o = new ProviderOptions(values);
    String version = o.text(OPTION_API_VERSION).orElse(RunwayProviderFactory.DEFAULT_API_VERSION);
    if (!version.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
      throw new IllegalStateException("option " + OPTION_API_VERSION + " must be a date like 2024-11-06: " + version);
    }
    Duration poll = o.duration(OPTION_VIDEO_POLL_INTERVAL, Duration.ofSeconds(6), Duration.ofSeconds(5),
        Duration.ofMinutes(5));
    String ratio = o.text(OPTION_VIDEO_DEFAULT_RATIO).orElse(null);
    if (ratio != null && !ratio.matches("[1-9][0-9]{0,4}:[1-9][0-9]{0,4}")) {
      throw new IllegalStateException("option " + OPTION_VIDEO_DEFAULT_RATIO + " must be a ratio like 1280:720: "
          + ratio);
    }
    String threshold = o.text(OPTION_PUBLIC_FIGURE_THRESHOLD).map(v -> v.toLowerCase(Locale.ROOT)).orElse(null);
    if (threshold != null && !threshold.equals("auto") && !threshold.equals("low")) {
      throw new IllegalStateException("option " + OPTION_PUBLIC_FIGURE_THRESHOLD + " must be auto or low: "
          + threshold);
    }
    RunwayInputs.VideoSettings video = new RunwayInputs.VideoSettings(o.bool(OPTION_VIDEO_AUDIO, false),
        o.bool(OPTION_VIDEO_CAMERA_IN_PROMPT, true), ratio, threshold, o.bool(OPTION_UPLOADS, true));
    Duration imagePoll = o.duration(OPTION_IMAGE_POLL_INTERVAL, Duration.ofSeconds(5), Duration.ofMillis(100),
        Duration.ofMinutes(1));
    Duration imageTimeout = o.duration(OPTION_IMAGE_TIMEOUT, Duration.ofMinutes(5), Duration.ofSeconds(1),
        Duration.ofHours(2));
    return new RunwaySettings(version, poll, video, imagePoll, imageTimeout);
  }
}
