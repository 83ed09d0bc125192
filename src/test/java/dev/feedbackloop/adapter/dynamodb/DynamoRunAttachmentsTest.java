package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.StoredAttachment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run's attachment references on DynamoDB Local: each kept once, listed by test, attempt and name. */
class DynamoRunAttachmentsTest {

    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("run-attachments");

    private static final RunKey RUN = new RunKey("web", "r1", 1);
    private static final StoredAttachment SHOT = new StoredAttachment(new TestId("00000000000000b2"), "pays", 0,
            "screenshot", "image/png", 4_000, "a".repeat(64));
    private static final StoredAttachment RETRY = new StoredAttachment(new TestId("00000000000000b2"), "pays", 1,
            "screenshot", "image/png", 4_100, "b".repeat(64));
    private static final StoredAttachment TRACE = new StoredAttachment(new TestId("00000000000000a1"), "logs in", 0,
            "trace", "application/zip", 90_000, "c".repeat(64));

    @Test
    void referencesAreListedByTestAttemptAndName_andWrittenAgainChangeNothing() {
        DynamoRunAttachments store = new DynamoRunAttachments(fixture.client, fixture.settings);
        store.reference(RUN, List.of(RETRY, SHOT));
        store.reference(RUN, List.of(TRACE, SHOT));

        String item = Keys.attachmentSk(SHOT.test(), 0, "screenshot", SHOT.sha256());
        var before = fixture.rawItem(Keys.runPk(RUN), item);
        store.reference(RUN, List.of(SHOT, RETRY, TRACE));

        assertThat(store.find(RUN)).containsExactly(TRACE, SHOT, RETRY);
        assertThat(fixture.rawItem(Keys.runPk(RUN), item)).isEqualTo(before);
        assertThat(store.find(new RunKey("web", "r1", 2))).as("another attempt is another run").isEmpty();
        assertThat(store.find(new RunKey("shop", "r1", 1))).isEmpty();
    }

    @Test
    void theSameContentUnderTwoNamesOrTestsIsTwoReferences() {
        DynamoRunAttachments store = new DynamoRunAttachments(fixture.client, fixture.settings);
        RunKey run = new RunKey("web", "r2", 1);
        StoredAttachment sameBytesOtherName = new StoredAttachment(SHOT.test(), "pays", 0, "after click",
                "image/png", 4_000, SHOT.sha256());

        store.reference(run, List.of(SHOT, sameBytesOtherName));

        assertThat(store.find(run)).containsExactly(sameBytesOtherName, SHOT);
    }
}
