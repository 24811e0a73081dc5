package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.SavedObject;
import io.failwise.api.FailoverRunStatus.SavedValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a Failed run changed and nobody put back, checked before `failwise resolve` frees its clusters: an
 * outside pass resolved a run whose failback an abort had stopped, with the routing still sending 90% of
 * go-eu-west-2 to go-eu-north-1, and the next drill passed every precheck on the 10% left at home.
 */
class ResolveCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static FailoverRunStatus failedWithRouting() {
    SavedObject routing = new SavedObject();
    routing.apiVersion = "v1";
    routing.kind = "ConfigMap";
    routing.namespace = "failwise";
    routing.name = "device-routing";
    SavedValue target = new SavedValue();
    target.path = "/data/go-eu-west-2.target";
    target.value = TextNode.valueOf("go-eu-west-2");
    SavedValue percent = new SavedValue();
    percent.path = "/data/go-eu-west-2.percent";
    percent.absent = true;
    routing.fields = List.of(target, percent);
    FailoverRunStatus s = new FailoverRunStatus();
    s.rollbackData = List.of(routing);
    return s;
  }

  private static Optional<JsonNode> configMap(String data) throws Exception {
    return Optional.of(JSON.readTree("{\"data\":" + data + "}"));
  }

  @Test
  void theRoutingLeftElsewhereIsNamedFieldByField() throws Exception {
    Optional<JsonNode> now = configMap("{\"go-eu-west-2.target\":\"go-eu-north-1\",\"go-eu-west-2.percent\":\"90\"}");
    assertEquals(List.of(
        "ConfigMap failwise/device-routing /data/go-eu-west-2.target is \"go-eu-north-1\", saved \"go-eu-west-2\"",
        "ConfigMap failwise/device-routing /data/go-eu-west-2.percent is \"90\", saved absent"),
        ResolveCheck.notPutBack(failedWithRouting(), o -> now));
  }

  @Test
  void routingPutBackByHandIsNothingToSay() throws Exception {
    Optional<JsonNode> now = configMap("{\"go-eu-west-2.target\":\"go-eu-west-2\",\"other\":\"x\"}");
    assertEquals(List.of(), ResolveCheck.notPutBack(failedWithRouting(), o -> now));
  }

  @Test
  void anObjectTheControllerRestoredIsNotCheckedAndOneThatIsGoneIsSaid() {
    FailoverRunStatus restored = failedWithRouting();
    restored.rollbackData.get(0).restoredAt = "2026-03-12T23:00:00Z";
    assertEquals(List.of(), ResolveCheck.notPutBack(restored, o -> Optional.empty()));
    assertEquals("ConfigMap failwise/device-routing /data/go-eu-west-2.target is gone (the object does not exist), saved \"go-eu-west-2\"",
        ResolveCheck.notPutBack(failedWithRouting(), o -> Optional.empty()).get(0));
  }
}
