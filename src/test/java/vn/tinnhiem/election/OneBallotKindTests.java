package vn.tinnhiem.election;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import vn.tinnhiem.crypto.BallotKind;

/** The conference's ballot kind is the very type the manifest is sealed with, so the two cannot drift apart. */
class OneBallotKindTests {

    @Test
    void there_is_one_ballot_kind_and_it_is_the_cryptos() throws Exception {
        assertThat(ElectionDetails.class.getRecordComponents()[4].getType()).isEqualTo(BallotKind.class);
        classes().that().haveSimpleName("BallotKind").should().haveFullyQualifiedName(BallotKind.class.getName())
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("vn.tinnhiem"));
    }
}
