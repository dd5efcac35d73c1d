package dev.vcg.provider.fal.internal;

import dev.vcg.provider.ProviderOptions;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_IMAGE_FORMAT_FIELD;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_IMAGE_NEGATIVE_PROMPT_FIELD;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_IMAGE_REFERENCE_FIELD;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_IMAGE_SIZE_MODE;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_VIDEO_ASPECT_RATIOS;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_VIDEO_ASPECT_RATIO_FIELD;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_VIDEO_AUDIO_FIELD;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_VIDEO_DURATIONS;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_VIDEO_DURATION_TYPE;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_VIDEO_END_IMAGE_FIELD;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_VIDEO_NEGATIVE_PROMPT_FIELD;
import static dev.vcg.provider.fal.FalProviderFactory.OPTION_VIDEO_START_IMAGE_FIELD;

import dev.vcg.cost.Price;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.VideoCapabilities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fal models this module knows, with their field names, limits and list prices (estimates
 * from fal's model pages, USD), and the profile of any other model id built from defaults and
 * the config's options.
 */
public final class FalModels {
  /** The image model used when the config names none. */
  public static final String DEFAULT_IMAGE_MODEL = "fal-ai/flux/dev";
  /** The video model used when the config names none: it takes a start and an end frame. */
  public static final String DEFAULT_VIDEO_MODEL = "fal-ai/kling-video/v2.1/pro/image-to-video";
  /** Estimate for image models not in the catalogue, per image. */
  public static final String UNKNOWN_IMAGE_PRICE = "0.04";
  /** Estimate for video models not in the catalogue, per second. */
  public static final String UNKNOWN_VIDEO_PRICE = "0.10";

  private static final int KLING_PROMPT = 2500;
  private static final List<AspectRatio> KLING_16_ASPECTS =
      List.of(AspectRatio.LANDSCAPE_16_9, AspectRatio.PORTRAIT_9_16, AspectRatio.SQUARE);

  private static final Map<String, ImageProfile> IMAGES = new LinkedHashMap<>();
  private static final Map<String, VideoProfile> VIDEOS = new LinkedHashMap<>();

  static {
    ImageCapabilities flux = ImageCapabilities.builder().maxSize(2048, 2048).seed(true).build();
    image(new ImageProfile(DEFAULT_IMAGE_MODEL, "FLUX.1 [dev]: high quality, custom sizes ($0.025/MP)",
        ImageProfile.SizeMode.IMAGE_SIZE, "output_format", null, null, flux, Price.perImage("0.025")));
    image(new ImageProfile("fal-ai/flux/schnell", "FLUX.1 [schnell]: fast drafts ($0.003/MP)",
        ImageProfile.SizeMode.IMAGE_SIZE, "output_format", null, null, flux, Price.perImage("0.003")));
    image(new ImageProfile("fal-ai/flux-pro/v1.1", "FLUX1.1 [pro]: high quality ($0.04/MP)",
        ImageProfile.SizeMode.IMAGE_SIZE, "output_format", null, null, flux, Price.perImage("0.04")));
    image(new ImageProfile("fal-ai/flux-pro/v1.1-ultra",
        "FLUX1.1 [pro] ultra: up to 4 MP, aspect ratio only, one image prompt ($0.06/image)",
        ImageProfile.SizeMode.ASPECT_RATIO, "output_format", null, "image_url",
        ImageCapabilities.builder().maxSize(3200, 3200).maxReferenceImages(1).seed(true).build(),
        Price.perImage("0.06")));
    image(new ImageProfile("fal-ai/fast-sdxl", "Stable Diffusion XL (fast), negative prompt",
        ImageProfile.SizeMode.IMAGE_SIZE, "format", "negative_prompt", null,
        ImageCapabilities.builder().maxSize(2048, 2048).seed(true).build(), Price.perImage("0.003")));

    // Kling on fal: field names differ by version (image_url/tail_image_url up to 2.5,
    // start_image_url/end_image_url from 2.6); standard and master tiers take no end frame.
    video(kling("v1.6/pro", "Kling 1.6 pro: start+end frame, aspect ratio", "image_url", "tail_image_url",
        "aspect_ratio", false, "0.095", 5, 10));
    video(kling("v1.6/standard", "Kling 1.6 standard: start frame only", "image_url", null, null, false,
        "0.05", 5, 10));
    video(kling("v2/master", "Kling 2 master: start frame only", "image_url", null, null, false, "0.28", 5, 10));
    video(kling("v2.1/master", "Kling 2.1 master: start frame only", "image_url", null, null, false,
        "0.28", 5, 10));
    video(kling("v2.1/pro", "Kling 2.1 pro: start+end frame", "image_url", "tail_image_url", null, false,
        "0.098", 5, 10));
    video(kling("v2.1/standard", "Kling 2.1 standard: start frame only", "image_url", null, null, false,
        "0.056", 5, 10));
    video(kling("v2.5-turbo/pro", "Kling 2.5 turbo pro: start+end frame", "image_url", "tail_image_url", null,
        false, "0.07", 5, 10));
    video(kling("v2.5-turbo/standard", "Kling 2.5 turbo standard: start frame only", "image_url", null, null,
        false, "0.042", 5, 10));
    video(kling("v2.6/pro", "Kling 2.6 pro: start+end frame, optional audio (off)", "start_image_url",
        "end_image_url", null, true, "0.07", 5, 10));
    video(kling("v3/pro", "Kling 3 pro: start+end frame, 3-15 s, optional audio (off)", "start_image_url",
        "end_image_url", null, true, "0.112", range(3, 15)));
    video(kling("v3/standard", "Kling 3 standard: start+end frame, 3-15 s, optional audio (off)",
        "start_image_url", "end_image_url", null, true, "0.084", range(3, 15)));
  }

  private FalModels() {
  }

  /** @return the catalogue, images first */
  public static List<ModelInfo> catalogue() {
    List<ModelInfo> list = new ArrayList<>();
    IMAGES.values().forEach(p -> list.add(ModelInfo.image(p.id(), p.description(), p.capabilities(), p.price())));
    VIDEOS.values().forEach(p -> list.add(ModelInfo.video(p.id(), p.description(), p.capabilities(), p.price())));
    return List.copyOf(list);
  }

  /**
   * The profile of an image model: the catalogue's, or defaults for an unknown id, with the
   * config's field options applied.
   *
   * @param model the fal model id
   * @param options the config's options
   * @return the profile
   */
  public static ImageProfile image(String model, ProviderOptions options) {
    FalPaths.checkModelId(model);
    ImageProfile base = IMAGES.get(model);
    if (base == null) {
      base = new ImageProfile(model, "fal model " + model, ImageProfile.SizeMode.IMAGE_SIZE, "output_format", null,
          null, ImageCapabilities.builder().maxSize(2048, 2048).seed(true).build(),
          Price.perImage(UNKNOWN_IMAGE_PRICE));
    }
    ImageProfile.SizeMode sizeMode = options.text(OPTION_IMAGE_SIZE_MODE).map(v -> {
      switch (v.toLowerCase(Locale.ROOT)) {
        case "image_size":
          return ImageProfile.SizeMode.IMAGE_SIZE;
        case "aspect_ratio":
          return ImageProfile.SizeMode.ASPECT_RATIO;
        case "none":
          return ImageProfile.SizeMode.NONE;
        default:
          throw new IllegalStateException("option " + OPTION_IMAGE_SIZE_MODE
              + " must be image_size, aspect_ratio or none: " + v);
      }
    }).orElse(base.sizeMode());
    String format = override(options.field(OPTION_IMAGE_FORMAT_FIELD), base.formatField());
    String negative = override(options.field(OPTION_IMAGE_NEGATIVE_PROMPT_FIELD), base.negativePromptField());
    String reference = override(options.field(OPTION_IMAGE_REFERENCE_FIELD), base.referenceField());
    ImageCapabilities caps = base.capabilities();
    int refs = reference == null ? 0 : 1;
    if (refs != caps.maxReferenceImages()) {
      caps = ImageCapabilities.builder().maxSize(caps.maxWidth(), caps.maxHeight()).seed(caps.supportsSeed())
          .maxPromptLength(caps.maxPromptLength()).maxReferenceImages(refs).build();
    }
    return new ImageProfile(model, base.description(), sizeMode, format, negative, reference, caps, base.price());
  }

  /**
   * The profile of a video model: the catalogue's, or defaults for an unknown id ({@code image_url},
   * no end frame, {@code "5"}/{@code "10"}), with the config's field options applied.
   *
   * @param model the fal model id
   * @param options the config's options
   * @return the profile
   */
  public static VideoProfile video(String model, ProviderOptions options) {
    FalPaths.checkModelId(model);
    VideoProfile base = VIDEOS.get(model);
    if (base == null) {
      base = new VideoProfile(model, "fal model " + model, "image_url", null, null, List.of(), true,
          "negative_prompt", null, VideoCapabilities.builder().durations(5, 10).aspectFollowsImage(true)
          .maxPromptLength(KLING_PROMPT).build(), Price.perVideoSecond(UNKNOWN_VIDEO_PRICE));
    }
    String start = options.field(OPTION_VIDEO_START_IMAGE_FIELD).orElse(base.startField());
    if (start.isEmpty()) {
      throw new IllegalStateException("option " + OPTION_VIDEO_START_IMAGE_FIELD + " cannot be 'none'");
    }
    String end = override(options.field(OPTION_VIDEO_END_IMAGE_FIELD), base.endField());
    String aspect = override(options.field(OPTION_VIDEO_ASPECT_RATIO_FIELD), base.aspectField());
    List<AspectRatio> aspects = options.text(OPTION_VIDEO_ASPECT_RATIOS).map(v -> {
      List<AspectRatio> list = new ArrayList<>();
      for (String part : v.split(",")) {
        try {
          list.add(AspectRatio.of(part.strip()));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("option " + OPTION_VIDEO_ASPECT_RATIOS + " must list ratios like"
              + " '16:9,9:16,1:1': " + v, e);
        }
      }
      return list;
    }).orElse(base.aspectValues().isEmpty() && aspect != null ? KLING_16_ASPECTS : base.aspectValues());
    if (aspect == null) {
      aspects = List.of();
    }
    boolean asString = options.text(OPTION_VIDEO_DURATION_TYPE).map(v -> {
      if (v.equalsIgnoreCase("string")) {
        return true;
      }
      if (v.equalsIgnoreCase("integer")) {
        return false;
      }
      throw new IllegalStateException("option " + OPTION_VIDEO_DURATION_TYPE + " must be string or integer: " + v);
    }).orElse(base.durationAsString());
    String negative = override(options.field(OPTION_VIDEO_NEGATIVE_PROMPT_FIELD), base.negativePromptField());
    String audio = override(options.field(OPTION_VIDEO_AUDIO_FIELD), base.audioField());
    VideoCapabilities old = base.capabilities();
    int[] durations = options.integers(OPTION_VIDEO_DURATIONS)
        .orElse(old.durationsSeconds().stream().mapToInt(Integer::intValue).toArray());
    VideoCapabilities.Builder caps = VideoCapabilities.builder().endFrame(end != null).durations(durations)
        .maxPromptLength(old.maxPromptLength()).seed(old.supportsSeed());
    if (aspect == null) {
      caps.aspectFollowsImage(true);
    } else {
      caps.aspectRatios(aspects.toArray(new AspectRatio[0]));
    }
    return new VideoProfile(model, base.description(), start, end, aspect, aspects, asString, negative, audio,
        caps.build(), base.price());
  }

  /**
   * @param model a fal model id
   * @return whether the catalogue lists it as an image model
   */
  public static boolean isKnownImage(String model) {
    return IMAGES.containsKey(model);
  }

  /**
   * @param model a fal model id
   * @return whether the catalogue lists it as a video model
   */
  public static boolean isKnownVideo(String model) {
    return VIDEOS.containsKey(model);
  }

  private static String override(Optional<String> option, String fallback) {
    if (option.isEmpty()) {
      return fallback;
    }
    return option.get().isEmpty() ? null : option.get();
  }

  private static void image(ImageProfile p) {
    IMAGES.put(p.id(), p);
  }

  private static void video(VideoProfile p) {
    VIDEOS.put(p.id(), p);
  }

  private static VideoProfile kling(String version, String description, String startField, String endField,
                                    String aspectField, boolean audio, String pricePerSecond, int... durations) {
    VideoCapabilities.Builder caps = VideoCapabilities.builder().endFrame(endField != null).durations(durations)
        .maxPromptLength(KLING_PROMPT).seed(false);
    if (aspectField != null) {
      caps.aspectRatios(KLING_16_ASPECTS.toArray(new AspectRatio[0]));
    } else {
      caps.aspectFollowsImage(true);
    }
    String id = "fal-ai/kling-video/" + version + "/image-to-video";
    return new VideoProfile(id, description, startField, endField, aspectField,
        aspectField == null ? List.of() : KLING_16_ASPECTS, true, "negative_prompt", audio ? "generate_audio" : null,
        caps.build(), Price.perVideoSecond(pricePerSecond));
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from + 1];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }
}
