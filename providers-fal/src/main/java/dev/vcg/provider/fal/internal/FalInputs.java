package dev.vcg.provider.fal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.InvalidInputException;
import dev.vcg.direction.CameraMove;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.VideoRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds fal model inputs from the library's requests, with the field names of each model. */
public final class FalInputs {
  /** fal's {@code image_size} presets. */
  static final Map<String, ImageSize> PRESETS = Map.of(
      "square_hd", new ImageSize(1024, 1024),
      "square", new ImageSize(512, 512),
      "portrait_4_3", new ImageSize(768, 1024),
      "portrait_16_9", new ImageSize(576, 1024),
      "landscape_4_3", new ImageSize(1024, 768),
      "landscape_16_9", new ImageSize(1024, 576));

  /** The ratios of models that take {@code aspect_ratio} (FLUX1.1 [pro] ultra). */
  static final List<String> ULTRA_RATIOS = List.of("21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21");

  private FalInputs() {
  }

  /**
   * The input of an image request.
   *
   * @param profile the model's profile
   * @param request the request (already checked against the capabilities)
   * @param outputFormat {@code jpeg} or {@code png}
   * @param inlineMaxBytes the largest local image sent inline as a data URI
   * @return the input
   */
  public static ObjectNode image(ImageProfile profile, ImageRequest request, String outputFormat, long inlineMaxBytes) {
    ObjectNode in = Json.mapper().createObjectNode();
    in.put("prompt", request.prompt());
    ImageSize size = request.size();
    switch (profile.sizeMode()) {
      case IMAGE_SIZE:
        String preset = presetOf(size);
        if (preset != null) {
          in.put("image_size", preset);
        } else {
          ObjectNode s = in.putObject("image_size");
          s.put("width", size.width());
          s.put("height", size.height());
        }
        break;
      case ASPECT_RATIO:
        in.put("aspect_ratio", nearestRatio(size.aspectRatio(), ULTRA_RATIOS));
        break;
      default:
        break;
    }
    request.seed().ifPresent(seed -> in.put("seed", seed));
    if (profile.formatField() != null) {
      in.put(profile.formatField(), outputFormat);
    }
    if (profile.negativePromptField() != null) {
      request.negativePrompt().filter(s -> !s.isBlank()).ifPresent(n -> in.put(profile.negativePromptField(), n));
    }
    if (profile.referenceField() != null && !request.referenceImages().isEmpty()) {
      in.put(profile.referenceField(), mediaUrl(request.referenceImages().get(0), inlineMaxBytes, "reference image"));
    }
    extras(in, request.extraParameters());
    return in;
  }

  /**
   * The input of a video request.
   *
   * @param profile the model's profile
   * @param request the request (already checked against the capabilities)
   * @param generateAudio whether to ask for generated audio where the model has the switch
   * @param cameraInPrompt whether to describe the camera move at the end of the prompt
   * @param inlineMaxBytes the largest local frame sent inline as a data URI
   * @return the input
   * @throws UnsupportedCapabilityException if the aspect ratio has no value the model accepts
   */
  public static ObjectNode video(VideoProfile profile, VideoRequest request, boolean generateAudio,
                                 boolean cameraInPrompt, long inlineMaxBytes) {
    ObjectNode in = Json.mapper().createObjectNode();
    String prompt = request.prompt();
    if (cameraInPrompt && request.cameraMove().isPresent()) {
      prompt = withCamera(prompt, request.cameraMove().get(), profile.capabilities().maxPromptLength());
    }
    in.put("prompt", prompt);
    in.put(profile.startField(), mediaUrl(request.startFrame(), inlineMaxBytes, "start frame"));
    if (profile.endField() != null && request.endFrame().isPresent()) {
      in.put(profile.endField(), mediaUrl(request.endFrame().get(), inlineMaxBytes, "end frame"));
    }
    if (profile.durationAsString()) {
      in.put("duration", Integer.toString(request.durationSeconds()));
    } else {
      in.put("duration", request.durationSeconds());
    }
    if (profile.aspectField() != null && request.aspectRatio().isPresent()) {
      AspectRatio wanted = request.aspectRatio().get();
      String value = profile.aspectValues().stream().filter(wanted::equals).findFirst().map(AspectRatio::toString)
          .orElse(null);
      if (value == null) {
        throw new UnsupportedCapabilityException("fal", "model " + profile.id() + " does not support aspect ratio "
            + wanted + "; allowed: " + profile.aspectValues());
      }
      in.put(profile.aspectField(), value);
    }
    if (profile.negativePromptField() != null) {
      request.negativePrompt().filter(s -> !s.isBlank()).ifPresent(n -> in.put(profile.negativePromptField(), n));
    }
    if (profile.audioField() != null) {
      in.put(profile.audioField(), generateAudio);
    }
    extras(in, request.extraParameters());
    return in;
  }

