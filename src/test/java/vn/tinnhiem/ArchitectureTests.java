package vn.tinnhiem;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import jakarta.annotation.security.RolesAllowed;
import vn.tinnhiem.election.ElectionStatus;
import vn.tinnhiem.shared.CurrentStaff;
import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.shared.Roles;

/**
 * Views render what the services answer (issue 20): a screen never re-derives who may do what, or what a
 * conference's status allows, so a rule changed in a service cannot leave a wrong button on a screen.
 */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("vn.tinnhiem");

    /**
     * No role check in a view: the service answers ({@link vn.tinnhiem.shared.Permission}). A role constant in
     * {@code @RolesAllowed} on a route is inlined by the compiler and stays allowed: it guards the page, it
     * decides nothing on it.
     */
    @Test
    void views_check_no_roles() {
        noClasses().that().resideInAPackage("..ui..")
                .should().callMethod(CurrentStaff.class, "hasRole", String.class)
                .orShould().dependOnClassesThat().belongToAnyOf(Roles.class)
                .because("a view renders the service's answer (Permission) instead of checking roles itself")
                .check(CLASSES);
    }

    /**
     * No status comparison in a view: it may not name a status (read one of {@link ElectionStatus}'s constants,
     * which is what {@code ==}, {@code equals} and {@code EnumSet.of} against it compile to), nor order or
     * switch on one ({@code ordinal()}, {@code compareTo}, and the {@code values()} and {@code ordinal()} a
     * {@code switch} compiles to). Showing a status as a label ({@code name()}, a service's text) stays allowed.
     */
    @Test
    void views_compare_no_conference_status() {
        noClasses().that().resideInAPackage("..ui..")
                .should().accessFieldWhere(target(owner(assignableTo(ElectionStatus.class))))
                .orShould().callMethodWhere(target(owner(assignableTo(ElectionStatus.class)))
                        .and(target(nameMatching("ordinal|compareTo|values|valueOf"))))
                .because("what a status allows is the service's answer (Permission), not the view's")
                .check(CLASSES);
    }

    /** Every role named in {@code @RolesAllowed} is one of {@link Roles#ALL}: a misspelt role denies everyone. */
    @Test
    void every_role_allowed_is_a_role() {
        List<String> unknown = new ArrayList<>();
        for (JavaClass c : CLASSES) {
            c.tryGetAnnotationOfType(RolesAllowed.class).ifPresent(a -> check(c.getName(), a, unknown));
            for (JavaMethod m : c.getMethods()) {
                m.tryGetAnnotationOfType(RolesAllowed.class).ifPresent(a -> check(m.getFullName(), a, unknown));
            }
        }
        assertThat(unknown).isEmpty();
        assertThat(CLASSES.stream().filter(c -> c.isAnnotatedWith(RolesAllowed.class)
                || c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(RolesAllowed.class))))
                .as("the rule sees the annotations").isNotEmpty();
    }

    /**
     * A conference travels as an {@link ElectionId} from the view's route parameter to the repository, which
     * unwraps it at the jOOQ edge: outside a module's {@code internal} package no method, constructor or record
     * takes a conference's id as a bare {@code long} (where a voter's, a teller's or a candidate's would fit too).
     */
    @Test
    void a_conference_id_is_typed_outside_the_repositories() {
        List<String> bare = new ArrayList<>();
        int typed = 0;
        for (JavaClass c : CLASSES) {
            if (c.getPackageName().contains(".internal") || c.getPackageName().startsWith("vn.tinnhiem.db")) {
                continue; // the repositories unwrap it for jOOQ, whose generated records hold the column's type
            }
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                Parameter[] parameters = unit instanceof JavaMethod m ? m.reflect().getParameters()
                        : unit instanceof JavaConstructor k ? k.reflect().getParameters() : new Parameter[0];
                for (Parameter p : parameters) {
                    if (!p.getName().equals("electionId")) {
                        continue;
                    }
                    if (p.getType() == long.class || p.getType() == Long.class) {
                        bare.add(unit.getFullName());
                    } else if (p.getType() == ElectionId.class) {
                        typed++;
                    }
                }
            }
        }
        assertThat(bare).isEmpty();
        assertThat(typed).as("the rule reads parameter names (javac -parameters)").isGreaterThan(100);
    }

    private static void check(String where, RolesAllowed allowed, List<String> unknown) {
        for (String role : allowed.value()) {
            if (!Roles.ALL.contains(role)) {
                unknown.add(where + ": " + role);
            }
        }
    }
}
