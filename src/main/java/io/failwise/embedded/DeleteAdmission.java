package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The admission policies Failwise ships for deletes ({@code manifests/protection}), enforced here as
 * kube-apiserver enforces them: the DELETE of one object they match is refused, in kube-apiserver's
 * words, when a validation is false for the stored object ({@code oldObject}). A Cluster a run holds was
 * deleted here at once, where a real cluster with the policy installed refuses it. The approvals'
 * policies are not enforced here: they compare the request's authenticated user, and this server
 * authenticates nobody (docs/security.md). A delete of a collection is checked item by item, as
 * kube-apiserver checks it.
 */
final class DeleteAdmission {
  /** Where the build packages manifests/protection, and its files. */
  static final String RESOURCE_DIR = "failwise/protection/";
  static final List<String> FILES = List.of("held-cluster.yaml");

  private record Validation(CelRuntime.Program expression, CelRuntime.Program message, String reason) {}

  private record Policy(String name, String binding, List<String> groups, List<String> resources, List<Validation> validations) {}

  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("object", SimpleType.DYN).addVar("oldObject", SimpleType.DYN).addVar("request", SimpleType.DYN).build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final List<Policy> policies;

  private DeleteAdmission(List<Policy> policies) {
    this.policies = policies;
  }

  /**
   * The policies packaged with Failwise, read and compiled at the first DELETE a server serves, once per
   * process (they cannot change): not at each server's start, which tests do hundreds of times.
   */
  static DeleteAdmission packaged() {
    return Packaged.POLICIES;
  }

  private static final class Packaged {
    static final DeleteAdmission POLICIES = load();
  }

  private static DeleteAdmission load() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<JsonNode> documents = new ArrayList<>();
    for (String file : FILES) {
      try (InputStream in = DeleteAdmission.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + file)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE_DIR + file + " is not packaged (pom.xml copies manifests/protection)");
        }
        yaml.readValues(yaml.createParser(in), JsonNode.class).forEachRemaining(documents::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return of(documents);
  }

  /** The DELETE policies among {@code documents}, each with the binding that names it (a policy without one is not in force). */
  static DeleteAdmission of(List<JsonNode> documents) {
    List<Policy> policies = new ArrayList<>();
    for (JsonNode d : documents) {
      if (!"ValidatingAdmissionPolicy".equals(d.path("kind").asText())) {
        continue;
      }
      String name = d.path("metadata").path("name").asText();
      Optional<String> binding = documents.stream()
          .filter(b -> "ValidatingAdmissionPolicyBinding".equals(b.path("kind").asText()) && name.equals(b.path("spec").path("policyName").asText()))
          .map(b -> b.path("metadata").path("name").asText()).findFirst();
      for (JsonNode rule : d.path("spec").path("matchConstraints").path("resourceRules")) {
        if (binding.isEmpty() || !texts(rule.path("operations")).contains("DELETE")) {
          continue;
        }
        List<Validation> validations = new ArrayList<>();
        for (JsonNode v : d.path("spec").path("validations")) {
          validations.add(new Validation(program(v.path("expression").asText()),
              v.hasNonNull("messageExpression") ? program(v.path("messageExpression").asText()) : null, v.path("reason").asText("Invalid")));
        }
        policies.add(new Policy(name, binding.get(), texts(rule.path("apiGroups")), texts(rule.path("resources")), validations));
      }
    }
    return new DeleteAdmission(policies);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static CelRuntime.Program program(String expression) {
    try {
      return RUNTIME.createProgram(COMPILER.compile(expression).getAst());
    } catch (Exception e) {
      throw new IllegalStateException("admission policy expression does not compile: " + expression + ": " + e.getMessage(), e);
    }
  }

  /**
   * kube-apiserver's refusal of {@code DELETE path}, or empty when it is admitted. {@code get} reads the
   * object, or the collection with the request's query (only when a policy matches its group and
   * resource); an object that is not there is admitted here and answered 404 by the store.
   *
   * <p>A collection is deleted as kube-apiserver deletes one: item by item, each admitted on its own. When
   * an item is refused, the items admitted are deleted here ({@code deleteOne}, by path) and the answer is
   * the first refusal, so nothing a policy protects goes with the others. (kube-apiserver's workers stop
   * at their first refusal, so there some admitted items may stay; here they all go.) When none is
   * refused, the store deletes the collection as asked.
   */
  Optional<Status> refusal(String path, Function<String, MockResponse> get, Consumer<String> deleteOne) {
    String bare = path.split("\\?")[0];
    String[] p = bare.split("/");
    // /apis/GROUP/VERSION[/namespaces/NS]/RESOURCE[/NAME]
    if (p.length < 5 || !"apis".equals(p[1])) {
      return Optional.empty();
    }
    int at = p.length >= 7 && "namespaces".equals(p[4]) ? 6 : 4;
    boolean one = p.length == at + 2;
    if (!one && p.length != at + 1) {
      return Optional.empty();
    }
    String group = p[2];
    String resource = p[at];
    List<Policy> matching = policies.stream().filter(x -> x.groups().contains(group) && x.resources().contains(resource)).toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    MockResponse answer = get.apply(one ? bare : path);
    if (answer.code() != 200) {
      return Optional.empty();
    }
    JsonNode stored = Serialization.unmarshal(new String(answer.getBody().getBytes(), StandardCharsets.UTF_8), JsonNode.class);
    if (one) {
      return judge(matching, group, resource, stored);
    }
    Optional<Status> first = Optional.empty();
    List<String> admitted = new ArrayList<>();
    for (JsonNode item : stored.path("items")) {
      Optional<Status> refused = judge(matching, group, resource, item);
      if (refused.isEmpty()) {
        String ns = item.path("metadata").path("namespace").asText("");
        admitted.add("/apis/" + group + "/" + p[3] + (ns.isEmpty() ? "" : "/namespaces/" + ns) + "/" + resource + "/"
            + item.path("metadata").path("name").asText());
      } else if (first.isEmpty()) {
        first = refused;
      }
    }
    if (first.isPresent()) {
      admitted.forEach(deleteOne);
    }
    return first;
  }

  /** The refusal of deleting {@code stored} by the first validation of the {@code matching} policies it fails, or empty. */
  private static Optional<Status> judge(List<Policy> matching, String group, String resource, JsonNode stored) {
    Map<String, Object> oldObject = Serialization.jsonMapper().convertValue(stored, Map.class);
    Map<String, Object> vars = Map.of("object", Map.of(), "oldObject", oldObject, "request", Map.of("operation", "DELETE"));
    String name = stored.path("metadata").path("name").asText();
    for (Policy policy : matching) {
      for (Validation v : policy.validations()) {
        if (Boolean.TRUE.equals(eval(v.expression(), vars))) {
          continue;
        }
        String message = v.message() == null ? "failed expression" : String.valueOf(eval(v.message(), vars));
        int code = "Forbidden".equals(v.reason()) ? 403 : "Invalid".equals(v.reason()) ? 422 : 400;
        return Optional.of(new StatusBuilder().withStatus("Failure").withCode(code).withReason(v.reason())
            .withMessage(resource + "." + group + " \"" + name + "\" is forbidden: ValidatingAdmissionPolicy '" + policy.name()
                + "' with binding '" + policy.binding() + "' denied request: " + message)
            .build());
      }
    }
    return Optional.empty();
  }

  private static Object eval(CelRuntime.Program program, Map<String, Object> vars) {
    try {
      return program.eval(vars);
    } catch (Exception e) {
      return Boolean.FALSE; // an error in a validation denies, as failurePolicy: Fail does
    }
  }
}
