package io.failwise.model.estimate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The estimator is pure domain code: policies, runs and the CLI call it with plain records, and it must
 * never reach for the API server, the network or a framework.
 */
class EstimateModelPurityTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.failwise.model.estimate");

  @Test
  void importsNoKubernetesFrameworkOrNetworkTypes() {
    noClasses()
        .that()
        .resideInAPackage("io.failwise.model.estimate..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8..", "io.quarkus..", "io.javaoperatorsdk..", "jakarta..", "java.net..", "java.io..",
            "java.nio..", "io.failwise.api..", "io.failwise.operator..", "io.failwise.cli..", "io.failwise.signals..")
        .check(classes);
  }
}
