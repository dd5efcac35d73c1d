package dev.vcg.direction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.vcg.internal.Json;

/**
 * Finds the JSON in a language model's answer: inside code fences, after or between prose,
 * tolerating trailing commas, comments and single quotes. Reports truncation distinctly.
 */
final class ModelJson {
  private static final ObjectReader LENIENT = Json.mapper().reader().withFeatures(
      JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
      JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
      JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
      JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS);
  private static final int MAX_CANDIDATES = 32;

  /** The outcome: a tree, or an error message for the model. */
  record Extracted(JsonNode tree, String error) {
  }

  private ModelJson() {
  }

  static Extracted extract(String answer) {
    if (answer == null || answer.isBlank()) {
      return new Extracted(null, "the answer is empty: return the plan as one JSON object");
    }
    String text = answer.strip();
    if (text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    String body = fenced(text);
    if (body.indexOf('{') < 0 && body.indexOf('[') < 0) {
      body = text;
    }
    String firstError = null;
    JsonNode firstObject = null;
    int from = 0;
    for (int attempt = 0; attempt < MAX_CANDIDATES; attempt++) {
      int start = nextOpening(body, from);
      if (start < 0) {
        break;
      }
      int end = balancedEnd(body, start);
      if (end < 0) {
        if (firstObject != null) {
          break;
        }
        return new Extracted(null, "the JSON is cut off after " + (body.length() - start)
            + " characters (it never closes): return the complete plan; keep prompts shorter if the answer is long");
      }
      String candidate = body.substring(start, end + 1);
      try {
        JsonNode node = LENIENT.readTree(candidate);
        if (looksLikePlan(node)) {
          return new Extracted(node, null);
        }
        if (firstObject == null && node != null && (node.isObject() || node.isArray())) {
          firstObject = node;
        }
        // Skip nested openings of a parsed value: the next candidate starts after it.
        from = end + 1;
      } catch (JsonProcessingException e) {
        if (firstError == null) {
          firstError = "the answer is not valid JSON (" + trim(e.getOriginalMessage()) + " at line "
              + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
              + "): return one valid JSON object";
        }
        // A broken outer value must not degrade into one of its fragments: skip past it.
        from = end + 1;
      }
    }
    if (firstObject != null) {
      return new Extracted(firstObject, null);
    }
    if (firstError != null) {
      return new Extracted(null, firstError);
    }
    return new Extracted(null, "the answer holds no JSON object: return the plan as one JSON object, without prose");
  }

  private static boolean looksLikePlan(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isArray()) {
      return node.size() > 0 && node.get(0).isObject() && node.get(0).has("shots");
    }
    if (!node.isObject()) {
      return false;
    }
    if (node.has("scenes") || node.has("shots")) {
      return true;
    }
    for (JsonNode child : node) {
      if (child.isObject() && (child.has("scenes") || child.has("shots"))) {
        return true;
      }
    }
    return false;
  }

  /** The content of the first code fence that holds JSON, or the text itself. */
  private static String fenced(String text) {
    int from = 0;
    while (true) {
      int open = text.indexOf("```", from);
      if (open < 0) {
        return text;
      }
      int lineEnd = text.indexOf('\n', open);
      if (lineEnd < 0) {
        return text;
      }
      int close = text.indexOf("```", lineEnd);
      String body = close < 0 ? text.substring(lineEnd + 1) : text.substring(lineEnd + 1, close);
      if (body.indexOf('{') >= 0 || body.indexOf('[') >= 0) {
        return body;
      }
      if (close < 0) {
        return text;
      }
      from = close + 3;
    }
  }

  private static int nextOpening(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{' || c == '[') {
        return i;
      }
    }
    return -1;
  }

  /** The index of the bracket closing the one at {@code start}, or -1 if the text ends first. */
  private static int balancedEnd(String s, int start) {
    int depth = 0;
    boolean inString = false;
    char quote = 0;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          inString = false;
        }
        continue;
      }
      if (c == '"' || (c == '\'' && depth > 0 && isValueStart(s, i))) {
        inString = true;
        quote = c;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  // A single quote opens a string only where a JSON token may start (so "don't" in prose
  // inside a value that is double-quoted never reaches here, and apostrophes in bare prose
  // between candidates are skipped).
  private static boolean isValueStart(String s, int i) {
    for (int j = i - 1; j >= 0; j--) {
      char p = s.charAt(j);
      if (!Character.isWhitespace(p)) {
        return p == '{' || p == '[' || p == ',' || p == ':';
      }
    }
    return false;
  }

  static String trim(String message) {
    if (message == null) {
      return "unreadable";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    return m.length() > 200 ? m.substring(0, 197) + "..." : m;
  }
}
