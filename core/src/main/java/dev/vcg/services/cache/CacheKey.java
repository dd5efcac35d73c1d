package dev.vcg.services.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.vcg.internal.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The address of a cached provider result: the SHA-256 of what kind of call it was, the provider,
 * the model and the normalised request.
 *
 * <p>Normalisation makes requests that mean the same thing hash the same: the request is written
 * as JSON; object members are sorted by name and members whose value is {@code null} dropped;
 * text is put in Unicode NFC, stripped, and runs of whitespace become one space; numbers are
 * written without trailing zeros ({@code 30.0} and {@code 30} are the same). Letter case is kept:
 * "Red car" and "red car" are different prompts.
 *
 * @param kind what kind of call, e.g. {@code text-analysis}, {@code plan}, {@code image}
 * @param providerId the provider's id
 * @param model the model
 * @param hash the SHA-256 hex digest of all of the above and the normalised request
 */
public record CacheKey(String kind, String providerId, String model, String hash) {
  private static final String VERSION = "vcg-cache/1";
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /** Validates. */
  public CacheKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(hash, "hash");
    if (!HEX.matcher(hash).matches()) {
      throw new IllegalArgumentException("hash must be 64 lower-case hex digits: " + hash);
    }
  }

  /**
   * Computes the key of a request.
   *
   * @param kind what kind of call, e.g. {@code image}
   * @param providerId the provider's id
   * @param model the model
   * @param request the request as sent (any value Jackson can write: a record, a map, a string)
   * @return the key
   * @throws IllegalArgumentException if the request cannot be written as JSON
   */
  public static CacheKey of(String kind, String providerId, String model, Object request) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(model, "model");
    String canonical = canonical(request);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
    for (String part : List.of(VERSION, kind, providerId, model, canonical)) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return new CacheKey(kind, providerId, model, HexFormat.of().formatHex(sha.digest()));
  }

  /**
   * The normalised JSON text of a request, as hashed by {@link #of}.
   *
   * @param request the request
   * @return its canonical JSON
   * @throws IllegalArgumentException if the request cannot be written as JSON
   */
  public static String canonical(Object request) {
    JsonNode tree = Json.mapper().valueToTree(request);
    StringBuilder sb = new StringBuilder();
    write(tree, sb);
    return sb.toString();
  }

  private static void write(JsonNode n, StringBuilder sb) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      sb.append("null");
    } else if (n.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!n.get(name).isNull()) {
          names.add(name);
        }
      }
      Collections.sort(names);
      sb.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        quote(names.get(i), sb);
        sb.append(':');
        write(n.get(names.get(i)), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(n.get(i), sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      quote(normaliseText(n.textValue()), sb);
    } else if (n.isNumber()) {
      BigDecimal d = n.isIntegralNumber() ? new BigDecimal(n.bigIntegerValue()) : n.decimalValue();
      sb.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
    } else if (n.isBoolean()) {
      sb.append(n.booleanValue());
    } else if (n.isBinary()) {
      quote(n.asText(), sb);
    } else {
      quote(n.asText(), sb);
    }
  }

  static String normaliseText(String s) {
    return SPACE.matcher(Normalizer.normalize(s, Normalizer.Form.NFC).strip()).replaceAll(" ");
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    sb.append('"');
  }

  @Override
  public String toString() {
    return "CacheKey[" + kind + ", " + providerId + "/" + model + ", " + hash.substring(0, 12) + "]";
  }
}
