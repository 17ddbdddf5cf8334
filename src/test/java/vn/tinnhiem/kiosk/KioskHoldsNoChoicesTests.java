package vn.tinnhiem.kiosk;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import vn.tinnhiem.crypto.BallotSealer;

/**
 * The server-side code of the kiosk path has no type that holds choices (issue 18, part 3): the tablet's page
 * seals the marks, and the server receives only the sealed ballot. Checked on the compiled main classes of the
 * kiosk and voting modules: none depends on {@link BallotSealer} (sealing is the tablet's), none is named for
 * marks or choices, and no field holds an {@code int[]} or a {@code boolean[]} (how a set of choices is kept).
 * The rules failed on the code before issue 18: {@code voting.Marks} (its name, its {@code int[] levelOf}) and
 * {@code VotingService}, which built a {@code BallotSealer} per conference; see the self-check below.
 */
class KioskHoldsNoChoicesTests {

    private static final String[] KIOSK_PATH = {"vn.tinnhiem.kiosk..", "vn.tinnhiem.voting.."};

    static ArchRule noSealer() {
        return noClasses().that().resideInAnyPackage(KIOSK_PATH)
                .should().dependOnClassesThat().areAssignableTo(BallotSealer.class)
                .because("the tablet seals; the server only checks what it receives");
    }

    static ArchRule noChoiceTypes() {
        return noClasses().that().resideInAnyPackage(KIOSK_PATH)
                .should().haveSimpleNameContaining("Marks").orShould().haveSimpleNameContaining("Choice")
                .orShould().dependOnClassesThat(describe("a type named for marks or choices",
                        (JavaClass c) -> c.getSimpleName().contains("Marks") || c.getSimpleName().contains("Choice")))
                .because("no type on the kiosk path holds a voter's choices");
    }

    static ArchRule noChoiceFields() {
        return noFields().that().areDeclaredInClassesThat(describe("classes of the kiosk path",
                        (JavaClass c) -> (c.getPackageName().startsWith("vn.tinnhiem.kiosk")
                                || c.getPackageName().startsWith("vn.tinnhiem.voting"))))
                .and(describe("are written in the source (not the compiler's switch tables)",
                        (JavaField f) -> !f.getModifiers().contains(JavaModifier.SYNTHETIC) && !f.getName().startsWith("$")))
                .should().haveRawType(int[].class).orShould().haveRawType(boolean[].class)
                .because("an int[] (or boolean[]) per candidate is how choices are held");
    }

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.tinnhiem.kiosk", "vn.tinnhiem.voting");

    @Test
    void no_kiosk_or_voting_class_seals_ballots() {
        noSealer().check(MAIN);
    }

    @Test
    void no_kiosk_or_voting_type_is_named_for_or_uses_a_type_named_for_choices() {
        noChoiceTypes().check(MAIN);
    }

    @Test
    void no_kiosk_or_voting_field_is_an_array_of_choices() {
        noChoiceFields().check(MAIN);
    }

    @Test
    void the_rules_catch_the_code_before_issue_18() {
        JavaClasses old = new ClassFileImporter().importClasses(OldMarks.class, OldVotingService.class);
        assertThat(noSealer().evaluate(old).hasViolation()).as("a voting service that seals").isTrue();
        assertThat(noChoiceTypes().evaluate(old).hasViolation()).as("a Marks class").isTrue();
        assertThat(noChoiceFields().evaluate(old).hasViolation()).as("an int[] of levels").isTrue();
        JavaClasses fine = new ClassFileImporter().importClasses(SealedOnly.class);
        assertThat(noSealer().evaluate(fine).hasViolation()).isFalse();
        assertThat(noChoiceTypes().evaluate(fine).hasViolation()).isFalse();
        assertThat(noChoiceFields().evaluate(fine).hasViolation()).isFalse();
    }

    /** The shape of the code before issue 18: marks held on the server... */
    static final class OldMarks {
        private final int[] levelOf = new int[3];

        int get(int candidate) {
            return levelOf[candidate];
        }
    }

    /** ...and sealed there. */
    static final class OldVotingService {
        private final BallotSealer sealer;

        OldVotingService(BallotSealer sealer) {
            this.sealer = sealer;
        }

        Object cast(OldMarks marks) {
            return sealer.seal(new int[] {marks.get(0)});
        }
    }

    /** The shape after: bytes in, bytes stored. */
    static final class SealedOnly {
        private final byte[] sealed;

        SealedOnly(byte[] sealed) {
            this.sealed = sealed.clone();
        }

        int size() {
            return sealed.length;
        }
    }
}
