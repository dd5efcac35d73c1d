package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a video is for. The director shapes the arc to it: a conversion video ends on the call
 * to action, an education video explains step by step. Written in JSON in lower case; read
 * leniently ({@link #tryParse}).
 */
public enum VideoGoal {
  /** Make people know and remember a brand or idea. */
  AWARENESS,
  /** Make people act: buy, sign up, click. Ends on the call to action. */
  CONVERSION,
  /** Make people watch, share and comment. Hooks early. */
  ENGAGEMENT,
  /** Explain or teach something, step by step. */
  EDUCATION,
  /** Announce a launch, an event or news. */
  ANNOUNCEMENT,
  /** Tell a story that carries the brand's values. */
  STORYTELLING;

  private static final Map<String, VideoGoal> ALIASES = Map.ofEntries(
      Map.entry("brand_awareness", AWARENESS), Map.entry("branding", AWARENESS), Map.entry("brand", AWARENESS),
      Map.entry("sales", CONVERSION), Map.entry("sell", CONVERSION), Map.entry("sign_up", CONVERSION),
      Map.entry("signups", CONVERSION), Map.entry("leads", CONVERSION), Map.entry("ad", CONVERSION),
      Map.entry("advert", CONVERSION), Map.entry("advertising", CONVERSION), Map.entry("promotion", CONVERSION),
      Map.entry("social", ENGAGEMENT), Map.entry("viral", ENGAGEMENT), Map.entry("social_media", ENGAGEMENT),
      Map.entry("educational", EDUCATION), Map.entry("explainer", EDUCATION), Map.entry("tutorial", EDUCATION),
      Map.entry("training", EDUCATION), Map.entry("how_to", EDUCATION),
      Map.entry("launch", ANNOUNCEMENT), Map.entry("product_launch", ANNOUNCEMENT), Map.entry("news", ANNOUNCEMENT),
      Map.entry("event", ANNOUNCEMENT), Map.entry("teaser", ANNOUNCEMENT),
      Map.entry("story", STORYTELLING), Map.entry("narrative", STORYTELLING), Map.entry("brand_story", STORYTELLING));

  /** @return the JSON spelling, e.g. {@code conversion} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads common spellings and near-synonyms: {@code "Sales"}, {@code "product launch"},
   * {@code "explainer"}.
   *
   * @param text the word, may be null
   * @return the goal, empty if unrecognised
   */
  public static Optional<VideoGoal> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String n = Vocabulary.normalise(text);
    for (VideoGoal g : values()) {
      if (g.wireName().equals(n)) {
        return Optional.of(g);
      }
    }
    return Optional.ofNullable(ALIASES.get(n));
  }

  /**
   * Like {@link #tryParse}, but strict about unknown words.
   *
   * @param text the word
   * @return the goal
   * @throws IllegalArgumentException if unrecognised, listing the known goals
   */
  @JsonCreator
  public static VideoGoal parse(String text) {
    Objects.requireNonNull(text, "text");
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("unknown goal '" + text + "'; known: "
        + Arrays.stream(values()).map(VideoGoal::wireName).toList()));
  }
}
