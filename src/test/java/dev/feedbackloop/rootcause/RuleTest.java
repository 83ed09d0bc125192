package dev.feedbackloop.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Failure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A rule tried on its own finds what the keyword index finds for it. */
class RuleTest {

    private static final Rule NPM_INSTALL = RuleSet.parse(new ByteArrayInputStream("""
            {"rules": [{"id": "npm", "category": "INFRA", "keywords": ["npm err!"],
                        "when": {"text": "npm ERR! code E404"}}]}""".getBytes(StandardCharsets.UTF_8)), "rules.json")
            .rules().get(0);
    private static final String TEXT = "npm ERR! path /app/node_modules/left-pad\nnpm ERR! code E404\n";

    @Test
    void aKeywordSeenTwiceIsSearchedOnEachOfItsLines() {
        RuleInput text = new RuleInput(Failure.of(TEXT), Optional.empty());

        assertThat(NPM_INSTALL.fire(text, "npm")).hasValueSatisfying(e -> assertThat(e.excerpt())
                .isEqualTo("npm ERR! code E404"));
    }

    @Test
    void onItsOwnAndThroughTheIndexTheRuleFindsTheSameHits() {
        Hits alone = Hits.find(NPM_INSTALL, TEXT);
        RuleSet set = RuleSet.of(java.util.List.of(NPM_INSTALL));
        Hits indexed = set.candidates(TEXT).hits(0);

        assertThat(alone.count()).isEqualTo(2).isEqualTo(indexed.count());
        assertThat(java.util.Arrays.copyOf(alone.positions(), alone.count()))
                .containsExactly(java.util.Arrays.copyOf(indexed.positions(), indexed.count()));
    }
}
