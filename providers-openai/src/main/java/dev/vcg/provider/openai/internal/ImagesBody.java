package dev.vcg.provider.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaTypes;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.http.Multipart;
import java.util.List;
import java.util.Map;

/**
 * Writes the bodies of {@code POST /images/generations} and {@code POST /images/edits} (JSON with
 * image URLs or data URLs, or multipart with {@code image[]} files). GPT image models never get
 * {@code response_format} (they answer base64 and reject the field); DALL·E models get
 * {@code response_format: "url"}.
 */
public final class ImagesBody {
  private static final String RESPONSE_FORMAT = "response_format";

  private ImagesBody() {
  }

  /**
   * Settings from the provider's config.
   *
   * @param quality {@code quality}, or null for the model's default
   * @param outputFormat {@code output_format} of GPT image models, or null
   */
  public record Settings(String quality, String outputFormat) {
  }

  /**
   * @param model the model id
   * @param r the request (no reference images)
   * @param s config settings
   * @return the generation body
   */
  public static ObjectNode generation(String model, ImageRequest r, Settings s) {
    ObjectNode body = common(model, r, s);
    if (OpenAiModels.isDallE(model)) {
      body.put(RESPONSE_FORMAT, "url");
    }
    extras(body, model, r.extraParameters());
    return body;
  }

  /**
   * @param model a GPT image model id
   * @param r the request with its reference images
   * @param s config settings
   * @return the JSON edit body: {@code images} as {@code [{"image_url": …}]}
   * @throws dev.vcg.InvalidInputException if a local image cannot be read or is not PNG, JPEG or WebP
   */
  public static ObjectNode jsonEdit(String model, ImageRequest r, Settings s) {
    ObjectNode body = common(model, r, s);
    ArrayNode images = body.putArray("images");
    for (MediaRef ref : r.referenceImages()) {
      images.addObject().put("image_url", editUrl(ref));
    }
    extras(body, model, r.extraParameters());
    return body;
  }

  /**
   * @param model a GPT image model id
   * @param r the request with its reference images
   * @param s config settings
   * @return the multipart edit body: one {@code image[]} file part per reference image
   * @throws dev.vcg.InvalidInputException if an image is remote, unreadable or not PNG, JPEG or WebP
   */
  public static Multipart multipartEdit(String model, ImageRequest r, Settings s) {
    Multipart.Builder b = Multipart.builder().text("model", model).text("prompt", prompt(r));
    int i = 0;
    for (MediaRef ref : r.referenceImages()) {
      InlineImages.Upload u = InlineImages.upload(ref, InlineImages.MAX_EDIT_FILE_BYTES, InlineImages.EDIT_TYPES,
          "reference image");
      i++;
      b.file("image[]", "image-" + i + "." + MediaTypes.extension(u.type()), u.data(), u.type());
    }
    b.text("n", "1").text("size", r.size().toString());
    if (s.quality() != null) {
      b.text("quality", s.quality());
    }
    if (s.outputFormat() != null) {
      b.text("output_format", s.outputFormat());
    }
    for (Map.Entry<String, Object> e : r.extraParameters().entrySet()) {
      if (e.getKey().equals(RESPONSE_FORMAT)) {
        continue;
      }
      Object v = e.getValue();
      if (v instanceof MediaRef ref) {
        InlineImages.Upload u = InlineImages.upload(ref, InlineImages.MAX_EDIT_FILE_BYTES, InlineImages.EDIT_TYPES,
            e.getKey());
        b.file(e.getKey(), e.getKey() + "." + MediaTypes.extension(u.type()), u.data(), u.type());
      } else if (v instanceof Map || v instanceof List) {
        try {
          b.text(e.getKey(), Json.mapper().writeValueAsString(v));
        } catch (JsonProcessingException ex) {
          throw new IllegalArgumentException("extra parameter " + e.getKey() + " cannot be written as JSON", ex);
        }
      } else {
        b.text(e.getKey(), String.valueOf(v));
      }
    }
    return b.build();
  }

  private static ObjectNode common(String model, ImageRequest r, Settings s) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("model", model);
    body.put("prompt", prompt(r));
    body.put("n", 1);
    body.put("size", r.size().toString());
    if (s.quality() != null) {
      body.put("quality", s.quality());
    }
    if (s.outputFormat() != null && !OpenAiModels.isDallE(model)) {
      body.put("output_format", s.outputFormat());
    }
    return body;
  }

  /** GPT image models take no negative prompt: it becomes an instruction at the end of the prompt. */
  private static String prompt(ImageRequest r) {
    return r.negativePrompt().filter(n -> !n.isBlank()).map(n -> r.prompt() + "\n\nAvoid: " + n.strip())
        .orElse(r.prompt());
  }

  private static String editUrl(MediaRef ref) {
    return InlineImages.url(ref, InlineImages.MAX_EDIT_DATA_URL_BYTES, InlineImages.EDIT_TYPES, "reference image");
  }

  private static void extras(ObjectNode body, String model, Map<String, Object> extra) {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      if (e.getKey().equals(RESPONSE_FORMAT) && !OpenAiModels.isDallE(model)) {
        continue;
      }
      if (e.getValue() instanceof MediaRef ref) {
        body.putObject(e.getKey()).put("image_url", editUrl(ref));
      } else {
        body.set(e.getKey(), Json.mapper().valueToTree(e.getValue()));
      }
    }
  }
}
