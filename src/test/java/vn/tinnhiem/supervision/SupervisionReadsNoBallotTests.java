package vn.tinnhiem.supervision;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import vn.tinnhiem.shared.ElectionId;
import vn.tinnhiem.voting.VotingService;

/**
 * A supervision page cannot reach ballot data, and no partial result exists: the supervision module does not
 * use the count, the crypto core, the voting module's ballots or the ballot tables, and of the voting service
 * it calls only the wrong-code counts. Checked on the compiled classes, so a later edit that peeks breaks the build.
 */
class SupervisionReadsNoBallotTests {

    /** The rule, for any package (so that its own check below can show it catches a peek). */
    static ArchRule readsNoBallot(String pkg) {
        return noClasses().that().resideInAPackage(pkg)
                .should().dependOnClassesThat().resideInAnyPackage("vn.tinnhiem.count..", "vn.tinnhiem.crypto..",
                        "vn.tinnhiem.voting.internal..", "vn.tinnhiem.verify..")
                .orShould().dependOnClassesThat(describe("ballot or tracking tables of vn.tinnhiem.db",
                        (JavaClass c) -> c.getPackageName().startsWith("vn.tinnhiem.db")
                                && (c.getSimpleName().startsWith("Ballot") || c.getSimpleName().startsWith("Tracking"))))
                .orShould().dependOnClassesThat(describe("voting types other than VotingService",
                        (JavaClass c) -> c.getPackageName().equals("vn.tinnhiem.voting")
                                && !c.isEquivalentTo(VotingService.class)))
                .orShould().accessTargetWhere(describe("a VotingService method other than wrongCodeCounts",
                        (JavaAccess<?> a) -> a.getTargetOwner().isEquivalentTo(VotingService.class)
                                && !a.getTarget().getName().equals("wrongCodeCounts")));
    }

    @Test
    void the_supervision_module_reads_no_ballot_and_no_result() {
        readsNoBallot("vn.tinnhiem.supervision..").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("vn.tinnhiem.supervision"));
    }

    @Test
    void the_rule_catches_a_page_that_opens_the_ballot_box() {
        var peek = new ClassFileImporter().importClasses(BallotPeek.class);
        assertThat(readsNoBallot("vn.tinnhiem.supervision..").evaluate(peek).hasViolation()).isTrue();
        var counts = new ClassFileImporter().importClasses(WrongCodesOnly.class);
        assertThat(readsNoBallot("vn.tinnhiem.supervision..").evaluate(counts).hasViolation()).isFalse();
    }

    /** What the rule must refuse: a supervision class reading the ballot box. */
    static final class BallotPeek {
        int peek(VotingService voting) {
            return voting.ballotBox(ElectionId.of(1)).size();
        }
    }

    /** What the rule allows: the wrong codes per tablet. */
    static final class WrongCodesOnly {
        int refused(VotingService voting) {
            return voting.wrongCodeCounts().size();
        }
    }
}
