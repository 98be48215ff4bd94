package org.sparkxqa.bench.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The bench module's packages, with core's, form no cycle, and core never imports the bench module
 * (benchmark code stays out of the runtime jars). The Spark side is checked by its own module.
 */
class BenchPackageCyclesTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sparkxqa.core", "org.sparkxqa.bench");

    @Test
    void theImportSeesCoreAndEveryBenchPackage() {
        for (String p : new String[] {
            "org.sparkxqa.core", "org.sparkxqa.bench.kernel", "org.sparkxqa.bench.plan", "org.sparkxqa.bench.pack"
        }) {
            assertTrue(CLASSES.containPackage(p), "no classes of " + p + " were imported");
        }
    }

    @Test
    void noSlicesFormACycle() {
        slices().matching("org.sparkxqa.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void coreDoesNotImportTheBenchModule() {
        ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage("org.sparkxqa.core..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.sparkxqa.bench..")
                .check(CLASSES);
    }
}
