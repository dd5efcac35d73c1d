package dev.vcg.provider.runway.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.direction.CameraMove;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.VideoRequest;
import java.util.Locale;
import java.util.Map;

/** Builds Runway request bodies from the library's requests, per model. */
public final class RunwayInputs {
  private RunwayInputs() {
  }

  /** Settings that shape a video body. */
  public record VideoSettings(boolean audio, boolean cameraInPrompt, String defaultRatio, String publicFigureThreshold,
                              boolean uploads) {
  }

  /**
   * The body of {@code POST /v1/image_to_video}.
   *
   * @param model the model
   * @param request the request (already checked against the capabilities)
   * @param settings options
   * @param tasks the client, for uploads of large frames
   * @return the body
   * @throws UnsupportedCapabilityException if the aspect ratio has no value the model accepts
   */
  public static ObjectNode video(VideoModel model, VideoRequest request, VideoSettings settings, RunwayTasks tasks) {
    ObjectNode in = Json.mapper().createObjectNode();
    in.put("model", model.id());
    String start = RunwayMedia.uri(request.startFrame(), tasks, settings.uploads(), "start frame");
    if (request.endFrame().isPresent() && model.lastFrame()) {
      String end = RunwayMedia.uri(request.endFrame().get(), tasks, settings.uploads(), "end frame");
      ArrayNode images = in.putArray("promptImage");
      images.addObject().put("uri", start).put("position", "first");
      images.addObject().put("uri", end).put("position", "last");
    } else {
      in.put("promptImage", start);
    }
    String prompt = request.prompt();
    if (settings.cameraInPrompt() && request.cameraMove().isPresent()) {
      prompt = withCamera(prompt, request.cameraMove().get(), model.maxPromptLength());
    }
    in.put("promptText", prompt);
    String ratio = null;
    String preferred = settings.defaultRatio();
    if (request.aspectRatio().isPresent()) {
      AspectRatio wanted = request.aspectRatio().get();
      if (preferred != null && model.ratios().contains(preferred) && AspectRatio.of(preferred).equals(wanted)) {
        ratio = preferred;
      } else {
        ratio = model.ratioFor(wanted).orElseThrow(() -> new UnsupportedCapabilityException("runway", "model "
            + model.id() + " has no ratio for " + wanted + "; allowed: " + model.ratios()));
      }
    } else if (model.ratioRequired()) {
      ratio = settings.defaultRatio() != null && model.ratios().contains(settings.defaultRatio())
          ? settings.defaultRatio() : model.ratios().get(0);
    }
    if (ratio != null) {
      in.put("ratio", ratio);
    }
    in.put("duration", request.durationSeconds());
    if (model.seed()) {
      request.seed().ifPresent(s -> in.put("seed", s));
    }
    if (model.negativePrompt()) {
      request.negativePrompt().filter(s -> !s.isBlank()).ifPresent(n -> in.put("negativePrompt", n));
    }
    if (model.audio()) {
      in.put("audio", settings.audio());
    }
    if (model.contentModeration() && settings.publicFigureThreshold() != null) {
      in.putObject("contentModeration").put("publicFigureThreshold", settings.publicFigureThreshold());
    }
    extras(in, request.extraParameters());
    return in;
  }

  /**
   * The body of {@code POST /v1/text_to_image}.
   *
   * @param model the model
   * @param request the request (already checked against the capabilities)
   * @param publicFigureThreshold {@code auto}, {@code low}, or null to leave it out
   * @param uploads whether large reference images are uploaded
   * @param tasks the client, for uploads
   * @return the body
   */
  public static ObjectNode image(ImageModel model, ImageRequest request, String publicFigureThreshold,
                                 boolean uploads, RunwayTasks tasks) {
    ObjectNode in = Json.mapper().createObjectNode();
    in.put("model", model.id());
    in.put("promptText", request.prompt());
    in.put("ratio", ImageModel.ratioOf(request.size()));
    if (!request.referenceImages().isEmpty()) {
      ArrayNode refs = in.putArray("referenceImages");
      int i = 0;
      for (MediaRef ref : request.referenceImages()) {
        refs.addObject().put("uri", RunwayMedia.uri(ref, tasks, uploads, "reference image " + (++i)));
      }
    }
    request.seed().ifPresent(s -> in.put("seed", s));
    if (publicFigureThreshold != null) {
      in.putObject("contentModeration").put("publicFigureThreshold", publicFigureThreshold);
    }
    extras(in, request.extraParameters());
    return in;
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
    if (lower.contains(phrase) || lower.contains("camera:")) {
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
      case DOLLY_LEFT:
        return "truck left";
      case DOLLY_RIGHT:
        return "truck right";
      default:
        return move.wireName().replace('_', ' ');
    }
  }

  private static void extras(ObjectNode in, Map<String, Object> extra) {
    extra.forEach((k, v) -> in.set(k, Json.mapper().valueToTree(v)));
  }
}
