package dev.vcg.local;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Paints a picture from a prompt with Java2D: a palette and scene elements chosen from the
 * prompt's words ("sunset", "ocean", "forest", "fire", "night", "city", …), a composition from its
 * framing words ("close-up", "aerial", "low-angle", "framed left"), and a few seeded shapes, so
 * different prompts give visibly different frames and the same prompt and seed give the same one.
 */
final class ProceduralRenderer {
  enum Feature {
    SUN, MOON, STARS, PLANET, MOUNTAINS, WAVES, TREES, FLAMES, SPARKS, CITY, DUNES, CLOUDS, SNOW, FLOWERS, EMBLEM
  }

  /** Which part of the picture a theme's palette leads: its sky, its ground, or both. */
  enum Role {
    SKY, GROUND, BOTH, ACCENT
  }

  /** A palette and the scene elements that go with a group of words. */
  record Theme(String name, Role role, Set<String> triggers, Color skyTop, Color skyHorizon, Color groundNear,
               Color groundFar, List<Color> accents, Set<Feature> features) {
  }

  private static Color c(int rgb) {
    return new Color(rgb);
  }

  private static Theme theme(String name, Role role, String triggers, int skyTop, int skyHorizon, int groundNear, int groundFar,
                             int[] accents, Feature... features) {
    List<Color> a = new ArrayList<>();
    for (int rgb : accents) {
      a.add(c(rgb));
    }
    return new Theme(name, role, Set.of(triggers.split(" ")), c(skyTop), c(skyHorizon), c(groundNear), c(groundFar),
        List.copyOf(a), features.length == 0 ? EnumSet.noneOf(Feature.class) : EnumSet.of(features[0], features));
  }

  static final List<Theme> THEMES = List.of(
      theme("sunset", Role.SKY, "sunset sunrise dusk dawn twilight sundown", 0x2B1B4A, 0xFF8C42, 0x5A2D3F, 0x1E1025,
          new int[] {0xFFB347, 0xFF5E78, 0xFFD27F}, Feature.SUN, Feature.CLOUDS),
      theme("ocean", Role.GROUND, "ocean sea water waves wave beach lake river coast surf underwater harbor harbour lighthouse",
          0x5BA8E0, 0xBFE6FF, 0x1F6FA8, 0x0A2F55, new int[] {0x2EC4B6, 0xFFFFFF, 0x8FD3FE}, Feature.WAVES),
      theme("forest", Role.GROUND, "forest tree trees woods jungle leaf leaves pine pines moss woodland", 0x8FC1A9, 0xDDEFD8,
          0x2F5D34, 0x13261A, new int[] {0x6BA368, 0xA3C76D, 0x5B3A1E}, Feature.TREES),
      theme("fire", Role.BOTH, "fire flame flames forge ember embers molten lava burning blaze inferno smith blacksmith anvil",
          0x140A06, 0x5A1A06, 0x3A1205, 0x0B0403, new int[] {0xFF4500, 0xFF8C00, 0xFFD700}, Feature.FLAMES,
          Feature.SPARKS),
      theme("night", Role.SKY, "night moon moonlit midnight stars starry nocturnal", 0x050B1F, 0x1B2B5A, 0x0E1530, 0x04060F,
          new int[] {0xC0C8E0, 0x6F7FB0, 0xFFFFFF}, Feature.MOON, Feature.STARS),
      theme("snow", Role.BOTH, "snow ice winter frost frozen glacier arctic snowy", 0xA9C6E8, 0xEEF5FF, 0xF4F8FF, 0xC9D8EA,
          new int[] {0xFFFFFF, 0x7FA7D6, 0xD6E6F5}, Feature.SNOW, Feature.MOUNTAINS),
      theme("desert", Role.BOTH, "desert sand dune dunes sahara canyon arid", 0x6FB1E8, 0xF3D9A4, 0xD9A55B, 0x9C6A2E,
          new int[] {0xE8C07A, 0xB5651D, 0xF5E1B0}, Feature.DUNES, Feature.SUN),
      theme("city", Role.BOTH, "city neon urban street streets skyline downtown cyberpunk building buildings skyscraper",
          0x12052B, 0x3B0F5C, 0x0D0D1A, 0x05050A, new int[] {0xFF2E97, 0x00E5FF, 0xFFE066}, Feature.CITY),
      theme("gold", Role.ACCENT, "gold emblem logo metal bronze brass treasure crown medal coin", 0x1A1408, 0x4A3A12,
          0x2A1F08, 0x0E0A03, new int[] {0xFFD700, 0xDAA520, 0xB8860B}, Feature.EMBLEM),
      theme("space", Role.SKY, "space galaxy cosmic nebula planet universe astronaut orbit stellar", 0x0B0221, 0x2D0B4E,
          0x12052B, 0x05010C, new int[] {0xB388FF, 0xFF6EC7, 0x7DF9FF}, Feature.STARS, Feature.PLANET),
      theme("mountain", Role.GROUND, "mountain mountains peak peaks hills hill cliff cliffs alps valley ridge", 0x7FA9D9, 0xDCE9F7,
          0x5B6B7A, 0x2C3440, new int[] {0x8A9BA8, 0xFFFFFF, 0x3E4C59}, Feature.MOUNTAINS),
      theme("flower", Role.GROUND, "flower flowers bloom blossom spring petals meadow rose roses garden", 0xBFE3FF, 0xFFF0F5,
          0x7BC67B, 0x3E7D3E, new int[] {0xFF69B4, 0xFFB6C1, 0xFFF176}, Feature.FLOWERS),
      theme("storm", Role.SKY, "storm rain rainy clouds cloud fog foggy mist misty thunder overcast", 0x3A4450, 0x8894A0,
          0x4B5563, 0x1F2933, new int[] {0xC7D0D9, 0x9AA5B1, 0xE5E9ED}, Feature.CLOUDS));

