package io.failwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admission policies shipped in manifests/approvals, evaluated with CEL as the API server would
 * evaluate them: a forged approver (or requester, or group) is refused, the authenticated one passes.
 * Only a real API server enforces them; the embedded one does not (docs/security.md).
 */
class ApprovalAdmissionPolicyTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("object", SimpleType.DYN).addVar("oldObject", SimpleType.DYN).addVar("request", SimpleType.DYN).build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  /** The validation expressions of the named policy, as shipped. */
  private static List<String> expressions(String policy) throws Exception {
    List<String> out = new ArrayList<>();
    try (var parser = YAML.createParser(Files.readString(Path.of("manifests/approvals/admission-policy.yaml")))) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode d = it.next();
        if (d.path("kind").asText().equals("ValidatingAdmissionPolicy") && d.path("metadata").path("name").asText().equals(policy)) {
          d.path("spec").path("validations").forEach(v -> out.add(v.path("expression").asText()));
        }
      }
    }
    assertFalse(out.isEmpty(), "policy " + policy + " is shipped");
    return out;
  }

  /** Whether every validation of the policy admits the request. */
  private static final Map<String, List<CelRuntime.Program>> PROGRAMS = new java.util.HashMap<>();

  private static synchronized List<CelRuntime.Program> programs(String policy) throws Exception {
    if (!PROGRAMS.containsKey(policy)) {
      List<CelRuntime.Program> programs = new ArrayList<>();
      for (String e : expressions(policy)) {
        programs.add(RUNTIME.createProgram(COMPILER.compile(e).getAst()));
      }
      PROGRAMS.put(policy, programs);
    }
    return PROGRAMS.get(policy);
  }

  private static boolean admits(String policy, Map<String, Object> object, Map<String, Object> request) throws Exception {
    for (var program : programs(policy)) {
      if (!Boolean.TRUE.equals(program.eval(Map.of("object", object, "oldObject", Map.of(), "request", request)))) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> request(String user, List<String> groups) {
    return Map.of("operation", "CREATE", "userInfo", Map.of("username", user, "groups", groups));
  }

  private static Map<String, Object> approval(String approver, List<String> groups) {
    return Map.of("spec", Map.of("run", "incident", "step", "approve", "approver", approver, "groups", groups));
  }

  @Test
  void aForgedApproverNameIsRefused() throws Exception {
    String policy = "failwise-approver-is-authenticated";
    assertTrue(admits(policy, approval("alice@example.com", List.of()), request("alice@example.com", List.of("system:authenticated"))));
    assertFalse(admits(policy, approval("alice@example.com", List.of()), request("mallory@example.com", List.of("system:authenticated"))),
        "mallory cannot approve as alice");
  }

  @Test
  void aGroupTheApproverIsNotInIsRefused() throws Exception {
    String policy = "failwise-approver-is-authenticated";
    assertTrue(admits(policy, approval("alice", List.of("sre-leads")), request("alice", List.of("sre-leads", "system:authenticated"))));
    assertFalse(admits(policy, approval("alice", List.of("sre-leads")), request("alice", List.of("system:authenticated"))));
    assertFalse(admits(policy, approval("alice", List.of("sre-leads")), Map.of("operation", "CREATE", "userInfo", Map.of("username", "alice"))),
        "a request without groups claims none");
  }

  @Test
  void aRunCannotNameSomeoneElseAsItsRequesterExceptByTheControllerForAPolicy() throws Exception {
    String policy = "failwise-requester-is-authenticated";
    Map<String, Object> run = Map.of("spec", Map.of("playbook", "regional-failover", "source", "go-eu-west-1", "requestedBy", "alice"));
    assertTrue(admits(policy, run, request("alice", List.of())));
    assertFalse(admits(policy, run, request("bob", List.of())), "bob cannot make alice the requester and then approve with four eyes");
    assertTrue(admits(policy, run, request("system:serviceaccount:failwise-system:failwise-controller", List.of())));
    assertTrue(admits(policy, Map.of("spec", Map.of("playbook", "p", "source", "s")), request("bob", List.of())), "requestedBy may be left out");
  }

  @Test
  void theBindingsDenyRatherThanWarn() throws Exception {
    String yaml = Files.readString(Path.of("manifests/approvals/admission-policy.yaml"));
    assertEquals(2, yaml.split("validationActions: \\[Deny\\]", -1).length - 1);
  }
}
