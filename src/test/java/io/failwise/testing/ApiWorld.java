package io.failwise.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.Fixtures;
import io.failwise.api.Region;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.cli.files.SourcedDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Puts what an integration test's world needs on an API server: namespaces, Regions, Clusters,
 * playbooks, the repository's YAML files and any other object. Every call is safe to repeat (a test
 * class that shares its Quarkus application with others finds what they left), so that the worlds of
 * the integration tests are made one way and a change of how they are made happens here once.
 */
public final class ApiWorld {
  private final KubernetesClient client;

  private ApiWorld(KubernetesClient client) {
    this.client = client;
  }

  public static ApiWorld on(KubernetesClient client) {
    return new ApiWorld(client);
  }

  /** The namespace, created when missing. */
  public ApiWorld namespace(String name) {
    if (client.namespaces().withName(name).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }
    return this;
  }

  /** Regions shaped like the samples ({@link Fixtures#region}), each created when missing; one that exists is left as it is. */
  public ApiWorld regions(String... names) {
    for (String name : names) {
      if (client.resources(Region.class).withName(name).get() == null) {
        client.resource(Fixtures.region(name)).create();
      }
    }
    return this;
  }

  /** The objects in this order, each created, or replaced by the test's version when it exists. */
  public ApiWorld apply(HasMetadata... objects) {
    for (HasMetadata o : objects) {
      client.resource(o).createOr(existing -> existing.update());
    }
    return this;
  }

  /** Every object in these YAML files (the repository's samples, say), created or replaced. */
  public ApiWorld files(Path... files) {
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        apply(client.load(in).items().toArray(HasMetadata[]::new));
      } catch (IOException e) {
        throw new UncheckedIOException(file + " cannot be read", e);
      }
    }
    return this;
  }

  /**
   * The FailoverPlaybooks of the YAML files in {@code folder}, read as {@code failwise validate} reads
   * them and created, each after {@code edit} of its YAML (a test points their webhooks at its own server).
   */
  public ApiWorld playbooks(Path folder, UnaryOperator<String> edit) {
    for (SourcedDocument d : ResourceFiles.read(List.of(folder))) {
      if (d.kind().equals("FailoverPlaybook")) {
        String yaml = edit.apply(Serialization.asYaml(ResourceFiles.convert(d, FailoverPlaybook.class)));
        client.resource(Serialization.unmarshal(yaml, FailoverPlaybook.class)).create();
      }
    }
    return this;
  }

  /** A copy of {@code original} under {@code name}, edited, created in the original's namespace: a test's variant of an object. */
  public <T extends HasMetadata> T copy(T original, String name, Consumer<T> edit) {
    @SuppressWarnings("unchecked")
    T copy = (T) Serialization.unmarshal(Serialization.asJson(original), original.getClass());
    copy.getMetadata().setName(name);
    copy.getMetadata().setResourceVersion(null);
    copy.getMetadata().setUid(null);
    edit.accept(copy);
    return client.resource(copy).create();
  }

  /**
   * A FailoverRun as the controller records it (a finished drill, say) without a controller running
   * it: created without its status, then the status written, as the status subresource wants.
   */
  public ApiWorld recordedRun(FailoverRun run) {
    FailoverRunStatus status = run.getStatus();
    run.setStatus(null);
    client.resource(run).create();
    FailoverRun created = client.resources(FailoverRun.class).inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName()).get();
    created.setStatus(status);
    // Without a resourceVersion: a controller running meanwhile may have written the run (its finalizer).
    created.getMetadata().setResourceVersion(null);
    client.resource(created).patchStatus();
    return this;
  }
}