  private static final java.util.Map<String, Integer> COLOR_WORDS = java.util.Map.ofEntries(
      java.util.Map.entry("red", 0xD7263D), java.util.Map.entry("crimson", 0xB80F2A),
      java.util.Map.entry("orange", 0xF46036), java.util.Map.entry("yellow", 0xF9D423),
      java.util.Map.entry("green", 0x2E933C), java.util.Map.entry("emerald", 0x1B9E77),
      java.util.Map.entry("blue", 0x1E63D6), java.util.Map.entry("navy", 0x1B2A4A),
      java.util.Map.entry("teal", 0x1A9E9E), java.util.Map.entry("cyan", 0x1FD1E0),
      java.util.Map.entry("purple", 0x7B2CBF), java.util.Map.entry("violet", 0x8E5CF0),
      java.util.Map.entry("magenta", 0xD62AD0), java.util.Map.entry("pink", 0xF78FB3),
      java.util.Map.entry("white", 0xF4F4F4), java.util.Map.entry("black", 0x141414),
      java.util.Map.entry("silver", 0xC0C6CC), java.util.Map.entry("brown", 0x7A4E2D),
      java.util.Map.entry("turquoise", 0x30D5C8), java.util.Map.entry("amber", 0xFFB000));

  private static final Set<String> STOPWORDS = Set.of("the", "and", "with", "from", "into", "over", "under", "shot",
      "view", "wide", "close", "medium", "frame", "framed", "left", "right", "composition", "palette", "light",
      "lighting", "cinematic", "photorealistic", "shallow", "depth", "field", "film", "grain", "high", "low",
      "angle", "steady", "featuring", "colours", "colors", "tones", "style", "this", "that", "their", "centred",
      "centered", "subject", "camera", "detail", "details", "first", "last");

  private ProceduralRenderer() {
  }

