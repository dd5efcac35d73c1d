package dev.vcg.provider.runway.internal;

import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.VideoCapabilities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One Runway image-to-video model: the {@code ratio} values it accepts (pixel ratios such as
 * {@code 1280:720}), whether the ratio is required, whether {@code promptImage} may carry a
 * {@code last} frame, its durations, optional fields, and its price in credits per second.
 *
 * @param id the model id, e.g. {@code gen4_turbo}
 * @param description one line for listings
 * @param ratios the accepted {@code ratio} values, preferred first
 * @param ratioRequired whether {@code ratio} must be sent
 * @param lastFrame whether a last frame is accepted
 * @param durations the accepted durations in seconds
 * @param seed whether {@code seed} is accepted
 * @param negativePrompt whether {@code negativePrompt} is accepted
 * @param audio whether {@code audio} is accepted
 * @param contentModeration whether {@code contentModeration} is accepted
 * @param maxPromptLength the longest {@code promptText}
 * @param creditsPerSecond list price in credits per second of video (without audio)
 */
public record VideoModel(String id, String description, List<String> ratios, boolean ratioRequired,
                         boolean lastFrame, List<Integer> durations, boolean seed, boolean negativePrompt,
                         boolean audio, boolean contentModeration, int maxPromptLength,
                         BigDecimal creditsPerSecond) {
  /** How far (relative) a requested ratio may be from a pixel ratio to map onto it. */
  static final double TOLERANCE = 0.03;

  private static final List<AspectRatio> COMMON = List.of(AspectRatio.LANDSCAPE_16_9, AspectRatio.PORTRAIT_9_16,
      AspectRatio.SQUARE, AspectRatio.LANDSCAPE_4_3, AspectRatio.PORTRAIT_3_4, AspectRatio.CINEMA_21_9,
      new AspectRatio(9, 21), new AspectRatio(5, 3), new AspectRatio(3, 5));

  /** Validates and copies. */
  public VideoModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    ratios = List.copyOf(ratios);
    durations = List.copyOf(durations);
    if (ratios.isEmpty() || durations.isEmpty()) {
      throw new IllegalArgumentException("model " + id + " needs ratios and durations");
    }
    ratios.forEach(AspectRatio::of);
    Objects.requireNonNull(creditsPerSecond, "creditsPerSecond");
  }

  /**
   * The capabilities: the pixel ratios, plus the common ratios (16:9, 4:3, 21:9, …) within 3 % of
   * one of them, so a plan's {@code 4:3} reaches {@code 1104:832}.
   *
   * @return the capabilities
   */
  public VideoCapabilities capabilities() {
    Set<AspectRatio> accepted = new LinkedHashSet<>();
    for (String r : ratios) {
      accepted.add(AspectRatio.of(r));
    }
    for (AspectRatio r : COMMON) {
      if (ratioFor(r).isPresent()) {
        accepted.add(r);
      }
    }
    return VideoCapabilities.builder().endFrame(lastFrame).durations(durations.stream().mapToInt(i -> i).toArray())
        .aspectRatios(accepted.toArray(new AspectRatio[0])).maxPromptLength(maxPromptLength).seed(seed).build();
  }

  /**
   * The {@code ratio} value for a wanted aspect ratio: an equal pixel ratio, else the nearest within
   * 3 %.
   *
   * @param wanted the aspect ratio
   * @return the value, if the model has one close enough
   */
  public Optional<String> ratioFor(AspectRatio wanted) {
    for (String r : ratios) {
      if (AspectRatio.of(r).equals(wanted)) {
        return Optional.of(r);
      }
    }
    String best = null;
    double bestScore = Double.MAX_VALUE;
    for (String r : ratios) {
      double score = Math.abs(Math.log(AspectRatio.of(r).value() / wanted.value()));
      if (score < bestScore) {
        bestScore = score;
        best = r;
      }
    }
    return bestScore <= Math.log(1 + TOLERANCE) ? Optional.of(best) : Optional.empty();
  }

  static List<Integer> range(int from, int to) {
    List<Integer> list = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      list.add(i);
    }
    return list;
  }
}