  /**
   * A frame as fal's {@code *_url} fields take it: an https URL as it is, a data URI as it is, a
   * local file or bytes as a data URI.
   *
   * @param ref the media
   * @param inlineMaxBytes the largest content sent inline
   * @param what for messages
   * @return the URL text
   * @throws InvalidInputException if a local file is unreadable or too large to send inline
   */
  public static String mediaUrl(MediaRef ref, long inlineMaxBytes, String what) {
    if (ref instanceof MediaRef.Url u && !"data".equalsIgnoreCase(u.uri().getScheme())) {
      return u.uri().toString();
    }
    if (ref instanceof MediaRef.Url u && u.uri().toString().length() > inlineMaxBytes * 4 / 3 + 64) {
      throw new InvalidInputException("the " + what + " is a data URI of " + u.uri().toString().length()
          + " characters, more than fal takes inline (" + inlineMaxBytes + " bytes); pass an https URL instead");
    }
    try {
      return MediaRef.toDataUri(ref, inlineMaxBytes);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("cannot send the " + what + " to fal inline: " + e.getMessage()
          + "; pass an https URL instead, or raise the option inline-image-max-bytes", e);
    }
  }

  /**
   * Adds a short description of the camera move to a motion prompt, when it fits.
   *
   * @param prompt the motion prompt
   * @param move the camera move
   * @param maxLength the model's longest prompt
   * @return the prompt, with the move described if it fits and is not mentioned yet
   */
  public static String withCamera(String prompt, CameraMove move, int maxLength) {
    String phrase = cameraPhrase(move);
    String lower = prompt.toLowerCase(Locale.ROOT);
    if (lower.contains(phrase.toLowerCase(Locale.ROOT)) || lower.contains("camera:")) {
      return prompt;
    }
    String base = prompt.strip();
    char last = base.isEmpty() ? '.' : base.charAt(base.length() - 1);
    String joined = base + (last == '.' || last == '!' || last == '?' ? " " : ". ") + "Camera: " + phrase + ".";
    return joined.length() <= maxLength ? joined : prompt;
  }

  static String cameraPhrase(CameraMove move) {
    switch (move) {
      case STATIC:
        return "static, locked-off shot";
      case PUSH_IN:
        return "slow push in";
      case PULL_OUT:
        return "slow pull out";
      case PAN_LEFT:
        return "pan left";
      case PAN_RIGHT:
        return "pan right";
      case TILT_UP:
        return "tilt up";
      case TILT_DOWN:
        return "tilt down";
      case CRANE_UP:
        return "crane up";
      case CRANE_DOWN:
        return "crane down";
      case DOLLY_LEFT:
        return "truck left";
      case DOLLY_RIGHT:
        return "truck right";
      default:
        return move.wireName().replace('_', ' ');
    }
  }

  static String presetOf(ImageSize size) {
    for (Map.Entry<String, ImageSize> e : PRESETS.entrySet()) {
      if (e.getValue().equals(size)) {
        return e.getKey();
      }
    }
    return null;
  }

  static String nearestRatio(AspectRatio wanted, List<String> ratios) {
    String best = ratios.get(0);
    double bestScore = Double.MAX_VALUE;
    for (String r : ratios) {
      double score = Math.abs(Math.log(AspectRatio.of(r).value() / wanted.value()));
      if (score < bestScore) {
        bestScore = score;
        best = r;
      }
    }
    return best;
  }

  private static void extras(ObjectNode in, Map<String, Object> extra) {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      JsonNode value = Json.mapper().valueToTree(e.getValue());
      in.set(e.getKey(), value);
    }
  }
}
