package dev.vcg.provider.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.InvalidInputException;
import dev.vcg.internal.Json;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ContentPart;
import dev.vcg.provider.ResponseFormat;
import java.util.Locale;
import java.util.Map;

/** Writes the JSON body of OpenAI's {@code POST /chat/completions} from a {@link ChatRequest}. */
public final class ChatBody {
  private ChatBody() {
  }

  /**
   * @param model the model id
   * @param request the chat
   * @param imageDetail the {@code detail} of image parts, or null to leave it out ({@code auto})
   * @return the body: {@code model}, {@code messages}, {@code max_completion_tokens},
   *     {@code temperature}, {@code seed}, {@code response_format}, then the extra parameters
   * @throws InvalidInputException if a schema is not a JSON object or an image cannot be sent
   */
  public static ObjectNode of(String model, ChatRequest request, String imageDetail) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : request.messages()) {
      messages.add(message(m, imageDetail));
    }
    ResponseFormat format = request.responseFormat();
    if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
      body.putObject("response_format").put("type", "json_object");
    } else if (format.type() == ResponseFormat.Type.JSON_SCHEMA) {
      ObjectNode rf = body.putObject("response_format");
      rf.put("type", "json_schema");
      ObjectNode js = rf.putObject("json_schema");
      js.put("name", format.name().orElseThrow());
      js.put("strict", format.strict());
      js.set("schema", schema(format));
    }
    request.maxTokens().ifPresent(t -> body.put("max_completion_tokens", t));
    request.temperature().ifPresent(t -> body.put("temperature", t));
    request.seed().ifPresent(s -> body.put("seed", s));
    for (Map.Entry<String, Object> e : request.extraParameters().entrySet()) {
      body.set(e.getKey(), Json.mapper().valueToTree(e.getValue()));
    }
    return body;
  }

  private static ObjectNode message(ChatMessage m, String imageDetail) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("role", m.role().name().toLowerCase(Locale.ROOT));
    if (m.parts().size() == 1 && m.parts().get(0) instanceof ContentPart.Text t) {
      node.put("content", t.text());
      return node;
    }
    ArrayNode parts = node.putArray("content");
    for (ContentPart p : m.parts()) {
      if (p instanceof ContentPart.Text t) {
        parts.addObject().put("type", "text").put("text", t.text());
      } else {
        ContentPart.Image image = (ContentPart.Image) p;
        ObjectNode url = parts.addObject().put("type", "image_url").putObject("image_url");
        url.put("url", InlineImages.url(image.image(), InlineImages.MAX_VISION_BYTES, InlineImages.VISION_TYPES,
            "image"));
        if (imageDetail != null) {
          url.put("detail", imageDetail);
        }
      }
    }
    return node;
  }

  private static JsonNode schema(ResponseFormat format) {
    String name = format.name().orElse("");
    try {
      JsonNode schema = Json.mapper().readTree(format.schema().orElseThrow());
      if (schema == null || !schema.isObject()) {
        throw new InvalidInputException("the JSON schema '" + name + "' is not a JSON object");
      }
      return schema;
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("the JSON schema '" + name + "' is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
