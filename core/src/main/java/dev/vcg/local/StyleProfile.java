package dev.vcg.local;

import dev.vcg.direction.CameraMove;
import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoStyle;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a style means for the offline planner: shot length, camera moves per act, transitions,
 * lighting, moods and the style words added to image prompts.
 */
final class StyleProfile {
  /** The four movements of the arc. */
  enum Act {
    OPENING, DEVELOPMENT, CLIMAX, RESOLUTION
  }

  final VideoStyle style;
  final double shotSeconds;
  final Map<Act, List<CameraMove>> moves;
  final List<TransitionType> withinScene;
  final List<TransitionType> betweenScenes;
  final TransitionType ending;
  final TransitionType opening;
  final Map<Act, List<String>> lighting;
  final Map<Act, List<String>> moods;
  final String keywords;
  final List<String> palettes;

  private StyleProfile(VideoStyle style, double shotSeconds, Map<Act, List<CameraMove>> moves,
                       List<TransitionType> withinScene, List<TransitionType> betweenScenes, TransitionType opening,
                       TransitionType ending, Map<Act, List<String>> lighting, Map<Act, List<String>> moods,
                       String keywords, List<String> palettes) {
    this.style = style;
    this.shotSeconds = shotSeconds;
    this.moves = moves;
    this.withinScene = withinScene;
    this.betweenScenes = betweenScenes;
    this.opening = opening;
    this.ending = ending;
    this.lighting = lighting;
    this.moods = moods;
    this.keywords = keywords;
    this.palettes = palettes;
  }

  private static final Map<VideoStyle, StyleProfile> PROFILES = new EnumMap<>(VideoStyle.class);

  static StyleProfile of(VideoStyle style) {
    return PROFILES.get(style);
  }

  private static Map<Act, List<CameraMove>> moves(List<CameraMove> opening, List<CameraMove> development,
                                                  List<CameraMove> climax, List<CameraMove> resolution) {
    Map<Act, List<CameraMove>> m = new EnumMap<>(Act.class);
    m.put(Act.OPENING, opening);
    m.put(Act.DEVELOPMENT, development);
    m.put(Act.CLIMAX, climax);
    m.put(Act.RESOLUTION, resolution);
    return m;
  }

  private static Map<Act, List<String>> words(List<String> opening, List<String> development, List<String> climax,
                                              List<String> resolution) {
    Map<Act, List<String>> m = new EnumMap<>(Act.class);
    m.put(Act.OPENING, opening);
    m.put(Act.DEVELOPMENT, development);
    m.put(Act.CLIMAX, climax);
    m.put(Act.RESOLUTION, resolution);
    return m;
  }

  private static void add(StyleProfile p) {
    PROFILES.put(p.style, p);
  }

