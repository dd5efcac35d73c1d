package dev.vcg.services.text;

import dev.vcg.direction.VideoGoal;
import dev.vcg.routing.InputAnalyzer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline text analysis: word lists, counted. Deterministic; thread-safe (stateless).
 */
final class TextRules {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
  private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "but", "of", "for", "to", "in", "on",
      "at", "by", "with", "from", "about", "into", "over", "under", "as", "is", "are", "was", "were", "be", "been",
      "it", "its", "this", "that", "these", "those", "our", "we", "us", "my", "me", "i", "you", "your", "their",
      "they", "them", "he", "she", "his", "her", "what", "which", "who", "how", "why", "when", "where", "can", "could",
      "should", "would", "will", "shall", "may", "might", "must", "do", "does", "did", "have", "has", "had", "not",
      "no", "yes", "so", "than", "then", "too", "very", "just", "also", "some", "any", "all", "more", "most", "such",
      "one", "two", "three", "s", "seconds", "second", "sec", "secs", "min", "minute", "minutes", "long", "short",
      "video", "videos", "clip", "create", "make", "made", "help", "want", "need", "please", "show", "showing", "like",
      "get", "let", "lets", "something", "thing", "things", "new", "using", "use", "really", "it's", "i'm", "we're",
      "let's", "don't", "dont");
  private static final Map<String, List<String>> TONES = linked(
      "playful", List.of("fun", "playful", "funny", "whimsical", "cheerful", "quirky", "silly", "cute", "kids", "joy"),
      "energetic", List.of("energetic", "exciting", "bold", "dynamic", "fast", "hype", "epic", "powerful", "action",
          "sport", "sports", "adrenaline"),
      "elegant", List.of("luxury", "luxurious", "elegant", "premium", "sophisticated", "refined", "exclusive",
          "jewelry", "fashion"),
      "calm", List.of("calm", "relaxing", "peaceful", "serene", "gentle", "soothing", "mindful", "meditation", "slow"),
      "urgent", List.of("urgent", "hurry", "limited", "deadline", "now", "today", "last"),
      "serious", List.of("serious", "crisis", "danger", "warning", "emergency", "climate", "risk", "threat"),
      "inspiring", List.of("inspire", "inspiring", "inspirational", "hope", "dream", "dreams", "future", "empower",
          "change", "vision", "journey"),
      "professional", List.of("professional", "corporate", "business", "b2b", "enterprise", "investors", "investor",
          "pitch", "saas", "startup", "company", "clients"));
  private static final Map<String, List<String>> AUDIENCES = linked(
      "investors", List.of("investor", "investors", "vc", "vcs", "funding", "pitch"),
      "developers", List.of("developer", "developers", "engineers", "engineer", "programmers", "devs"),
      "children and parents", List.of("kids", "children", "child", "parents", "families", "family"),
      "students", List.of("students", "student", "learners", "pupils"),
      "businesses", List.of("b2b", "businesses", "business", "companies", "enterprise", "enterprises", "teams",
          "professionals", "executives"),
      "employees", List.of("employees", "staff", "internal", "colleagues", "team members"),
      "customers", List.of("customers", "customer", "shoppers", "buyers", "clients", "users", "b2c", "consumers"),
      "young adults", List.of("gen z", "millennials", "teens", "teenagers", "young"),
      "travellers", List.of("travelers", "travellers", "tourists", "travel"),
      "patients", List.of("patients", "patient"));
  private static final Map<VideoGoal, String> INTENTS = Map.of(
      VideoGoal.CONVERSION, "persuade viewers to act",
      VideoGoal.AWARENESS, "make the brand known",
      VideoGoal.ANNOUNCEMENT, "announce something new",
      VideoGoal.EDUCATION, "explain and teach",
      VideoGoal.ENGAGEMENT, "entertain and engage viewers",
      VideoGoal.STORYTELLING, "tell a story");

  private TextRules() {
  }

  @SafeVarargs
  private static Map<String, List<String>> linked(Object... pairs) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> words = (List<String>) pairs[i + 1];
      m.put((String) pairs[i], words);
    }
    return m;
  }

  static TextAnalysis.Builder analyze(String text) {
    String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
    List<String> words = words(t);
    List<String> keywords = keywords(words);
    VideoGoal goal = InputAnalyzer.goalCategory(t).orElse(null);
    String intent = goal != null ? INTENTS.get(goal)
        : keywords.isEmpty() ? "inform viewers" : "show " + String.join(" and ", keywords.subList(0, Math.min(2, keywords.size())));
    return TextAnalysis.builder()
        .intent(intent)
        .tone(best(words, t, TONES, "friendly"))
        .keywords(keywords)
        .audience(best(words, t, AUDIENCES, "general audience"))
        .goal(goal)
        .source(TextAnalysis.Source.RULES);
  }

  static List<String> words(String lower) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(lower);
    while (m.find()) {
      String w = m.group();
      while (w.endsWith("'") || w.endsWith("-")) {
        w = w.substring(0, w.length() - 1);
      }
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** Content words by frequency, ties by first appearance. */
  static List<String> keywords(List<String> words) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.length() < 3 || STOP.contains(w) || w.chars().allMatch(Character::isDigit)) {
        continue;
      }
      int[] c = counts.computeIfAbsent(w, k -> new int[] {0, 0});
      if (c[0] == 0) {
        c[1] = counts.size();
      }
      c[0]++;
    }
    return counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
            .thenComparingInt(e -> e.getValue()[1]))
        .limit(8).map(Map.Entry::getKey).toList();
  }

  /** The label whose words occur most often (phrases count too); the first label wins ties. */
  private static String best(List<String> words, String lower, Map<String, List<String>> labels, String fallback) {
    Map<String, Integer> counts = new HashMap<>();
    for (String w : words) {
      counts.merge(w, 1, Integer::sum);
    }
    String best = fallback;
    int bestScore = 0;
    for (Map.Entry<String, List<String>> e : labels.entrySet()) {
      int score = 0;
      for (String cue : e.getValue()) {
        score += cue.contains(" ") ? (lower.contains(cue) ? 1 : 0) : counts.getOrDefault(cue, 0);
      }
      if (score > bestScore) {
        best = e.getKey();
        bestScore = score;
      }
    }
    return best;
  }
}
