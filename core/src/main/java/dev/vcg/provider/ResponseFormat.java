package dev.vcg.provider;

import java.util.Objects;
import java.util.Optional;

/**
 * The form of the model's answer: free text, any JSON object, or JSON that matches a schema
 * (structured output). Providers that cannot enforce a schema treat it as a hint; callers
 * validate the answer either way.
 */
public final class ResponseFormat {
  /** Free text. */
  public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, false);
  /** Any JSON object. */
  public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, false);

  /** The kinds of format. */
  public enum Type {
    /** Free text. */
    TEXT,
    /** Any JSON object. */
    JSON_OBJECT,
    /** JSON matching a schema. */
    JSON_SCHEMA
  }

  private final Type type;
  private final String name;
  private final String schema;
  private final boolean strict;

  private ResponseFormat(Type type, String name, String schema, boolean strict) {
    this.type = type;
    this.name = name;
    this.schema = schema;
    this.strict = strict;
  }

  /**
   * JSON matching a schema.
   *
   * @param name a name for the schema ({@code [a-zA-Z0-9_-]}, at most 64 characters)
   * @param schemaJson the JSON Schema, as JSON text
   * @param strict whether the provider should enforce it strictly where it can
   * @return the format
   * @throws IllegalArgumentException if the name is not acceptable
   */
  public static ResponseFormat jsonSchema(String name, String schemaJson, boolean strict) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schemaJson, "schemaJson");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("schema name must match [a-zA-Z0-9_-]{1,64}: " + name);
    }
    return new ResponseFormat(Type.JSON_SCHEMA, name, schemaJson, strict);
  }

  /** @return the kind */
  public Type type() {
    return type;
  }

  /** @return the schema name, for {@link Type#JSON_SCHEMA} */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** @return the schema JSON, for {@link Type#JSON_SCHEMA} */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  /** @return whether strict enforcement is asked for */
  public boolean strict() {
    return strict;
  }

  @Override
  public String toString() {
    return type == Type.JSON_SCHEMA ? "ResponseFormat[json_schema " + name + "]" : "ResponseFormat[" + type + "]";
  }
}
