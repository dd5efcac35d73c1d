package dev.vcg.provider.runway.internal;

import dev.vcg.provider.ProviderOptions;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_VIDEO_DURATIONS;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_VIDEO_END_FRAME;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_VIDEO_RATIOS;
import static dev.vcg.provider.runway.RunwayProviderFactory.OPTION_VIDEO_SEED;

import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ModelInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Runway models this module knows (from Runway's API types), with their ratios, durations and
 * list prices in credits (from Runway's API reference), and the model of any other id built from
 * defaults and the config's options.
 */
public final class RunwayModels {
  /** The video model used when the config names none. */
  public static final String DEFAULT_VIDEO_MODEL = "gen4_turbo";
  /** The image model used when the config names none. */
  public static final String DEFAULT_IMAGE_MODEL = "gen4_image";
  /** Estimate for video models not in the catalogue, credits per second. */
  public static final BigDecimal UNKNOWN_VIDEO_CREDITS = new BigDecimal("12");
  /** Estimate for image models not in the catalogue, credits per image. */
  public static final BigDecimal UNKNOWN_IMAGE_CREDITS = new BigDecimal("8");

  private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final int PROMPT = 1000;
  private static final List<String> GEN4_RATIOS =
      List.of("1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672");
  private static final List<String> VEO_RATIOS = List.of("1280:720", "720:1280", "1920:1080", "1080:1920");
  private static final List<String> IMAGE_RATIOS = List.of("1920:1080", "1080:1920", "1024:1024", "1080:1080",
      "1168:880", "1360:768", "1440:1080", "1080:1440", "1808:768", "2112:912", "1280:720", "720:1280", "720:720",
      "960:720", "720:960", "1680:720");

  private static final Map<String, VideoModel> VIDEOS = new LinkedHashMap<>();
  private static final Map<String, ImageModel> IMAGES = new LinkedHashMap<>();

  static {
    video(new VideoModel("gen4_turbo", "Gen-4 Turbo: fast, start frame only, 2-10 s (5 credits/s)", GEN4_RATIOS,
        true, false, VideoModel.range(2, 10), true, false, false, true, PROMPT, new BigDecimal("5")));
    video(new VideoModel("gen4.5", "Gen-4.5: high quality, start frame only, 2-10 s (12 credits/s)", GEN4_RATIOS,
        true, false, VideoModel.range(2, 10), true, false, false, true, PROMPT, new BigDecimal("12")));
    video(new VideoModel("veo3.1", "Veo 3.1: first and last frame, 4/6/8 s, audio off (20 credits/s; 40 with audio)",
        VEO_RATIOS, true, true, List.of(4, 6, 8), false, true, true, false, PROMPT, new BigDecimal("20")));
    video(new VideoModel("veo3.1_fast", "Veo 3.1 fast: first and last frame, 4/6/8 s, audio off"
        + " (10 credits/s; 15 with audio)", VEO_RATIOS, true, true, List.of(4, 6, 8), false, true, true, false,
        PROMPT, new BigDecimal("10")));
    video(new VideoModel("veo3", "Veo 3: start frame only, 8 s (40 credits/s)", VEO_RATIOS, true, false,
        List.of(8), false, true, false, false, PROMPT, new BigDecimal("40")));
    video(new VideoModel("gen3a_turbo", "Gen-3 Alpha Turbo: first and last frame, 5/10 s (5 credits/s); legacy,"
        + " no longer in Runway's API types since June 2026", List.of("1280:768", "768:1280"), false, true,
        List.of(5, 10), true, false, false, true, PROMPT, new BigDecimal("5")));

    image(new ImageModel("gen4_image", "Gen-4 Image: up to 3 reference images (5 credits at 720p, 8 at 1080p)",
        IMAGE_RATIOS, 3, false, PROMPT, new BigDecimal("8")));
    image(new ImageModel("gen4_image_turbo", "Gen-4 Image Turbo: needs 1-3 reference images (2 credits)",
        IMAGE_RATIOS, 3, true, PROMPT, new BigDecimal("2")));
  }

  private RunwayModels() {
  }

  /**
   * @param usdPerCredit the price of one credit
   * @return the catalogue, video first, with prices in USD
   */
  public static List<ModelInfo> catalogue(BigDecimal usdPerCredit) {
    List<ModelInfo> list = new ArrayList<>();
    VIDEOS.values().forEach(m -> list.add(ModelInfo.video(m.id(), m.description(), m.capabilities(),
        Price.perVideoSecond(usd(m.creditsPerSecond(), usdPerCredit)))));
    IMAGES.values().forEach(m -> list.add(ModelInfo.image(m.id(), m.description(), m.capabilities(),
        Price.perImage(usd(m.creditsPerImage(), usdPerCredit)))));
    return List.copyOf(list);
  }

  /**
   * @param credits an amount of credits
   * @param usdPerCredit the price of one credit
   * @return its price in USD, as a decimal string
   */
  public static String usd(BigDecimal credits, BigDecimal usdPerCredit) {
    return Money.of(credits.multiply(usdPerCredit)).amount().toPlainString();
  }

  /**
   * The video model of an id: the catalogue's, or for another id the gen-4 ratios, 5/10 s, no last
   * frame and no seed, adjusted by the options.
   *
   * @param id the model id
   * @param options the config's options
   * @return the model
   * @throws IllegalArgumentException if the id is not a plain token
   * @throws IllegalStateException if an option is invalid
   */
  public static VideoModel video(String id, ProviderOptions options) {
    checkId(id);
    VideoModel base = VIDEOS.get(id);
    if (base == null) {
      base = new VideoModel(id, "Runway model " + id, GEN4_RATIOS, true, false, List.of(5, 10), false, false, false,
          false, PROMPT, UNKNOWN_VIDEO_CREDITS);
    }
    List<String> ratios = options.text(OPTION_VIDEO_RATIOS).map(v -> {
      List<String> out = Arrays.stream(v.split(",")).map(String::strip).collect(Collectors.toList());
      for (String r : out) {
        if (!r.matches("[1-9][0-9]{0,4}:[1-9][0-9]{0,4}")) {
          throw new IllegalStateException("option " + OPTION_VIDEO_RATIOS + " must list ratios like"
              + " '1280:720,720:1280': " + v);
        }
        AspectRatio.of(r);
      }
      return out;
    }).orElse(base.ratios());
    List<Integer> durations = options.integers(OPTION_VIDEO_DURATIONS)
        .map(a -> Arrays.stream(a).boxed().collect(Collectors.toList())).orElse(base.durations());
    boolean last = options.bool(OPTION_VIDEO_END_FRAME, base.lastFrame());
    boolean seed = options.bool(OPTION_VIDEO_SEED, base.seed());
    return new VideoModel(id, base.description(), ratios, base.ratioRequired(), last, durations, seed,
        base.negativePrompt(), base.audio(), base.contentModeration(), base.maxPromptLength(),
        base.creditsPerSecond());
  }

  /**
   * The image model of an id: the catalogue's, or for another id the gen-4 image ratios with up to
   * three optional reference images.
   *
   * @param id the model id
   * @return the model
   * @throws IllegalArgumentException if the id is not a plain token
   */
  public static ImageModel image(String id) {
    checkId(id);
    ImageModel m = IMAGES.get(id);
    return m != null ? m : new ImageModel(id, "Runway model " + id, IMAGE_RATIOS, 3, false, PROMPT,
        UNKNOWN_IMAGE_CREDITS);
  }

  /**
   * @param id a model id
   * @return it
   * @throws IllegalArgumentException if it is not a plain token
   */
  public static String checkId(String id) {
    if (id == null || !MODEL_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a Runway model id is a plain token such as gen4_turbo: " + id);
    }
    return id;
  }

  private static void video(VideoModel m) {
    VIDEOS.put(m.id(), m);
  }

  private static void image(ImageModel m) {
    IMAGES.put(m.id(), m);
  }
}
