package org.sparkxqa.spark.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the product imports a package that imports it back, directly or through others
 * (docs/ARCHITECTURE.md shows which way they point). Covers core and the Spark side, whose classes
 * are both on this module's test classpath; test code is left out.
 */
class PackageCyclesTest {
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sparkxqa");

    @Test
    void theImportSeesCoreAndTheSparkSide() {
        for (String p : new String[] {
            "org.sparkxqa.core", "org.sparkxqa.core.gpu", "org.sparkxqa.spark.sql.exec", "org.sparkxqa.spark.job"
        }) {
            assertTrue(PRODUCT.containPackage(p), "no classes of " + p + " were imported");
        }
    }

    @Test
    void everyPackageIsASliceAndNoSlicesFormACycle() {
        slices().matching("org.sparkxqa.(**)").should().beFreeOfCycles().check(PRODUCT);
    }
}
