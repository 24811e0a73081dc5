package io.failwise.cli.world;

import io.failwise.embedded.EmbeddedApiServer;
import io.failwise.cli.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code run --embedded} creates before the controller starts: the samples (regions, clusters,
 * the routing ConfigMap, the gateways the playbooks scale), then the playbooks and the sample policy,
 * so that {@code kubectl apply -f playbooks/runs/} has something to run. From the checkout when the
 * command runs in one, else from the copies in the jar.
 */
public final class WorldResources {
  /** The jar's copies (failwise/samples, failwise/playbooks), in the order they are created. */
  public static final List<String> SAMPLE_FILES = List.of("regions.yaml", "clusters.yaml", "routing.yaml", "gateways.yaml");
  public static final List<String> PLAYBOOK_FILES =
      List.of("affected-devices.yaml", "quarterly-drill.yaml", "regional-failover.yaml", "policies/eu-shadow.yaml");

  private WorldResources() {}

  /** Creates the samples from {@code samples} (or manifests/samples, else the jar's); returns how many objects. */
  public static int samples(EmbeddedApiServer server, Path samples) {
    Path dir = samples != null ? samples : Path.of("manifests/samples");
    if (Files.isDirectory(dir)) {
      return server.applyDirectory(dir).size();
    }
    if (samples != null) {
      throw new UserInputException("--samples " + samples + ": no such folder");
    }
    return fromJar(server, "failwise/samples/", SAMPLE_FILES);
  }

  /** Creates the playbooks and policies of playbooks/ (or the jar's copies); returns how many objects. */
  public static int playbooks(EmbeddedApiServer server) {
    Path dir = Path.of("playbooks");
    if (Files.isDirectory(dir)) {
      int n = server.applyDirectory(dir).size();
      return Files.isDirectory(dir.resolve("policies")) ? n + server.applyDirectory(dir.resolve("policies")).size() : n;
    }
    return fromJar(server, "failwise/playbooks/", PLAYBOOK_FILES);
  }

  private static int fromJar(EmbeddedApiServer server, String folder, List<String> files) {
    int n = 0;
    for (String file : files) {
      try (InputStream in = WorldResources.class.getClassLoader().getResourceAsStream(folder + file)) {
        if (in != null) {
          n += server.apply(in).size();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return n;
  }
}