  /** What the renderer read from a prompt. */
  record Plan(Theme sky, Theme ground, List<Color> accents, Set<Feature> features, List<String> keywords, double horizon,
              double zoom, double focusX) {
  }

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  static Plan read(String prompt, String negative, SplittableRandom rng) {
    List<String> words = words(prompt);
    Set<String> banned = new LinkedHashSet<>(words(negative));
    Theme sky = null;
    Theme ground = null;
    double skyScore = 0;
    double groundScore = 0;
    Theme any = null;
    List<Color> accents = new ArrayList<>();
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    for (Theme t : THEMES) {
      if (t.triggers().stream().anyMatch(banned::contains)) {
        continue;
      }
      int hits = (int) words.stream().filter(t.triggers()::contains).count();
      if (hits == 0) {
        continue;
      }
      // Earlier words weigh a little more; a theme made for one part wins that part on a tie.
      double score = hits + 1.0 / (2 + firstIndex(words, t));
      if (t.role() != Role.GROUND && t.role() != Role.ACCENT) {
        double s = score + (t.role() == Role.SKY ? 0.5 : 0);
        if (s > skyScore) {
          sky = t;
          skyScore = s;
        }
      }
      if (t.role() != Role.SKY && t.role() != Role.ACCENT) {
        double s = score + (t.role() == Role.GROUND ? 0.5 : 0);
        if (s > groundScore) {
          ground = t;
          groundScore = s;
        }
      }
      any = any == null ? t : any;
      features.addAll(t.features());
      for (Color a : t.accents()) {
        if (accents.size() < 8) {
          accents.add(a);
        }
      }
    }
    List<Color> named = new ArrayList<>();
    for (String w : words) {
      Integer rgb = COLOR_WORDS.get(w);
      if (rgb != null && !banned.contains(w) && named.size() < 3) {
        named.add(new Color(rgb));
      }
    }
    accents.addAll(0, named);
    if (any == null) {
      Theme hue = hueTheme(rng, named.isEmpty() ? null : named.get(0));
      sky = hue;
      ground = hue;
      accents.addAll(hue.accents());
      features.add(rng.nextBoolean() ? Feature.MOUNTAINS : Feature.DUNES);
      if (rng.nextBoolean()) {
        features.add(Feature.CLOUDS);
      }
    } else {
      sky = sky != null ? sky : ground != null ? ground : any;
      ground = ground != null ? ground : sky;
      if (sky.features().contains(Feature.MOON)) {
        features.remove(Feature.SUN);
      }
    }
    String p = " " + String.join(" ", words) + " ";
    double horizon = 0.45 + rng.nextDouble() * 0.2;
    if (p.contains(" aerial ") || p.contains(" overhead ") || p.contains(" looking down ") || p.contains(" downward ")
        || p.contains(" top down ") || p.contains(" bird ")) {
      horizon = 0.3;
    } else if (p.contains(" low angle ") || p.contains(" looking up ") || p.contains(" upward ")) {
      horizon = 0.78;
    }
    double zoom = 1.0;
    if (p.contains(" close up ") || p.contains(" macro ") || p.contains(" extreme close ")) {
      zoom = 1.8;
    } else if (p.contains(" wide ") || p.contains(" establishing ") || p.contains(" panoramic ")) {
      zoom = 0.8;
    }
    double focusX = 0.3 + rng.nextDouble() * 0.4;
    if (p.contains(" framed left ")) {
      focusX = 0.3;
    } else if (p.contains(" framed right ")) {
      focusX = 0.7;
    }
    List<String> keywords = new ArrayList<>();
    if (!banned.contains("text") && !banned.contains("words") && !banned.contains("letters")) {
      for (String w : words) {
        if (w.length() >= 4 && !STOPWORDS.contains(w) && !keywords.contains(w) && w.matches("[a-z0-9]+")) {
          keywords.add(w);
        }
        if (keywords.size() == 3) {
          break;
        }
      }
    }
    return new Plan(sky, ground, accents, features, keywords, horizon, zoom, focusX);
  }

