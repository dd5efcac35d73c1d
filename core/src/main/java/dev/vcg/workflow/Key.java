package dev.vcg.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.vcg.internal.Json;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The typed name of a value in a {@link WorkflowContext}. A step's result is stored under the
 * step's key; later steps read it back with the same key and get the declared type, also after
 * the run was checkpointed as JSON and resumed in another process (the type tells the engine
 * how to read the JSON back).
 *
 * <pre>{@code
 * Key<String> TEXT = Key.of("scrape", String.class);
 * Key<List<Shot>> SHOTS = Key.of("shots", new TypeReference<List<Shot>>() {});
 * }</pre>
 *
 * <p>Two keys are equal when their names and types are equal. Immutable and thread-safe.
 *
 * @param <T> the type of the value
 */
public final class Key<T> {
  private final String name;
  private final Type type;
  private volatile JavaType javaType;

  private Key(String name, Type type) {
    this.name = name;
    this.type = type;
  }

  /**
   * A key for a plain class.
   *
   * @param name the name, usually the name of the step that produces the value
   * @param type the value's class
   * @param <T> the value's type
   * @return the key
   * @throws IllegalArgumentException if the name is blank
   */
  public static <T> Key<T> of(String name, Class<T> type) {
    return new Key<>(checkName(name), Objects.requireNonNull(type, "type"));
  }

  /**
   * A key for a generic type, e.g. {@code new TypeReference<List<Shot>>() {}}.
   *
   * @param name the name
   * @param type the value's full type
   * @param <T> the value's type
   * @return the key
   * @throws IllegalArgumentException if the name is blank
   */
  public static <T> Key<T> of(String name, TypeReference<T> type) {
    return new Key<>(checkName(name), Objects.requireNonNull(type, "type").getType());
  }

  /** @return the name the value is stored under */
  public String name() {
    return name;
  }

  /** @return the value's declared type */
  public Type type() {
    return type;
  }

  JavaType javaType() {
    JavaType t = javaType;
    if (t == null) {
      t = Json.mapper().getTypeFactory().constructType(type);
      javaType = t;
    }
    return t;
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("key name is blank");
    }
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Key<?> k && k.name.equals(name) && k.type.equals(type);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + type.hashCode();
  }

  @Override
  public String toString() {
    return "Key[" + name + ": " + type.getTypeName() + "]";
  }
}
