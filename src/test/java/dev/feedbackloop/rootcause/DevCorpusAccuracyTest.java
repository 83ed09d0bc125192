package dev.feedbackloop.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quality bar on the labelled development corpus: a rule change that costs accuracy fails the build. The
 * held-out set that judges the classifier is never seen here; rules are written for kinds of messages, not lines.
 */
class DevCorpusAccuracyTest {

    @Test
    void classifiesTheDevelopmentCorpusWithAccuracyAndMacroF1AboveTheBar() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Evaluation.Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(Corpus.resolve("failure-messages.dev.jsonl"))) {
            JsonNode node = json.readTree(line);
            Category predicted = FailureClassifier.standard()
                    .classify(Redactor.standard().redact(Failure.of(node.get("message").asText())))
                    .classification().category();
            samples.add(new Evaluation.Sample(node.get("id").asText(), Category.valueOf(node.get("label").asText()),
                    predicted, node.path("ambiguous").asBoolean(false)));
        }
        Evaluation strict = new Evaluation(samples);
        // the set was labelled with the original ten categories: a code error there is UNKNOWN ("no category fits")
        Evaluation evaluation = strict.inTaxonomyOfLabels();

        assertThat(samples).hasSize(92);
        assertThat(evaluation.accuracy()).as("accuracy; misclassified: %s", evaluation.misclassified())
                .isGreaterThanOrEqualTo(0.90);
        assertThat(evaluation.macroF1()).as("macro-F1").isGreaterThanOrEqualTo(0.85);
        assertThat(strict.samples()).filteredOn(s -> s.predicted() != s.predicted().labelledBefore())
                .as("predictions of the newer categories are all on messages labelled UNKNOWN")
                .isNotEmpty().allMatch(s -> s.expected() == Category.UNKNOWN);
    }
}