  private static int firstIndex(List<String> words, Theme t) {
    if (t == null) {
      return Integer.MAX_VALUE;
    }
    for (int i = 0; i < words.size(); i++) {
      if (t.triggers().contains(words.get(i))) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static Theme hueTheme(SplittableRandom rng, Color lead) {
    float h = (float) rng.nextDouble();
    if (lead != null) {
      h = Color.RGBtoHSB(lead.getRed(), lead.getGreen(), lead.getBlue(), null)[0] + 0.5f;
    }
    return new Theme("hue", Role.BOTH, Set.of(), Color.getHSBColor(h, 0.55f, 0.35f), Color.getHSBColor(h + 0.08f, 0.45f, 0.9f),
        Color.getHSBColor(h + 0.5f, 0.5f, 0.45f), Color.getHSBColor(h + 0.5f, 0.6f, 0.15f),
        List.of(Color.getHSBColor(h + 0.33f, 0.7f, 0.95f), Color.getHSBColor(h + 0.5f, 0.6f, 0.9f),
            Color.getHSBColor(h + 0.66f, 0.65f, 0.85f)), EnumSet.noneOf(Feature.class));
  }

  static BufferedImage render(String prompt, String negative, long seed, int width, int height, boolean text) {
    SplittableRandom rng = new SplittableRandom(seed ^ (LocalImageProvider.stableHash(prompt) * 0x9E3779B97F4A7C15L));
    Plan plan = read(prompt, negative, rng);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      new Painter(g, rng, plan, width, height).paint(text);
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Paints one picture. */
  private static final class Painter {
    private final Graphics2D g;
    private final SplittableRandom rng;
    private final Plan plan;
    private final int w;
    private final int h;
    private final double m;
    private final int horizonY;

    Painter(Graphics2D g, SplittableRandom rng, Plan plan, int w, int h) {
      this.g = g;
      this.rng = rng;
      this.plan = plan;
      this.w = w;
      this.h = h;
      this.m = Math.min(w, h);
      this.horizonY = (int) Math.round(h * plan.horizon());
    }

    void paint(boolean text) {
      Theme t = plan.sky();
      Theme ground = plan.ground();
      Set<Feature> f = plan.features();
      g.setPaint(new GradientPaint(0, 0, t.skyTop(), 0, Math.max(1, horizonY), t.skyHorizon()));
      g.fillRect(0, 0, w, Math.max(1, horizonY + 1));
      if (f.contains(Feature.STARS)) {
        stars();
      }
      if (f.contains(Feature.SUN)) {
        disc(new Color(255, 214, 140), new Color(255, 140, 66, 0), 0.09, horizonY - m * 0.12);
      }
      if (f.contains(Feature.MOON)) {
        disc(new Color(230, 234, 245), new Color(150, 170, 220, 0), 0.07, h * plan.horizon() * 0.4);
      }
      if (f.contains(Feature.PLANET)) {
        planet();
      }
      if (f.contains(Feature.CLOUDS)) {
        clouds();
      }
      if (f.contains(Feature.MOUNTAINS)) {
        mountains();
      }
      g.setPaint(new GradientPaint(0, horizonY, ground.groundNear(), 0, h, ground.groundFar()));
      g.fillRect(0, horizonY, w, Math.max(1, h - horizonY));
      if (f.contains(Feature.DUNES)) {
        dunes();
      }
      if (f.contains(Feature.WAVES)) {
        waves();
      }
      if (f.contains(Feature.CITY)) {
        city();
      }
      if (f.contains(Feature.TREES)) {
        trees();
      }
      if (f.contains(Feature.FLOWERS)) {
        flowers();
      }
      shapes();
      if (f.contains(Feature.FLAMES)) {
        flames();
      }
      if (f.contains(Feature.EMBLEM)) {
        emblem();
      }
      if (f.contains(Feature.SPARKS)) {
        sparks();
      }
      if (f.contains(Feature.SNOW)) {
        snow();
      }
      texture();
      vignette();
      if (text) {
        keywords();
      }
    }

    private Color accent() {
      List<Color> a = plan.accents();
      return a.get(rng.nextInt(a.size()));
    }

    private static Color alpha(Color c, double a) {
      return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.max(0, Math.min(255, Math.round(a * 255))));
    }

    private void stars() {
      int count = (int) Math.min(700, (double) w * h / 3000);
      for (int i = 0; i < count; i++) {
        double x = rng.nextDouble() * w;
        double y = rng.nextDouble() * Math.max(1, horizonY);
        double r = Math.max(0.5, m * 0.002 * (0.5 + rng.nextDouble()));
        g.setColor(new Color(255, 255, 255, 80 + rng.nextInt(175)));
        g.fill(new Ellipse2D.Double(x, y, r, r));
      }
    }

    private void disc(Color core, Color edge, double size, double cy) {
      double r = m * size * plan.zoom();
      double cx = w * plan.focusX();
      float glow = (float) Math.max(1, r * 3);
      g.setPaint(new RadialGradientPaint(new Point2D.Double(cx, cy), glow, new float[] {0f, 0.33f, 1f},
          new Color[] {alpha(core, 0.9), alpha(core, 0.35), edge}));
      g.fill(new Ellipse2D.Double(cx - glow, cy - glow, glow * 2, glow * 2));
      g.setColor(core);
      g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    private void planet() {
      double r = m * 0.16 * plan.zoom();
      double cx = w * (1 - plan.focusX());
      double cy = horizonY * 0.45;
      Color a = accent();
      g.setPaint(new GradientPaint((float) (cx - r), (float) (cy - r), a, (float) (cx + r), (float) (cy + r),
          a.darker().darker()));
      g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
      g.setStroke(new BasicStroke((float) Math.max(1, r * 0.08)));
      g.setColor(alpha(accent(), 0.7));
      g.draw(new Ellipse2D.Double(cx - r * 1.7, cy - r * 0.35, r * 3.4, r * 0.7));
    }

    private void clouds() {
      int count = 3 + rng.nextInt(4);
      for (int i = 0; i < count; i++) {
        double cw = m * (0.2 + rng.nextDouble() * 0.3);
        double ch = cw * (0.25 + rng.nextDouble() * 0.15);
        double x = rng.nextDouble() * w - cw / 2;
        double y = rng.nextDouble() * horizonY * 0.7;
        g.setColor(new Color(255, 255, 255, 40 + rng.nextInt(60)));
        for (int k = 0; k < 3; k++) {
          g.fill(new Ellipse2D.Double(x + k * cw * 0.25, y - (k % 2) * ch * 0.3, cw * 0.6, ch));
        }
      }
    }

    private void mountains() {
      for (int layer = 0; layer < 2; layer++) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, horizonY);
        int peaks = 3 + rng.nextInt(4);
        double step = (double) w / peaks;
        for (int i = 0; i <= peaks; i++) {
          double x = i * step;
          double peak = horizonY - m * (0.12 + rng.nextDouble() * 0.25) * (layer == 0 ? 1.2 : 0.8);
          p.lineTo(x - step / 2, peak);
          p.lineTo(x, horizonY - m * 0.05 * rng.nextDouble());
        }
        p.lineTo(w, horizonY);
        p.closePath();
        Color base = plan.ground().groundNear();
        g.setColor(layer == 0 ? alpha(mix(base, plan.sky().skyHorizon(), 0.5), 0.9) : alpha(base.darker(), 0.95));
        g.fill(p);
      }
    }

    private void dunes() {
      for (int i = 0; i < 3; i++) {
        double y = horizonY + (h - horizonY) * (0.15 + i * 0.25);
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, y);
        p.quadTo(w * (0.25 + rng.nextDouble() * 0.5), y - m * (0.05 + rng.nextDouble() * 0.12), w, y);
        p.lineTo(w, h);
        p.lineTo(0, h);
        p.closePath();
        g.setColor(alpha(mix(accent(), plan.ground().groundNear(), 0.5), 0.55));
        g.fill(p);
      }
    }

    private void waves() {
      g.setStroke(new BasicStroke((float) Math.max(1, m * 0.006)));
      int lines = 6 + rng.nextInt(6);
      for (int i = 0; i < lines; i++) {
        double y = horizonY + (h - horizonY) * (i + 0.5) / lines;
        double amp = m * 0.008 * (1 + i * 0.4) * plan.zoom();
        double period = Math.max(4, m * (0.05 + rng.nextDouble() * 0.06));
        double phase = rng.nextDouble() * Math.PI * 2;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, y);
        for (int x = 0; x <= w; x += Math.max(2, w / 200)) {
          p.lineTo(x, y + Math.sin(x / period + phase) * amp);
        }
        g.setColor(alpha(accent(), 0.35 + 0.04 * i));
        g.draw(p);
      }
    }

