package vn.tinnhiem;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The module boundaries of architecture.md, checked on every build. */
class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("vn.tinnhiem");

    @Test
    void modules_reach_each_other_only_through_their_public_faces_and_without_cycles() {
        ApplicationModules.of(TinNhiemApplication.class).verify();
    }

    @Test
    void the_crypto_core_is_plain_java_on_bouncy_castle() {
        noClasses().that().resideInAPackage("vn.tinnhiem.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..",
                        "com.vaadin..", "vn.tinnhiem.db..", "java.sql..", "jakarta..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void stored_ballots_reach_a_tally_only_through_the_ballot_box_which_checks_proofs_and_copies() {
        noClasses().that().resideOutsideOfPackage("vn.tinnhiem.crypto..")
                .should().callMethod(vn.tinnhiem.crypto.EncryptedTally.class, "aggregate",
                        vn.tinnhiem.crypto.ElectionContext.class, java.util.List.class, boolean.class)
                .check(CLASSES);
    }

    @Test
    void views_never_touch_repositories_or_jooq() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.jooq..", "vn.tinnhiem.db..")
                .check(CLASSES);
    }

    @Test
    void services_speak_no_vaadin() {
        noClasses().that().haveSimpleNameEndingWith("Service").and().resideOutsideOfPackage("..ui..")
                .should().dependOnClassesThat().resideInAPackage("com.vaadin..")
                .check(CLASSES);
    }
}
