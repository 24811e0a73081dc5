package io.failwise.operator.watch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.failwise.api.Region;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A Jackson module for the Kubernetes client: a Failwise custom resource whose spec or status does
 * not read (a list where a string is due, "lots" where a number is due) becomes an object with its
 * metadata only, marked {@link Unreadable}, instead of an exception. A LIST or a watch event that
 * fails to read stops a fabric8 informer for good; this keeps the informer, and the controller,
 * watching every other object of the kind.
 */
public final class TolerantCustomResources extends SimpleModule {
  /** Told of each object that did not read, and of each that did (so a fixed object heals). */
  public interface Listener {
    void unreadable(CustomResource<?, ?> shell, String problem);

    void readable(CustomResource<?, ?> resource);
  }

  private static final Listener SILENT =
      new Listener() {
        @Override
        public void unreadable(CustomResource<?, ?> shell, String problem) {}

        @Override
        public void readable(CustomResource<?, ?> resource) {}
      };

  private static volatile Listener listener = SILENT;

  public TolerantCustomResources() {
    super("failwise-tolerant-custom-resources");
    setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean, JsonDeserializer<?> deserializer) {
            Class<?> type = bean.getBeanClass();
            if (CustomResource.class.isAssignableFrom(type) && type.getPackageName().equals(Region.class.getPackageName())) {
              return new Tolerant(deserializer, type);
            }
            return deserializer;
          }
        });
  }

  /** Where unreadable objects are reported; one per application. */
  public static void listener(Listener l) {
    listener = l == null ? SILENT : l;
  }

  private static final class Tolerant extends DelegatingDeserializer {
    private final Class<?> type;

    Tolerant(JsonDeserializer<?> delegate, Class<?> type) {
      super(delegate);
      this.type = type;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new Tolerant(newDelegatee, type);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode tree = ctxt.readTree(p);
      try (JsonParser again = tree.traverse(p.getCodec())) {
        again.nextToken();
        Object read = _delegatee.deserialize(again, ctxt);
        // A copy of a shell (JOSDK clones what it caches) reads fine but is still the unreadable object.
        if (read instanceof CustomResource<?, ?> r && Unreadable.readable(r)) {
          listener.readable(r);
        }
        return read;
      } catch (JsonMappingException e) {
        return shell(tree, e, ctxt);
      }
    }

    private Object shell(JsonNode tree, JsonMappingException e, DeserializationContext ctxt) throws IOException {
      CustomResource<?, ?> shell;
      try {
        shell = (CustomResource<?, ?>) type.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException impossible) {
        throw e;
      }
      ObjectMeta meta;
      try (JsonParser m = tree.path("metadata").traverse(ctxt.getParser().getCodec())) {
        m.nextToken();
        meta = tree.path("metadata").isObject() ? ctxt.readValue(m, ObjectMeta.class) : new ObjectMeta();
      } catch (JsonMappingException badMetadata) {
        throw e;
      }
      Map<String, String> annotations = meta.getAnnotations() == null ? new HashMap<>() : new HashMap<>(meta.getAnnotations());
      String problem = describe(e);
      annotations.put(Unreadable.ANNOTATION, problem);
      meta.setAnnotations(annotations);
      shell.setMetadata(meta);
      listener.unreadable(shell, problem);
      return shell;
    }
  }

  /** "spec.capacity.devices: cannot read "lots" as a number": the field path and what went wrong. */
  static String describe(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return (path.isEmpty() ? "(object)" : path) + ": " + plainly(e).orElseGet(() -> jacksons(e));
  }

  /**
   * What a person reads instead of Jackson's Java: {@code cannot read "lots" as a whole number}, {@code
   * expected a text, got a list}, {@code cannot read "Drills" as one of Plan, Drill, Failover}.
   */
  private static java.util.Optional<String> plainly(JsonMappingException e) {
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getTargetType() != null) {
      Object value = f.getValue();
      return java.util.Optional.of("cannot read " + (value instanceof String t ? "\"" + t + "\"" : String.valueOf(value)) + " as " + kind(f.getTargetType()));
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
      java.util.regex.Matcher got = java.util.regex.Pattern.compile("from (\\S+) value").matcher(String.valueOf(e.getOriginalMessage()));
      String was = got.find() ? switch (got.group(1)) {
        case "Object" -> ", got a map";
        case "Array" -> ", got a list";
        case "String" -> ", got a text";
        case "Boolean" -> ", got true or false";
        case "Integer" -> ", got a whole number";
        case "Floating-point" -> ", got a decimal number";
        default -> "";
      } : "";
      return java.util.Optional.of("expected " + kind(m.getTargetType()) + was);
    }
    return java.util.Optional.empty();
  }

  /** A Java type as a YAML author knows it. */
  private static String kind(Class<?> type) {
    String shape = io.failwise.api.validation.YamlShapes.of(type);
    return shape == null ? type.getSimpleName() : shape;
  }

  /** Jackson's own message, on one line and without the parser's position. */
  private static String jacksons(JsonMappingException e) {
    String why = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    why = why.replaceAll("\\s+", " ");
    int cut = why.indexOf(" at [Source");
    return cut > 0 ? why.substring(0, cut) : why;
  }
}
