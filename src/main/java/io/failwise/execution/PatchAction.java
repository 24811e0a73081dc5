package io.failwise.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.failwise.api.ActionSpec;
import io.failwise.model.run.Templates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.failwise.model.security.ObjectAllowList;
import io.failwise.model.security.ObjectTarget;

/**
 * Moves devices by a JSON merge patch of a named object (the routing ConfigMap, a Service selector,
 * an ExternalDNS DNSEndpoint). Saves the previous values of exactly the fields it changes, and undoes
 * by putting them back, so a rollback leaves the object as it was.
 */
@ApplicationScoped
public class PatchAction implements StepAction {
  public static final String TYPE = "patch";
  private final ObjectStore objects;
  private final ObjectAllowList allowed;

  public PatchAction(ObjectStore objects, ObjectAllowList allowed) {
    this.objects = objects;
    this.allowed = allowed;
  }

  @Override
  public Optional<String> refusal(ActionCall call) {
    ObjectRef ref = ref(call);
    return allowed.refusal(call.namespace(), ObjectTarget.of(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name()));
  }

  /** Checked again before reading or writing: a run admitted under an older list still obeys the new one. */
  private void enforce(ActionCall call) {
    refusal(call).ifPresent(why -> {
      throw new ActionException("refused: " + why);
    });
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean restoresExactly() {
    return true;
  }

  @Override
  public List<SavedState> save(ActionCall call) {
    enforce(call);
    ObjectRef ref = ref(call);
    JsonNode current = objects.read(ref).orElseThrow(() -> new ActionException(ref + " does not exist"));
    return List.of(new SavedState(ref, MergePatch.save(patch(call), current)));
  }

  @Override
  public void apply(ActionCall call) {
    enforce(call);
    JsonNode patch = patch(call);
    objects.update(ref(call), current -> MergePatch.apply(current, patch));
  }

  @Override
  public void undo(ActionCall call, List<SavedState> saved) {
    for (SavedState s : saved) {
      objects.update(s.ref(), current -> MergePatch.restore(current, s.fields()));
    }
  }

  static ObjectRef ref(ActionCall call) {
    ActionSpec.Patch p = call.spec().patch;
    String namespace = p.namespace == null || p.namespace.isBlank() ? call.namespace() : render(p.namespace, call);
    return new ObjectRef(p.apiVersion, p.kind, namespace, render(p.name, call));
  }

  static JsonNode patch(ActionCall call) {
    return renderJson(call.spec().patch.mergePatch, call.variables());
  }

  /** The merge patch with {{templates}} replaced in keys and string values. */
  public static JsonNode renderJson(JsonNode node, Map<String, String> variables) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        var e = it.next();
        out.set(Templates.render(e.getKey(), variables), renderJson(e.getValue(), variables));
      }
      return out;
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(renderJson(n, variables)));
      return out;
    }
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(Templates.render(node.asText(), variables));
    }
    return node.deepCopy();
  }

  private static String render(String text, ActionCall call) {
    return Templates.render(text, call.variables());
  }
}
