package com.wooodoo.sync;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The product's shape, checked on its compiled classes (target/classes: not the tests, not the
 * sandbox). Layers point one way:
 * <pre>
 *   routefiles (the route files' start-up check)
 *     → entry points: api, admin, schedule, console
 *       → conflict
 *         → pipeline, orchestration
 *           → connector, store, observability
 *             → outbound (throttle, circuit breakers)
 * </pre>
 * no package of the product depends on another in a cycle, and no product class uses the
 * simulators or the demo.
 */
class ArchitectureTest {

    private static final String PRODUCT = "com.wooodoo.sync";
    private static JavaClasses product;

    @BeforeAll
    static void importTheProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(PRODUCT);
    }

    @Test
    void theProductNeverUsesTheSandboxOrTheDemo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(PRODUCT + ".sandbox..", PRODUCT + ".demo..")
                .because("the simulators and the demo are test and demo tools (src/sandbox/java), never in the product jar")
                .check(product);
        noClasses().should().resideInAnyPackage(PRODUCT + ".sandbox..", PRODUCT + ".demo..")
                .because("the product jar holds no simulator").check(product);
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching(PRODUCT + ".(*)..").should().beFreeOfCycles().check(product);
    }

    @Test
    void layersPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("route files").definedBy(PRODUCT + ".routefiles..")
                .layer("entry points").definedBy(PRODUCT + ".api..", PRODUCT + ".admin..", PRODUCT + ".schedule..",
                        PRODUCT + ".console..")
                .layer("conflict").definedBy(PRODUCT + ".conflict..")
                .layer("pipeline and orchestration").definedBy(PRODUCT + ".pipeline..", PRODUCT + ".orchestration..")
                .layer("connector, store, observability").definedBy(PRODUCT + ".connector..", PRODUCT + ".store..",
                        PRODUCT + ".observability..")
                .layer("outbound").definedBy(PRODUCT + ".outbound..")
                .whereLayer("route files").mayNotBeAccessedByAnyLayer()
                .whereLayer("entry points").mayOnlyBeAccessedByLayers("route files")
                .whereLayer("conflict").mayOnlyBeAccessedByLayers("route files", "entry points")
                .whereLayer("pipeline and orchestration").mayOnlyBeAccessedByLayers("route files", "entry points", "conflict")
                .whereLayer("connector, store, observability").mayOnlyBeAccessedByLayers("route files", "entry points",
                        "conflict", "pipeline and orchestration")
                .check(product);
    }
}
