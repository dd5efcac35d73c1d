package dev.vcg.media;

import java.time.Duration;
import java.util.Objects;

/**
 * The audio track of a video, as probed.
 *
 * @param codec the sample entry type, e.g. {@code mp4a}
 * @param profile a readable name, e.g. {@code AAC-LC}, or the codec when unknown
 * @param sampleRate samples per second
 * @param channels channel count
 * @param primingSamples encoder delay skipped by the edit list (1024 for typical AAC), 0 if none
 * @param duration the audio's presented length
 */
public record AudioInfo(String codec, String profile, int sampleRate, int channels, int primingSamples,
                        Duration duration) {
  /** Validates. */
  public AudioInfo {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(duration, "duration");
    if (sampleRate <= 0 || channels <= 0 || primingSamples < 0) {
      throw new IllegalArgumentException("invalid audio: " + sampleRate + " Hz, " + channels + " ch, priming "
          + primingSamples);
    }
  }
}
