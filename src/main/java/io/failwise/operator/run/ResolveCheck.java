package io.failwise.operator.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.SavedObject;
import io.failwise.api.FailoverRunStatus.SavedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Before a Failed run is resolved: what it changed and did not put back that still differs from the
 * value it saved. {@code failwise resolve} frees the run's clusters on a person's word that the routing
 * is back in hand; said without the hand work done, the routing still sent 90% of a cluster elsewhere
 * and the next drill passed every precheck on the 10% left at home.
 */
public final class ResolveCheck {
  private ResolveCheck() {}

  /**
   * One line per field still different ("ConfigMap failwise/device-routing /data/go-eu-west-2.target is
   * "go-eu-north-1", saved "go-eu-west-2""); empty when every field is as the run found it.
   *
   * @param current the object as it is now (empty: it does not exist)
   */
  public static List<String> notPutBack(FailoverRunStatus s, Function<SavedObject, Optional<JsonNode>> current) {
    List<String> out = new ArrayList<>();
    if (s == null || s.rollbackData == null) {
      return out;
    }
    for (SavedObject o : s.rollbackData) {
      if (o.restoredAt != null) {
        continue;
      }
      String what = o.kind + " " + (o.namespace == null ? "" : o.namespace + "/") + o.name;
      Optional<JsonNode> now = current.apply(o);
      for (SavedValue v : o.fields) {
        boolean absentBefore = Boolean.TRUE.equals(v.absent);
        JsonNode field = now.map(n -> n.at(v.path)).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        boolean absentNow = field.isMissingNode() || field.isNull();
        boolean same = absentBefore ? absentNow : !absentNow && field.equals(v.value);
        if (!same) {
          out.add(what + " " + v.path + " is " + (now.isEmpty() ? "gone (the object does not exist)" : absentNow ? "absent" : field.toString())
              + ", saved " + (absentBefore ? "absent" : String.valueOf(v.value)));
        }
      }
    }
    return out;
  }
}
