package dev.vcg.routing;

import dev.vcg.GatewayInput;
import dev.vcg.direction.VideoStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clarification dialogue: which questions to ask for what is missing, whether answers are
 * acceptable, and how they enrich the request before it is routed again.
 *
 * <p>Thread-safe (stateless).
 */
public final class Clarification {
  /** Duration choices offered. */
  public static final List<String> DURATIONS = List.of("15s", "30s", "60s", "90s", "2+ minutes");
  /** Audience choices offered. */
  public static final List<String> AUDIENCES = List.of("B2B", "B2C", "Internal", "Investors", "General Public");
  /** Style choices offered. */
  public static final List<String> STYLES = List.of("Professional", "Fun & Casual", "Bold & Dynamic", "Minimal & Clean");

  private static final Map<String, VideoStyle> STYLE_CHOICES = Map.of(
      "professional", VideoStyle.CORPORATE, "fun & casual", VideoStyle.PLAYFUL,
      "bold & dynamic", VideoStyle.ENERGETIC, "minimal & clean", VideoStyle.MINIMAL);
  private static final Pattern SECONDS = Pattern.compile("(\\d+)\\s*(s|sec|secs|seconds)?\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern MINUTES = Pattern.compile("(\\d+)\\+?\\s*(m|min|mins|minute|minutes)\\b", Pattern.CASE_INSENSITIVE);

  private Clarification() {
  }

  /**
   * The questions for what a request leaves unsaid, in a stable order.
   *
   * @param analysis the analysis of the request
   * @return the questions (empty if nothing is missing)
   */
  public static List<Question> questionsFor(InputAnalysis analysis) {
    List<Question> q = new ArrayList<>();
    if (analysis.missing().contains(MissingInfo.INDUSTRY)) {
      q.add(Question.text("industry", "What industry or niche is this video for?", true));
    }
    if (analysis.missing().contains(MissingInfo.AUDIENCE)) {
      q.add(Question.select("audience", "Who is your target audience?", true, AUDIENCES));
    }
    if (analysis.missing().contains(MissingInfo.DURATION)) {
      q.add(Question.select("duration", "How long should the video be?", true, DURATIONS));
    }
    if (analysis.missing().contains(MissingInfo.STYLE)) {
      q.add(Question.select("style", "What style do you prefer?", false, STYLES));
    }
    if (analysis.missing().contains(MissingInfo.ASSETS)) {
      q.add(Question.bool("has_assets", "Do you have logos, images, or videos to include?", false,
          Map.of("true", "Please upload them", "false", "We'll generate visuals for you")));
    }
    return q;
  }

  /**
   * Checks answers against the questions.
   *
   * @param questions what was asked
   * @param answers the answers by question id
   * @throws InvalidAnswersException listing every problem: missing required answers, unknown
   *     questions, choices not among the options, yes/no answers that are neither
   */
  public static void validate(List<Question> questions, Map<String, String> answers) {
    Objects.requireNonNull(answers, "answers");
    List<String> problems = new ArrayList<>();
    Map<String, Question> byId = new LinkedHashMap<>();
    questions.forEach(q -> byId.put(q.id(), q));
    for (String id : answers.keySet()) {
      if (!byId.containsKey(id)) {
        problems.add("'" + id + "' was not asked (asked: " + byId.keySet() + ")");
      }
    }
    for (Question q : questions) {
      String a = answers.get(q.id());
      if (a == null || a.isBlank()) {
        if (q.required()) {
          problems.add("'" + q.id() + "' is required");
        }
        continue;
      }
      switch (q.type()) {
        case SELECT -> {
          if (q.options().stream().noneMatch(o -> o.equalsIgnoreCase(a.strip()))) {
            problems.add("'" + q.id() + "' must be one of " + q.options() + ", got '" + abbreviate(a) + "'");
          }
        }
        case BOOLEAN -> {
          if (parseBoolean(a).isEmpty()) {
            problems.add("'" + q.id() + "' must be yes or no, got '" + abbreviate(a) + "'");
          }
        }
        case TEXT -> {
          if (a.length() > 2000) {
            problems.add("'" + q.id() + "' is longer than 2000 characters");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidAnswersException(problems);
    }
  }

  /**
   * The request enriched with valid answers: the duration and style become typed fields, the
   * rest becomes context (industry, audience, has_assets), and the facts are appended to the
   * prompt so planners see them.
   *
   * @param input the original request
   * @param questions what was asked
   * @param answers valid answers
   * @return the enriched request
   * @throws InvalidAnswersException if the answers are not valid
   */
  public static GatewayInput enrich(GatewayInput input, List<Question> questions, Map<String, String> answers) {
    validate(questions, answers);
    GatewayInput.Builder b = input.toBuilder();
    List<String> facts = new ArrayList<>();
    for (Question q : questions) {
      String a = answers.get(q.id());
      if (a == null || a.isBlank()) {
        continue;
      }
      String v = q.type() == Question.Type.SELECT
          ? q.options().stream().filter(o -> o.equalsIgnoreCase(a.strip())).findFirst().orElse(a.strip()) : a.strip();
      switch (q.id()) {
        case "duration" -> durationSeconds(v).ifPresent(b::durationSeconds);
        case "style" -> {
          VideoStyle s = STYLE_CHOICES.get(v.toLowerCase(Locale.ROOT));
          b.style(s != null ? s : VideoStyle.tryParse(v).orElse(null));
        }
        case "has_assets" -> b.context("has_assets", String.valueOf(parseBoolean(v).orElse(false)));
        default -> b.context(q.id(), v);
      }
      if (!q.id().equals("has_assets")) {
        facts.add(q.id().replace('_', ' ') + ": " + v);
      }
    }
    if (!facts.isEmpty()) {
      String prompt = input.prompt().isEmpty() ? "" : input.prompt() + " ";
      b.prompt((prompt + "(" + String.join("; ", facts) + ")").strip());
    }
    return b.build();
  }

  /**
   * Reads "30s", "60 seconds", "2+ minutes", "1 min".
   *
   * @param text a duration
   * @return seconds, if recognised
   */
  public static Optional<Integer> durationSeconds(String text) {
    Matcher m = MINUTES.matcher(text);
    if (m.find()) {
      return Optional.of(Math.min(3600, Integer.parseInt(m.group(1)) * 60));
    }
    m = SECONDS.matcher(text);
    if (m.find()) {
      int s = Integer.parseInt(m.group(1));
      return s >= 1 && s <= 3600 ? Optional.of(s) : Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<Boolean> parseBoolean(String a) {
    return switch (a.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> Optional.of(true);
      case "false", "no", "n", "0" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
