package dev.vcg.examples.cli;

import dev.vcg.GatewayInput;
import dev.vcg.GenerationMode;
import dev.vcg.Quality;
import dev.vcg.cost.Money;
import dev.vcg.direction.VideoStyle;
import dev.vcg.provider.AspectRatio;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The video options {@code create} and {@code plan} share, read and checked from the command line. */
final class VideoArgs {
  static final List<String> ASPECTS = List.of("16:9", "9:16", "1:1");
  static final int DEFAULT_SECONDS = 15;

  private VideoArgs() {
  }

  static String styles() {
    return Arrays.stream(VideoStyle.values()).map(VideoStyle::wireName).collect(Collectors.joining("|"));
  }

  /** @return the one prompt */
  static String prompt(Args args) {
    if (args.positional().isEmpty()) {
      throw new UsageException("give the prompt, in quotes");
    }
    if (args.positional().size() > 1) {
      throw new UsageException("give one prompt, in quotes (got " + args.positional().size() + " words)");
    }
    String p = args.positional().get(0).strip();
    if (p.isEmpty()) {
      throw new UsageException("the prompt is empty; say what the video shows");
    }
    if (p.length() > GatewayInput.MAX_PROMPT) {
      throw new UsageException("the prompt is " + p.length() + " characters; at most " + GatewayInput.MAX_PROMPT);
    }
    return p;
  }

  static int seconds(Args args) {
    return (int) Math.round(args.number("--seconds", 1, 3600).orElse((double) DEFAULT_SECONDS));
  }

  static Optional<VideoStyle> style(Args args) {
    return args.value("--style").map(s -> VideoStyle.tryParse(s).orElseThrow(
        () -> new UsageException("unknown style '" + s + "'; use one of " + styles().replace('|', ' '))));
  }

  static AspectRatio aspect(Args args) {
    String a = args.value("--aspect").orElse("16:9").strip();
    if (!ASPECTS.contains(a)) {
      throw new UsageException("--aspect must be one of " + String.join(", ", ASPECTS) + ", got '" + a + "'");
    }
    return AspectRatio.of(a);
  }

  static GenerationMode mode(Args args) {
    return args.value("--mode").map(m -> {
      try {
        return GenerationMode.parse(m);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--mode must be directed or flow, got '" + m + "'");
      }
    }).orElse(GenerationMode.DIRECTED);
  }

  static Quality quality(Args args) {
    return args.value("--quality").map(q -> {
      try {
        return Quality.parse(q);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--quality must be draft, standard or premium, got '" + q + "'");
      }
    }).orElse(Quality.STANDARD);
  }

  static Optional<Money> maxCost(Args args) {
    return args.value("--max-cost").map(m -> {
      try {
        return Money.usd(m.strip().startsWith("$") ? m.strip().substring(1) : m);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--max-cost must be an amount in US dollars, e.g. 2.50, got '" + m + "'");
      }
    });
  }
}