    private void city() {
      double x = 0;
      while (x < w) {
        double bw = m * (0.04 + rng.nextDouble() * 0.08);
        double bh = m * (0.1 + rng.nextDouble() * 0.45);
        g.setColor(new Color(10 + rng.nextInt(25), 10 + rng.nextInt(20), 25 + rng.nextInt(35)));
        g.fillRect((int) x, (int) (horizonY - bh), (int) Math.ceil(bw), (int) Math.ceil(bh) + 1);
        double win = Math.max(1, bw / 6);
        for (double wy = horizonY - bh + win; wy < horizonY - win; wy += win * 2) {
          for (double wx = x + win; wx < x + bw - win; wx += win * 2) {
            if (rng.nextInt(3) == 0) {
              g.setColor(alpha(accent(), 0.85));
              g.fillRect((int) wx, (int) wy, (int) Math.ceil(win), (int) Math.ceil(win));
            }
          }
        }
        x += bw + m * 0.005;
      }
    }

    private void trees() {
      int count = 6 + rng.nextInt(10);
      for (int i = 0; i < count; i++) {
        double x = rng.nextDouble() * w;
        double base = horizonY + (h - horizonY) * rng.nextDouble() * 0.5;
        double th = m * (0.12 + rng.nextDouble() * 0.22) * plan.zoom();
        double tw = th * 0.45;
        g.setColor(new Color(70, 45, 25));
        g.fill(new java.awt.geom.Rectangle2D.Double(x - tw * 0.06, base - th * 0.2, tw * 0.12, th * 0.2));
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x, base - th);
        p.lineTo(x - tw / 2, base - th * 0.15);
        p.lineTo(x + tw / 2, base - th * 0.15);
        p.closePath();
        g.setColor(mix(accent(), plan.ground().groundFar(), 0.35));
        g.fill(p);
      }
    }

    private void flowers() {
      int count = 20 + rng.nextInt(30);
      for (int i = 0; i < count; i++) {
        double r = m * (0.008 + rng.nextDouble() * 0.015) * plan.zoom();
        double x = rng.nextDouble() * w;
        double y = horizonY + rng.nextDouble() * (h - horizonY);
        g.setColor(alpha(accent(), 0.85));
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
      }
    }

    private void shapes() {
      int count = 3 + rng.nextInt(4);
      for (int i = 0; i < count; i++) {
        double size = m * (0.06 + rng.nextDouble() * 0.2) * plan.zoom();
        double x = rng.nextDouble() * w - size / 2;
        double y = rng.nextDouble() * h - size / 2;
        g.setColor(alpha(accent(), 0.22 + rng.nextDouble() * 0.3));
        switch (rng.nextInt(3)) {
          case 0 -> g.fill(new Ellipse2D.Double(x, y, size, size));
          case 1 -> g.fill(new RoundRectangle2D.Double(x, y, size * 1.4, size * 0.8, size * 0.2, size * 0.2));
          default -> {
            Path2D.Double p = new Path2D.Double();
            p.moveTo(x + size / 2, y);
            p.lineTo(x + size, y + size);
            p.lineTo(x, y + size);
            p.closePath();
            g.fill(p);
          }
        }
      }
    }

    private void flames() {
      int count = 4 + rng.nextInt(5);
      for (int i = 0; i < count; i++) {
        double cx = w * (0.1 + 0.8 * rng.nextDouble());
        double fh = m * (0.25 + rng.nextDouble() * 0.35) * plan.zoom();
        double fw = fh * (0.3 + rng.nextDouble() * 0.2);
        double base = h;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(cx - fw / 2, base);
        p.curveTo(cx - fw, base - fh * 0.4, cx - fw * 0.1, base - fh * 0.7, cx, base - fh);
        p.curveTo(cx + fw * 0.1, base - fh * 0.7, cx + fw, base - fh * 0.4, cx + fw / 2, base);
        p.closePath();
        g.setPaint(new GradientPaint((float) cx, (float) base, new Color(255, 230, 120, 220), (float) cx,
            (float) (base - fh), new Color(255, 60, 0, 40)));
        g.fill(p);
      }
    }

    private void sparks() {
      int count = 30 + rng.nextInt(50);
      for (int i = 0; i < count; i++) {
        double r = Math.max(0.8, m * 0.004 * rng.nextDouble());
        double x = rng.nextDouble() * w;
        double y = h * (0.2 + rng.nextDouble() * 0.8);
        g.setColor(new Color(255, 200 + rng.nextInt(56), 80, 120 + rng.nextInt(136)));
        g.fill(new Ellipse2D.Double(x, y, r, r));
      }
    }

    private void emblem() {
      double r = m * 0.14 * plan.zoom();
      double cx = w * plan.focusX();
      double cy = h * 0.45;
      g.setPaint(new RadialGradientPaint(new Point2D.Double(cx - r * 0.3, cy - r * 0.3), (float) Math.max(1, r * 1.3),
          new float[] {0f, 1f}, new Color[] {new Color(255, 236, 150), new Color(150, 105, 20)},
          MultipleGradientPaint.CycleMethod.NO_CYCLE));
      g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
      g.setStroke(new BasicStroke((float) Math.max(1, r * 0.06)));
      g.setColor(new Color(110, 75, 10));
      g.draw(new Ellipse2D.Double(cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6));
      int points = 5 + rng.nextInt(4);
      Path2D.Double star = new Path2D.Double();
      for (int i = 0; i < points * 2; i++) {
        double a = Math.PI * i / points - Math.PI / 2;
        double rr = i % 2 == 0 ? r * 0.6 : r * 0.28;
        if (i == 0) {
          star.moveTo(cx + Math.cos(a) * rr, cy + Math.sin(a) * rr);
        } else {
          star.lineTo(cx + Math.cos(a) * rr, cy + Math.sin(a) * rr);
        }
      }
      star.closePath();
      g.fill(star);
    }

    private void snow() {
      int count = (int) Math.min(600, (double) w * h / 2500);
      for (int i = 0; i < count; i++) {
        double r = Math.max(0.8, m * 0.005 * rng.nextDouble());
        g.setColor(new Color(255, 255, 255, 120 + rng.nextInt(136)));
        g.fill(new Ellipse2D.Double(rng.nextDouble() * w, rng.nextDouble() * h, r, r));
      }
    }

    /**
     * A subtle grain: noise in cells of about 1/360 of the short side, scaled up without smoothing
     * and laid over lightly. Cells keep the grain at the same apparent size at every resolution, and
     * flat runs keep the PNG small.
     */
    private void texture() {
      int cell = (int) Math.max(2, Math.round(m / 360));
      int tw = Math.max(1, (w + cell - 1) / cell);
      int th = Math.max(1, (h + cell - 1) / cell);
      BufferedImage noise = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
      int[] px = ((DataBufferInt) noise.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < px.length; i++) {
        int v = rng.nextInt(256);
        px[i] = 0xFF000000 | v << 16 | v << 8 | v;
      }
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      var before = g.getComposite();
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.045f));
      g.drawImage(noise, 0, 0, tw * cell, th * cell, null);
      g.setComposite(before);
    }

    private void vignette() {
      float radius = (float) Math.max(1, Math.hypot(w, h) / 2);
      g.setPaint(new RadialGradientPaint(new Point2D.Double(w / 2.0, h / 2.0), radius, new float[] {0.55f, 1f},
          new Color[] {new Color(0, 0, 0, 0), new Color(0, 0, 0, 110)}));
      g.fillRect(0, 0, w, h);
    }

    private void keywords() {
      if (plan.keywords().isEmpty() || w < 80 || h < 40) {
        return;
      }
      int scale = (int) Math.max(1, Math.round(m / 240));
      String label = String.join(" ", plan.keywords());
      int tw = BitmapFont.width(label, scale);
      int pad = 2 * scale;
      int x = Math.max(pad, (int) (w * 0.03));
      int y = h - (int) (h * 0.04) - BitmapFont.GLYPH_HEIGHT * scale;
      g.setColor(new Color(0, 0, 0, 110));
      g.fillRect(x - pad, y - pad, tw + pad, BitmapFont.GLYPH_HEIGHT * scale + 2 * pad);
      g.setColor(new Color(255, 255, 255, 200));
      BitmapFont.draw(g, label, x, y, scale);
    }

    private static Color mix(Color a, Color b, double t) {
      return new Color((int) (a.getRed() * (1 - t) + b.getRed() * t), (int) (a.getGreen() * (1 - t) + b.getGreen() * t),
          (int) (a.getBlue() * (1 - t) + b.getBlue() * t));
    }
  }

  /**
   * Blends a picture toward a reference, pixel by pixel, in place.
   *
   * @param image the picture
   * @param reference the reference, any size (scaled to the picture)
   * @param strength 0 (picture unchanged) to 1 (the reference)
   */
  static void blend(BufferedImage image, BufferedImage reference, double strength) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(reference, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int[] ref = ((DataBufferInt) scaled.getRaster().getDataBuffer()).getData();
    int s = (int) Math.round(strength * 256);
    int k = 256 - s;
    for (int i = 0; i < out.length; i++) {
      int a = out[i];
      int b = ref[i];
      int r = (((a >> 16) & 0xFF) * k + ((b >> 16) & 0xFF) * s) >> 8;
      int gg = (((a >> 8) & 0xFF) * k + ((b >> 8) & 0xFF) * s) >> 8;
      int bl = ((a & 0xFF) * k + (b & 0xFF) * s) >> 8;
      out[i] = r << 16 | gg << 8 | bl;
    }
  }
}
