package dev.feedbackloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.RunKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawReportKeyTest {

    private static final String SHA = "2aea377a76e049704caebcc8eee6bda1c48f1c4b5648ee9662b4102284de1cad";

    @Test
    void theRunSegment_isPinned() {
        // python3 -c "import hashlib; print(hashlib.sha256(b'1#9876543210').hexdigest()[:32])"
        assertThat(RawReportKey.runSegment(new RunKey("web-shop", "9876543210", 1)))
                .isEqualTo("09a4ff9956f202ad97c6e9bbd5abdeff");
    }

    @Test
    void aKeyNamesProjectRunAttemptAndContent() {
        RunKey run = new RunKey("web-shop", "9876543210", 1);
        RawReportKey key = RawReportKey.of(run, SHA, true);

        assertThat(key.under("reports/"))
                .isEqualTo("reports/web-shop/09a4ff9956f202ad97c6e9bbd5abdeff/" + SHA + ".gz");
        assertThat(RawReportKey.parse("reports/", key.under("reports/"))).contains(key);
        assertThat(key.belongsTo(run)).isTrue();
        assertThat(key.belongsTo(new RunKey("web-shop", "9876543210", 2))).isFalse();
        assertThat(key.belongsTo(new RunKey("web-shop", "9876543211", 1))).isFalse();
        assertThat(key.belongsTo(new RunKey("other", "9876543210", 1))).isFalse();
    }

    @Test
    void anyRunIdMakesASafeKey() {
        String key = RawReportKey.of(new RunKey("web", "../a b/✓#?%", 3), SHA, false).under("");

        assertThat(key).matches("web/[0-9a-f]{32}/[0-9a-f]{64}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"other/web/09a4ff9956f202ad97c6e9bbd5abdeff/" + SHA, "reports/web/" + SHA,
            "reports/web/09a4ff9956f202ad97c6e9bbd5abdeff/" + SHA + ".zip", "reports/web/x/" + SHA,
            "reports/we b/09a4ff9956f202ad97c6e9bbd5abdeff/" + SHA})
    void otherKeysAreNotRunKeys(String key) {
        assertThat(RawReportKey.parse("reports/", key)).isEqualTo(Optional.empty());
    }
}
