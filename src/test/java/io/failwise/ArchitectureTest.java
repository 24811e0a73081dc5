package io.failwise;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain stays pure so that every decision can be replayed and tested without a cluster. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.failwise");

  @Test
  void modelImportsNoKubernetesQuarkusOrNetworking() {
    noClasses()
        .that()
        .resideInAPackage("io.failwise.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8..",
            "io.javaoperatorsdk..",
            "io.quarkus..",
            "io.quarkiverse..",
            "jakarta..",
            "java.net..",
            "java.net.http..",
            "io.failwise.api..",
            "io.failwise.operator..",
            "io.failwise.cli..",
            "io.failwise.execution..",
            "io.failwise.signals..")
        .because("io.failwise.model is pure domain code: no I/O, no framework (DESIGN.md)")
        .check(MAIN);
  }

  @Test
  void apiTypesDoNotReachIntoTheController() {
    noClasses()
        .that()
        .resideInAPackage("io.failwise.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.failwise.operator..", "io.failwise.cli..", "io.failwise.execution..")
        .because("resources describe state; they do not call the code that acts on it")
        .check(MAIN);
  }
}