  static {
    CameraMove st = CameraMove.STATIC;
    CameraMove pi = CameraMove.PUSH_IN;
    CameraMove po = CameraMove.PULL_OUT;
    CameraMove pl = CameraMove.PAN_LEFT;
    CameraMove pr = CameraMove.PAN_RIGHT;
    CameraMove tu = CameraMove.TILT_UP;
    CameraMove td = CameraMove.TILT_DOWN;
    CameraMove cu = CameraMove.CRANE_UP;
    CameraMove cd = CameraMove.CRANE_DOWN;
    CameraMove dl = CameraMove.DOLLY_LEFT;
    CameraMove dr = CameraMove.DOLLY_RIGHT;
    TransitionType cut = TransitionType.CUT;
    TransitionType xf = TransitionType.CROSSFADE;
    TransitionType fb = TransitionType.FADE_BLACK;
    TransitionType fw = TransitionType.FADE_WHITE;
    TransitionType wl = TransitionType.WIPE_LEFT;
    TransitionType wr = TransitionType.WIPE_RIGHT;

    add(new StyleProfile(VideoStyle.CINEMATIC, 8,
        moves(List.of(cd, pi, dr, cu), List.of(dr, dl, pi, pr), List.of(pi, cu, tu), List.of(po, cu, st)),
        List.of(xf, cut, xf), List.of(xf, fb), fb, fb,
        words(List.of("golden hour backlight", "soft dawn light through haze"),
            List.of("volumetric light beams", "warm key light with deep shadows"),
            List.of("dramatic rim light", "blazing light against darkness"),
            List.of("fading golden light", "gentle dusk glow")),
        words(List.of("anticipation", "wonder"), List.of("momentum", "intrigue"), List.of("awe", "triumph"),
            List.of("serenity", "resolve")),
        "cinematic, anamorphic, shallow depth of field, film grain, photorealistic, 4K",
        List.of("amber, teal and deep black", "gold, bronze and charcoal", "warm orange and cool blue")));
    add(new StyleProfile(VideoStyle.MINIMAL, 7,
        moves(List.of(st, pi), List.of(st, pr, pi), List.of(pi, st), List.of(po, st)),
        List.of(cut, xf), List.of(xf, fw), null, fw,
        words(List.of("soft diffused daylight", "even overcast light"), List.of("soft window light"),
            List.of("clean bright light"), List.of("soft fading light")),
        words(List.of("calm", "quiet"), List.of("focus", "clarity"), List.of("clarity", "poise"),
            List.of("stillness", "balance")),
        "minimalist, clean composition, negative space, muted tones, editorial photography",
        List.of("white, stone grey and one accent of black", "off-white, sand and sage", "pale grey and soft blue")));
    add(new StyleProfile(VideoStyle.ENERGETIC, 4,
        moves(List.of(dr, pi, tu), List.of(dl, pr, dr, pl, tu), List.of(pi, cu, dr), List.of(po, pr)),
        List.of(cut, cut, wl, wr), List.of(fw, wl, wr, cut), null, cut,
        words(List.of("vivid high-contrast light", "bright punchy daylight"), List.of("neon accents", "strobing highlights"),
            List.of("explosive bright light", "hard saturated light"), List.of("bright clean light")),
        words(List.of("excitement", "energy"), List.of("speed", "thrill"), List.of("euphoria", "intensity"),
            List.of("exhilaration", "confidence")),
        "dynamic, bold saturated colours, motion blur, high energy, sharp detail",
        List.of("electric blue, hot pink and yellow", "neon green and black", "red, orange and white")));
    add(new StyleProfile(VideoStyle.DOCUMENTARY, 6,
        moves(List.of(st, po, pr), List.of(pl, dr, st, pr), List.of(pi, st), List.of(po, st)),
        List.of(cut, cut, xf), List.of(cut, xf), null, fb,
        words(List.of("natural morning light"), List.of("natural available light", "overcast daylight"),
            List.of("natural side light"), List.of("late afternoon natural light")),
        words(List.of("curiosity", "observation"), List.of("discovery", "detail"), List.of("insight", "intensity"),
            List.of("reflection", "understanding")),
        "documentary, realistic, natural colours, candid, 35mm photography",
        List.of("natural earth tones", "muted greens and browns", "true-to-life colours")));
    add(new StyleProfile(VideoStyle.DRAMATIC, 8,
        moves(List.of(st, cd, pi), List.of(pi, dl, td), List.of(pi, tu, cu), List.of(po, st)),
        List.of(xf, cut), List.of(fb, xf), fb, fb,
        words(List.of("low-key light, deep shadows"), List.of("chiaroscuro side light", "hard rim light"),
            List.of("blinding backlight cutting through smoke", "stark spotlight"), List.of("dim ember glow")),
        words(List.of("foreboding", "tension"), List.of("unease", "rising tension"), List.of("catharsis", "fury"),
            List.of("solemn calm", "aftermath")),
        "dramatic, moody, high contrast, epic, cinematic lighting, photorealistic",
        List.of("crimson, black and steel grey", "deep blue and blood orange", "charcoal and gold")));
    add(new StyleProfile(VideoStyle.PLAYFUL, 5,
        moves(List.of(tu, pr, cu), List.of(dr, pl, tu, dl), List.of(cu, pi), List.of(po, pr)),
        List.of(wl, cut, wr, xf), List.of(wr, wl, fw), null, fw,
        words(List.of("bright cheerful sunlight"), List.of("sunny pastel light", "bright even light"),
            List.of("sparkling bright light"), List.of("warm sunny glow")),
        words(List.of("curiosity", "delight"), List.of("mischief", "fun"), List.of("joy", "surprise"),
            List.of("warmth", "contentment")),
        "playful, colourful, whimsical, vibrant, soft shapes, charming",
        List.of("candy pink, sky blue and sunny yellow", "mint, coral and lemon", "rainbow pastels")));
    add(new StyleProfile(VideoStyle.CORPORATE, 6,
        moves(List.of(dr, pi), List.of(dl, pi, pr), List.of(pi, cu), List.of(po, st)),
        List.of(xf, cut), List.of(xf, fw), null, fw,
        words(List.of("clean bright studio light"), List.of("soft even office light", "bright studio light"),
            List.of("crisp key light"), List.of("clean bright light")),
        words(List.of("confidence", "clarity"), List.of("progress", "focus"), List.of("achievement", "pride"),
            List.of("trust", "assurance")),
        "professional, modern, polished, clean, corporate photography, sharp",
        List.of("navy, white and silver", "corporate blue and light grey", "slate, white and teal")));
    add(new StyleProfile(VideoStyle.ARTISTIC, 8,
        moves(List.of(cd, po), List.of(cu, tu, dl), List.of(pi, cu), List.of(po, cu)),
        List.of(xf, xf, cut), List.of(fw, xf, fb), fw, fw,
        words(List.of("dreamlike diffused glow"), List.of("painterly light", "iridescent light"),
            List.of("luminous surreal light"), List.of("soft fading glow")),
        words(List.of("reverie", "mystery"), List.of("transformation", "flow"), List.of("ecstasy", "revelation"),
            List.of("tranquillity", "echo")),
        "artistic, surreal, painterly, textured, expressive, fine art",
        List.of("violet, gold and turquoise", "ochre, indigo and rose", "iridescent pastels")));
  }
}
