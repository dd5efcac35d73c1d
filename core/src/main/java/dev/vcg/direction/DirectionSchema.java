package dev.vcg.direction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.internal.Json;
import java.util.Arrays;
import java.util.SortedSet;

/**
 * The JSON Schema of a plan, for structured output. Written for strict mode (every property
 * required, no additional properties, optional values nullable) so providers that enforce
 * schemas accept it; clip lengths are an {@code enum} of the lengths the video model allows.
 */
final class DirectionSchema {
  static final String NAME = "video_direction";

  private DirectionSchema() {
  }

  static String json(SortedSet<Integer> allowedDurations) {
    ObjectNode shot = object();
    ObjectNode sp = (ObjectNode) shot.get("properties");
    sp.set("id", type("integer"));
    ObjectNode duration = type("integer");
    ArrayNode durations = duration.putArray("enum");
    allowedDurations.forEach(durations::add);
    duration.put("description", "seconds; one of the clip lengths the video model makes");
    sp.set("duration", duration);
    sp.set("startPrompt", described("string", "complete image prompt for the first frame"));
    sp.set("endPrompt", described("string", "complete image prompt for the last frame"));
    sp.set("motionPrompt", described("string", "what moves between the first and last frame"));
    ObjectNode move = type("string");
    ArrayNode moves = move.putArray("enum");
    Arrays.stream(CameraMove.values()).forEach(m -> moves.add(m.wireName()));
    sp.set("cameraMove", move);
    sp.set("lighting", type("string"));
    ObjectNode palette = Json.mapper().createObjectNode();
    palette.putArray("type").add("string").add("null");
    sp.set("colorPalette", palette);
    sp.set("transitionIn", transition());
    sp.set("transitionOut", transition());
    require(shot);

    ObjectNode scene = object();
    ObjectNode scp = (ObjectNode) scene.get("properties");
    scp.set("id", type("integer"));
    scp.set("name", type("string"));
    scp.set("description", type("string"));
    scp.set("mood", type("string"));
    ObjectNode shots = type("array");
    shots.set("items", shot);
    scp.set("shots", shots);
    require(scene);

    ObjectNode root = object();
    ObjectNode rp = (ObjectNode) root.get("properties");
    rp.set("title", type("string"));
    rp.set("narrative", type("string"));
    rp.set("totalDuration", described("number", "seconds; the sum of the shot durations"));
    ObjectNode scenes = type("array");
    scenes.set("items", scene);
    rp.set("scenes", scenes);
    require(root);
    try {
      return Json.mapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the plan schema", e);
    }
  }

  private static ObjectNode object() {
    ObjectNode o = type("object");
    o.putObject("properties");
    o.put("additionalProperties", false);
    return o;
  }

  private static void require(ObjectNode o) {
    ArrayNode required = o.putArray("required");
    o.get("properties").fieldNames().forEachRemaining(required::add);
  }

  private static ObjectNode type(String type) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("type", type);
    return o;
  }

  private static ObjectNode described(String type, String description) {
    ObjectNode o = type(type);
    o.put("description", description);
    return o;
  }

  private static ObjectNode transition() {
    ObjectNode t = Json.mapper().createObjectNode();
    t.putArray("type").add("string").add("null");
    ArrayNode values = t.putArray("enum");
    Arrays.stream(TransitionType.values()).forEach(v -> values.add(v.wireName()));
    values.addNull();
    return t;
  }
}
