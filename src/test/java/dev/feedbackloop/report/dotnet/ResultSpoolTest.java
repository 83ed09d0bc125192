package dev.feedbackloop.report.dotnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ResultSpoolTest {

    private static ResultSpool.Pending pending(int i) {
        Attempt attempt = i % 2 == 0 ? Attempt.passed(0, i)
                : new Attempt(0, AttemptStatus.FAILED, i, Optional.of(new Failure("mé" + i, Optional.of("T"),
                        Optional.empty())), "out" + i, "");
        return new ResultSpool.Pending("id" + i, "name " + i, attempt);
    }

    @Test
    void resultsPastTheMemoryBudgetGoToDiskAndComeBackInOrder() {
        List<ResultSpool.Pending> back = new ArrayList<>();
        try (ResultSpool spool = new ResultSpool(50)) {
            for (int i = 0; i < 100; i++) {
                spool.add(pending(i));
            }
            assertThat(spool.spilled()).isTrue();
            spool.drain(back::add);
            assertThat(spool.spilled()).isFalse();
        }
        assertThat(back).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100)
                .mapToObj(ResultSpoolTest::pending).toList());
    }

    @Test
    void aSmallSpoolStaysInMemory() {
        try (ResultSpool spool = new ResultSpool()) {
            spool.add(pending(1));
            assertThat(spool.spilled()).isFalse();
        }
    }

    @Test
    void closingRemovesTheSpoolFile() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = spoolFiles(tmp);
        try (ResultSpool spool = new ResultSpool(10)) {
            spool.add(pending(1));
            spool.add(pending(2));
            assertThat(spoolFiles(tmp)).isEqualTo(before + 1);
        }
        assertThat(spoolFiles(tmp)).isEqualTo(before);
    }

    private static long spoolFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("feedback-trx-")).count();
        }
    }
}
