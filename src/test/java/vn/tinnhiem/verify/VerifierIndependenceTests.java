package vn.tinnhiem.verify;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The verifier shares no code path with the count except the group arithmetic (issue 9, part 6): it uses no
 * class of the app outside its own package but the files kit (its page only the shared layout and language
 * switch), and the kit, format plumbing only, uses none of the count or the crypto core (issue 20, part 3).
 */
class VerifierIndependenceTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("vn.tinnhiem");

    @Test
    void the_verifier_uses_only_the_jdk_and_bouncy_castle() {
        noClasses().that().resideInAPackage("vn.tinnhiem.verify")
                .should().dependOnClassesThat().resideOutsideOfPackages("vn.tinnhiem.verify", "java..",
                        "org.bouncycastle..", "org.jspecify..", "vn.tinnhiem.shared.files")
                .check(CLASSES);
    }

    @Test
    void its_page_uses_nothing_of_the_app_but_the_verifier_and_the_shared_ui() {
        noClasses().that().resideInAPackage("vn.tinnhiem.verify..")
                .should().dependOnClassesThat(resideInAPackage("vn.tinnhiem..")
                        .and(resideOutsideOfPackages("vn.tinnhiem.verify..", "vn.tinnhiem.shared.i18n..",
                                "vn.tinnhiem.shared.ui..", "vn.tinnhiem.shared.files")))
                .check(CLASSES);
    }

    @Test
    void the_files_kit_it_uses_is_format_plumbing_without_protocol_code() {
        noClasses().that().resideInAPackage("vn.tinnhiem.shared.files")
                .should().dependOnClassesThat().resideOutsideOfPackages("vn.tinnhiem.shared.files",
                        "vn.tinnhiem.shared.i18n", "java..", "org.jspecify..", "tools.jackson..")
                .check(CLASSES);
    }
}
