package dev.vcg.direction.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Matches constraint terms ("must include", "avoid") in plan text: case-insensitive, whole words
 * or phrases, tolerant of a plural ending. Not API.
 */
public final class Terms {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Terms() {
  }

  private static Pattern pattern(String term) {
    return CACHE.computeIfAbsent(term.strip().toLowerCase(Locale.ROOT), t -> Pattern.compile(
        "(?<![\\p{L}\\p{N}])" + Pattern.quote(t) + "(?:e?s)?(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  /**
   * @param text text to search, may be null
   * @param term a word or phrase
   * @return whether the text mentions the term
   */
  public static boolean mentions(String text, String term) {
    return text != null && !term.isBlank() && pattern(term).matcher(text).find();
  }

  /**
   * Removes every mention of a term and tidies the punctuation left behind.
   *
   * @param text the text
   * @param term a word or phrase
   * @return the text without the term (possibly blank)
   */
  public static String remove(String text, String term) {
    if (text == null || !mentions(text, term)) {
      return text;
    }
    String s = pattern(term).matcher(text).replaceAll("");
    s = s.replaceAll("\\b(?:no|without|with|of|and|a|an|the)\\s*(?=[,.;]|$)", "");
    s = s.replaceAll("\\s+([,.;:])", "$1").replaceAll("([,;:])(\\s*[,;:])+", "$1")
        .replaceAll("\\s{2,}", " ").replaceAll("^[\\s,.;:]+|[\\s,;:]+$", "");
    return s.strip();
  }
}
