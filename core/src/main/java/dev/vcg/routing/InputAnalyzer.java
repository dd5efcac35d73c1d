package dev.vcg.routing;

import dev.vcg.GatewayInput;
import dev.vcg.direction.VideoGoal;
import dev.vcg.direction.VideoStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a request: which inputs it carries, how complex it is, which thinking pattern fits,
 * what it leaves unsaid, and whether it is too vague to plan without asking. Deterministic
 * and offline; every rule that fires is listed in {@link InputAnalysis#reasons()}.
 *
 * <p>The rules:
 * <ul>
 *   <li>Complexity points: one per input kind besides the prompt (URL, assets, reference, goal);
 *       one for a prompt of 25+ words and another for 60+; one for strategic vocabulary
 *       (launch, campaign, conversion, pitch, investors, funnel, …); one for a video of 90 s or
 *       more. 0–1 → LOW, 2–3 → MEDIUM, 4+ → HIGH.</li>
 *   <li>Pattern, first match: a reference → TEMPLATE; a URL with assets, or four or more input
 *       kinds → MULTIMODAL; assets → ASSET_CENTRIC; a URL → EXTRACTIVE; a goal or strategic
 *       vocabulary → STRATEGIC; else CONCEPTUAL.</li>
 *   <li>Missing: INDUSTRY without a URL or an industry word; AUDIENCE without an audience word;
 *       DURATION without a duration (given or written as "30s", "2 minutes"); STYLE without a
 *       style (given or a style word); ASSETS without files or a URL.</li>
 *   <li>Vague: no URL, files or reference; at least three facts missing; and either fewer than
 *       12 words or a help-me phrasing ("help me", "not sure", "some video", …).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class InputAnalyzer {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
  private static final Pattern DURATION = Pattern.compile(
      "\\b\\d+(\\.\\d+)?\\s*(s|sec|secs|second|seconds|min|mins|minute|minutes)\\b|\\b(one|two|three|half)[- ]minute\\b",
      Pattern.CASE_INSENSITIVE);
  private static final List<String> STRATEGIC = List.of("launch", "campaign", "conversion", "convert", "signup",
      "sign-up", "sign up", "signups", "pitch", "investor", "funnel", "roi", "sales", "leads", "strategy", "strategic",
      "market share", "go-to-market", "brand awareness", "downloads", "retention", "onboarding", "acquisition");
  private static final List<String> INDUSTRY = List.of("saas", "software", "fintech", "finance", "bank", "health",
      "medical", "clinic", "restaurant", "food", "coffee", "bakery", "fashion", "retail", "e-commerce", "ecommerce",
      "real estate", "travel", "hotel", "education", "school", "university", "fitness", "gym", "automotive", "car",
      "gaming", "game", "music", "nonprofit", "charity", "construction", "energy", "solar", "insurance", "legal",
      "law firm", "beauty", "cosmetics", "skincare", "pet", "agency", "brewery", "wine", "jewelry",
      "furniture", "architecture", "biotech", "crypto", "logistics", "manufacturing", "agriculture", "climate");
  private static final List<String> AUDIENCE = List.of("audience", "customers", "clients", "users", "investors",
      "b2b", "b2c", "kids", "children", "teens", "students", "parents", "developers", "engineers", "employees",
      "team", "professionals", "executives", "millennials", "gen z", "seniors", "families", "shoppers", "viewers",
      "subscribers", "followers", "fans", "buyers", "partners", "donors", "patients", "travelers", "travellers",
      "gamers", "for everyone", "general public");
  private static final List<String> HELP = List.of("help me", "not sure", "some video", "something", "any idea",
      "ideas for", "i need a video", "i want a video", "can you make", "could you make", "make me a video",
      "what should", "don't know", "dont know");

  /** Creates an analyzer. */
  public InputAnalyzer() {
  }

  /**
   * Analyses a request.
   *
   * @param input the request
   * @return what was found
   */
  public InputAnalysis analyze(GatewayInput input) {
    Objects.requireNonNull(input, "input");
    String text = input.prompt().toLowerCase(Locale.ROOT);
    String goalText = input.goal().orElse("").toLowerCase(Locale.ROOT);
    String all = text + " " + goalText + " " + String.join(" ", input.context().values()).toLowerCase(Locale.ROOT);
    List<String> reasons = new ArrayList<>();

    Set<InputType> types = EnumSet.noneOf(InputType.class);
    if (!input.prompt().isBlank()) {
      types.add(InputType.TEXT);
    }
    if (input.url().isPresent()) {
      types.add(InputType.URL);
    }
    if (!input.assets().isEmpty()) {
      types.add(InputType.ASSETS);
    }
    if (input.hasReference()) {
      types.add(InputType.REFERENCE_VIDEO);
    }
    if (input.goal().isPresent()) {
      types.add(InputType.GOAL);
    }
    reasons.add("inputs: " + types);

    int words = countWords(input.prompt());
    boolean strategic = containsAny(all, STRATEGIC);
    int points = (int) types.stream().filter(t -> t != InputType.TEXT).count();
    if (points > 0) {
      reasons.add("+" + points + " complexity for input kinds besides the prompt");
    }
    if (words >= 25) {
      points++;
      reasons.add("+1 complexity: prompt of " + words + " words");
    }
    if (words >= 60) {
      points++;
      reasons.add("+1 complexity: prompt of 60+ words");
    }
    if (strategic) {
      points++;
      reasons.add("+1 complexity: strategic vocabulary");
    }
    if (input.durationSeconds().map(d -> d >= 90).orElse(false)) {
      points++;
      reasons.add("+1 complexity: video of 90 s or more");
    }
    Complexity complexity = Complexity.ofPoints(points);

    ThinkingPattern pattern;
    if (types.contains(InputType.REFERENCE_VIDEO)) {
      pattern = ThinkingPattern.TEMPLATE;
    } else if ((types.contains(InputType.URL) && types.contains(InputType.ASSETS)) || types.size() >= 4) {
      pattern = ThinkingPattern.MULTIMODAL;
    } else if (types.contains(InputType.ASSETS)) {
      pattern = ThinkingPattern.ASSET_CENTRIC;
    } else if (types.contains(InputType.URL)) {
      pattern = ThinkingPattern.EXTRACTIVE;
    } else if (types.contains(InputType.GOAL) || strategic) {
      pattern = ThinkingPattern.STRATEGIC;
    } else {
      pattern = ThinkingPattern.CONCEPTUAL;
    }
    reasons.add("pattern " + pattern);

    Set<MissingInfo> missing = EnumSet.noneOf(MissingInfo.class);
    if (input.url().isEmpty() && !input.context().containsKey("industry") && !containsAny(all, INDUSTRY)) {
      missing.add(MissingInfo.INDUSTRY);
    }
    if (!input.context().containsKey("audience") && !containsAny(all, AUDIENCE)) {
      missing.add(MissingInfo.AUDIENCE);
    }
    if (input.durationSeconds().isEmpty() && !DURATION.matcher(all).find()) {
      missing.add(MissingInfo.DURATION);
    }
    if (input.style().isEmpty() && !input.context().containsKey("style") && !mentionsStyle(all)) {
      missing.add(MissingInfo.STYLE);
    }
    if (input.assets().isEmpty() && input.url().isEmpty() && !input.context().containsKey("has_assets")) {
      missing.add(MissingInfo.ASSETS);
    }
    if (!missing.isEmpty()) {
      reasons.add("missing " + missing);
    }

    boolean grounded = types.contains(InputType.URL) || types.contains(InputType.ASSETS)
        || types.contains(InputType.REFERENCE_VIDEO);
    boolean helpPhrasing = containsAny(text, HELP);
    boolean vague = !grounded && missing.size() >= 3 && (words < 12 || helpPhrasing);
    if (vague) {
      reasons.add("vague: " + (words < 12 ? words + " words" : "help-me phrasing") + " and " + missing.size()
          + " facts missing");
    }
    VideoGoal goal = goalCategory(all).orElse(null);
    return new InputAnalysis(types, complexity, points, pattern, missing, vague, goal, reasons);
  }

  /**
   * The goal category a text implies ("increase signups" → conversion).
   *
   * @param text a goal or prompt
   * @return the category, if any word points to one
   */
  public static Optional<VideoGoal> goalCategory(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    Optional<VideoGoal> direct = VideoGoal.tryParse(t);
    if (direct.isPresent()) {
      return direct;
    }
    if (containsAny(t, List.of("signup", "sign up", "sign-up", "download", "purchase", "buy", "sales", "sell",
        "conversion", "convert", "leads", "subscribe", "register", "book a", "trial", "pitch", "investor", "funding"), true)) {
      return Optional.of(VideoGoal.CONVERSION);
    }
    if (containsAny(t, List.of("awareness", "brand recognition", "visibility", "reach"), true)) {
      return Optional.of(VideoGoal.AWARENESS);
    }
    if (containsAny(t, List.of("launch", "announce", "release", "unveil", "reveal", "teaser"), true)) {
      return Optional.of(VideoGoal.ANNOUNCEMENT);
    }
    if (containsAny(t, List.of("explain", "teach", "tutorial", "how to", "onboarding", "educat", "train"), true)) {
      return Optional.of(VideoGoal.EDUCATION);
    }
    if (containsAny(t, List.of("engage", "share", "viral", "social", "community", "followers"), true)) {
      return Optional.of(VideoGoal.ENGAGEMENT);
    }
    if (containsAny(t, List.of("story", "journey", "history", "legacy"), true)) {
      return Optional.of(VideoGoal.STORYTELLING);
    }
    return Optional.empty();
  }

  private static boolean mentionsStyle(String text) {
    for (String w : WORD.matcher(text).results().map(m -> m.group()).toList()) {
      if (VideoStyle.tryParse(w).isPresent()) {
        return true;
      }
    }
    return containsAny(text, List.of("professional", "fun", "casual", "bold", "clean", "elegant", "retro",
        "vintage", "futuristic", "moody", "whimsical", "luxur", "gritty", "anime", "cartoon", "photoreal"), true);
  }

  private static int countWords(String text) {
    return (int) WORD.matcher(text).results().count();
  }

  /**
   * Whether any needle occurs as a word (plural "s" allowed) in the haystack.
   */
  static boolean containsAny(String haystack, List<String> needles) {
    return containsAny(haystack, needles, false);
  }

  /**
   * Whether any needle occurs at the start of a word; with {@code prefix} false it must also end
   * there (a plural "s" allowed), so "car" does not match "carousel".
   */
  static boolean containsAny(String haystack, List<String> needles, boolean prefix) {
    for (String n : needles) {
      int i = haystack.indexOf(n);
      while (i >= 0) {
        boolean startOk = i == 0 || !Character.isLetterOrDigit(haystack.charAt(i - 1));
        int end = i + n.length();
        boolean endOk = prefix || end >= haystack.length() || !Character.isLetterOrDigit(haystack.charAt(end))
            || (haystack.charAt(end) == 's'
                && (end + 1 >= haystack.length() || !Character.isLetterOrDigit(haystack.charAt(end + 1))));
        if (startOk && endOk) {
          return true;
        }
        i = haystack.indexOf(n, i + 1);
      }
    }
    return false;
  }
}
