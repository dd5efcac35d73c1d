package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The visual style of a video. It steers the director's camera moves, transitions, lighting and
 * pacing. Written in JSON in lower case ({@code cinematic}); read leniently ({@link #tryParse}).
 */
public enum VideoStyle {
  /** Film-like: slow deliberate moves, shallow depth of field, golden light. */
  CINEMATIC,
  /** Clean and calm: few moves, negative space, muted colours. */
  MINIMAL,
  /** Fast and bold: short shots, quick moves, hard cuts and wipes. */
  ENERGETIC,
  /** Observational: natural light, steady framing, candid moments. */
  DOCUMENTARY,
  /** High contrast and tension: strong light, slow pushes, fades to black. */
  DRAMATIC,
  /** Light-hearted: bright colours, bouncy moves, wipes. */
  PLAYFUL,
  /** Polished and professional: clean studio light, smooth dollies. */
  CORPORATE,
  /** Expressive: painterly light, surreal compositions, dissolves. */
  ARTISTIC;

  private static final Map<String, VideoStyle> ALIASES = Map.ofEntries(
      Map.entry("cinema", CINEMATIC), Map.entry("film", CINEMATIC), Map.entry("filmic", CINEMATIC),
      Map.entry("epic", CINEMATIC), Map.entry("movie", CINEMATIC),
      Map.entry("minimalist", MINIMAL), Map.entry("minimalistic", MINIMAL), Map.entry("clean", MINIMAL),
      Map.entry("simple", MINIMAL),
      Map.entry("dynamic", ENERGETIC), Map.entry("fast", ENERGETIC), Map.entry("upbeat", ENERGETIC),
      Map.entry("action", ENERGETIC), Map.entry("hype", ENERGETIC),
      Map.entry("doc", DOCUMENTARY), Map.entry("realistic", DOCUMENTARY), Map.entry("natural", DOCUMENTARY),
      Map.entry("journalistic", DOCUMENTARY),
      Map.entry("moody", DRAMATIC), Map.entry("dark", DRAMATIC), Map.entry("intense", DRAMATIC),
      Map.entry("noir", DRAMATIC),
      Map.entry("fun", PLAYFUL), Map.entry("whimsical", PLAYFUL), Map.entry("cartoon", PLAYFUL),
      Map.entry("quirky", PLAYFUL),
      Map.entry("business", CORPORATE), Map.entry("professional", CORPORATE), Map.entry("commercial", CORPORATE),
      Map.entry("explainer", CORPORATE),
      Map.entry("art", ARTISTIC), Map.entry("surreal", ARTISTIC), Map.entry("experimental", ARTISTIC),
      Map.entry("painterly", ARTISTIC), Map.entry("abstract", ARTISTIC));

  /** @return the JSON spelling, e.g. {@code cinematic} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads common spellings and near-synonyms: {@code "Cinematic"}, {@code "film"},
   * {@code "minimalist"}, {@code "fun"}.
   *
   * @param text the word, may be null
   * @return the style, empty if unrecognised
   */
  public static Optional<VideoStyle> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String n = Vocabulary.normalise(text);
    for (VideoStyle s : values()) {
      if (s.wireName().equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.ofNullable(ALIASES.get(n));
  }

  /**
   * Like {@link #tryParse}, but strict about unknown words.
   *
   * @param text the word
   * @return the style
   * @throws IllegalArgumentException if unrecognised, listing the known styles
   */
  @JsonCreator
  public static VideoStyle parse(String text) {
    Objects.requireNonNull(text, "text");
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("unknown style '" + text + "'; known: "
        + Arrays.stream(values()).map(VideoStyle::wireName).toList()));
  }
}
