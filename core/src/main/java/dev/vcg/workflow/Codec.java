package dev.vcg.workflow;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.internal.Json;
import dev.vcg.provider.ApiKey;
import java.io.IOException;

/**
 * JSON for checkpoints: the library's mapper, except that an {@link ApiKey} anywhere in a value
 * is written as {@code null} (and read back as {@code null}) instead of failing the run, so a
 * key can pass through a run without ever reaching the store.
 */
final class Codec {
  static final ObjectMapper MAPPER = Json.mapper().copy().addMixIn(ApiKey.class, ApiKeyRedaction.class);

  private Codec() {
  }

  static JsonNodeFactory nodes() {
    return MAPPER.getNodeFactory();
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** @throws IllegalArgumentException if the value cannot be written as JSON */
  static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** @throws IllegalArgumentException if the JSON does not fit the type */
  static <T> T convert(JsonNode node, JavaType type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /** @return the string as a quoted JSON string literal */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s, sb);
    return sb.append('"').toString();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree cannot be written", e);
    }
  }

  /** @throws IOException if the text is not JSON */
  static JsonNode read(String text) throws IOException {
    return MAPPER.readTree(text);
  }

  @JsonSerialize(using = NullSerializer.class)
  @JsonDeserialize(using = NullDeserializer.class)
  abstract static class ApiKeyRedaction {
  }

  static final class NullSerializer extends JsonSerializer<Object> {
    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeNull();
    }
  }

  static final class NullDeserializer extends JsonDeserializer<Object> {
    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      p.skipChildren();
      return null;
    }
  }
}
