package io.failwise.model.run;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The run lifecycle, pacing, stop rules, budget and freeze windows are pure: no I/O, no framework. */
class RunModelPurityTest {
  private final JavaClasses classes =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.failwise.model.run");

  @Test
  void importsNoKubernetesFrameworkOrIoTypes() {
    noClasses()
        .that()
        .resideInAPackage("io.failwise.model.run..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8..", "io.quarkus..", "io.javaoperatorsdk..", "jakarta..", "java.net..", "java.io..", "java.nio..",
            "com.fasterxml..", "io.failwise.api..", "io.failwise.operator..", "io.failwise.execution..", "io.failwise.cli..",
            "io.failwise.signals..")
        .check(classes);
  }
}
