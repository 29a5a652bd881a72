package com.wooodoo.sync;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The product's shape, checked on its compiled classes (target/classes, not the tests nor the
 * sandbox): no product class uses the simulators or the demo.
 */
class ArchitectureTest {

    private static JavaClasses product;

    @BeforeAll
    static void importTheProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("com.wooodoo.sync");
    }

    @Test
    void theProductNeverUsesTheSandboxOrTheDemo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.wooodoo.sync.sandbox..", "com.wooodoo.sync.demo..")
                .because("the simulators and the demo are test and demo tools (src/sandbox/java), never in the product jar")
                .check(product);
        noClasses().should().resideInAnyPackage("com.wooodoo.sync.sandbox..", "com.wooodoo.sync.demo..")
                .because("the product jar holds no simulator").check(product);
    }
}
