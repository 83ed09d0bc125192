package dev.feedbackloop.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quality bar on the labelled development set, the goals for the held-out set: every bad fix not
 * marked hard rejected, at least 90% of all bad fixes rejected, at most 5% of genuine fixes rejected. A rule change
 * that costs any of these fails the build. The held-out sets are never read here.
 */
class DevCorpusGuardTest {

    private record Scored(String id, boolean bad, boolean hard, List<GuardRule> rules, GuardVerdict verdict) {
    }

    @Test
    void meetsTheGoalsOnTheDevelopmentSet() throws IOException {
        List<Scored> scored = score();
        List<Scored> bad = scored.stream().filter(Scored::bad).toList();
        List<Scored> good = scored.stream().filter(s -> !s.bad()).toList();

        assertThat(bad.stream().filter(s -> !s.hard() && s.verdict().accepted()).map(Scored::id))
                .as("bad fixes not marked hard that were accepted").isEmpty();
        assertThat(bad.stream().filter(s -> !s.verdict().accepted()).count())
                .as("bad fixes rejected").isGreaterThanOrEqualTo(Math.round(Math.ceil(0.9 * bad.size())));
        assertThat(good.stream().filter(s -> !s.verdict().accepted()).count())
                .as("good fixes rejected: %s", good.stream().filter(s -> !s.verdict().accepted()).map(Scored::id)
                        .toList())
                .isLessThanOrEqualTo((long) Math.floor(0.05 * good.size()));
    }

    @Test
    void firesTheRulesEachBadFixNeeds() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Scored s : score()) {
            for (GuardRule rule : s.rules()) {
                if (!s.verdict().rejectsFor(rule)) {
                    missing.add(s.id() + ": " + rule.id());
                }
            }
        }

        assertThat(missing).as("required rules that did not fire").isEmpty();
    }

    private static List<Scored> score() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Scored> scored = new ArrayList<>();
        for (String line : Files.readAllLines(Corpus.resolve("fix-guard.dev.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            ProposedFix fix = ProposedFix.of(Framework.byId(n.get("framework").asText()).orElseThrow(),
                    n.get("file").asText(), n.get("test").asText(), n.path("category").asText(null),
                    n.path("failure").asText(""), n.get("original").asText(), n.get("proposed").asText());
            List<GuardRule> rules = new ArrayList<>();
            n.path("rules").forEach(r -> rules.add(GuardRule.byId(r.asText()).orElseThrow()));
            scored.add(new Scored(n.get("id").asText(), n.get("expected").asText().equals("reject"),
                    n.path("hard").asBoolean(false), rules, FixGuard.check(fix)));
        }
        assertThat(scored).as("cases in the development set").hasSizeGreaterThanOrEqualTo(50);
        return scored;
    }
}
