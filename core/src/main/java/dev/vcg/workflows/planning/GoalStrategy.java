package dev.vcg.workflows.planning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.direction.VideoGoal;
import dev.vcg.routing.InputAnalyzer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The goal analysis: what structure a video with this goal needs, and the call to action it ends
 * on. Rules: the goal category from the stated goal (else the prompt); a beat sequence per
 * category; the call to action from the goal's wording.
 *
 * @param goal the goal category, or null when none is stated or implied
 * @param beats the structure, in order
 * @param callToAction the call to action for conversion goals, else null
 * @param reason why, in words
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GoalStrategy(VideoGoal goal, List<String> beats, String callToAction, String reason) {
  private static final Map<VideoGoal, List<String>> BEATS = Map.of(
      VideoGoal.CONVERSION, List.of("hook", "problem", "solution", "proof", "call to action"),
      VideoGoal.AWARENESS, List.of("hook", "brand world", "values", "brand moment"),
      VideoGoal.ANNOUNCEMENT, List.of("teaser", "reveal", "key features", "availability"),
      VideoGoal.EDUCATION, List.of("question", "step by step", "example", "recap"),
      VideoGoal.ENGAGEMENT, List.of("hook", "build-up", "twist", "payoff"),
      VideoGoal.STORYTELLING, List.of("setup", "conflict", "turning point", "resolution"));
  private static final List<String> DEFAULT = List.of("opening", "development", "climax", "closing");

  GoalStrategy {
    beats = List.copyOf(beats);
  }

  static GoalStrategy of(String goalText, String prompt) {
    String stated = goalText == null ? "" : goalText;
    VideoGoal g = InputAnalyzer.goalCategory(stated).or(() -> InputAnalyzer.goalCategory(prompt)).orElse(null);
    if (g == null) {
      return new GoalStrategy(null, DEFAULT, null, "no goal is stated or implied: a classic arc");
    }
    String cta = g == VideoGoal.CONVERSION ? callToAction(stated + " " + prompt) : null;
    String from = stated.isBlank() ? "the prompt" : "the goal \"" + stated + "\"";
    return new GoalStrategy(g, BEATS.get(g), cta, from + " reads as " + g.wireName() + ": "
        + String.join(" → ", BEATS.get(g)) + (cta == null ? "" : ", ending on \"" + cta + "\""));
  }

  /** A call to action in the goal's own terms. */
  static String callToAction(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("trial")) {
      return "Start your free trial";
    }
    if (t.matches("(?s).*\\b(sign ?-?ups?|register|registrations?)\\b.*")) {
      return "Sign up today";
    }
    if (t.contains("download") || t.matches("(?s).*\\bapps?\\b.*")) {
      return "Download the app";
    }
    if (t.matches("(?s).*\\b(book|demo|appointment)s?\\b.*")) {
      return "Book a demo";
    }
    if (t.contains("subscri")) {
      return "Subscribe now";
    }
    if (t.matches("(?s).*\\b(donat|charit).*")) {
      return "Donate today";
    }
    if (t.matches("(?s).*\\b(invest|investors?|funding|pitch)\\b.*")) {
      return "Let's talk";
    }
    if (t.matches("(?s).*\\b(buy|purchase|sales|sell|shop|order)\\w*\\b.*")) {
      return "Shop now";
    }
    return "Get started today";
  }

  /** @return the structure for the director, e.g. {@code hook → problem → solution} */
  String structure() {
    return String.join(" → ", beats);
  }
}
