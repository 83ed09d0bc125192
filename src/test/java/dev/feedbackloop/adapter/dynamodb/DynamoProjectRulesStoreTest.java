package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.store.ProjectRules;
import dev.feedbackloop.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Projects' versioned custom rules on the real DynamoDB engine. */
class DynamoProjectRulesStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String V1 = "[{\"id\": \"waf\", \"category\": \"INFRA\", \"weight\": 0.9, \"phrases\": [\"waf\"]}]";
    private static final String V2 = "[{\"id\": \"waf\", \"category\": \"BOT_BLOCK\", \"weight\": 0.9, "
            + "\"phrases\": [\"waf\"]}]";
    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("rules");
    private static final DynamoProjectRulesStore store = new DynamoProjectRulesStore(fixture.client, fixture.settings);

    @Test
    void eachChangeIsANewVersion_andTheNewestIsCurrent() {
        assertThat(store.current("versions")).isEmpty();

        ProjectRules first = store.save("versions", V1, NOW);
        ProjectRules second = store.save("versions", V2, NOW.plusSeconds(60));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(store.current("versions")).contains(second);
        assertThat(fixture.rawItem("RULES#versions", "V#0000000001").get("text").s()).isEqualTo(V1);
    }

    @Test
    void savingTheSameRulesAgain_isTheSameVersion() {
        ProjectRules first = store.save("same", V1, NOW);

        ProjectRules again = store.save("same", V1, NOW.plusSeconds(60));

        assertThat(again).isEqualTo(first);
        assertThat(store.current("same").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void projectsKeepTheirOwnRules() {
        store.save("one", V1, NOW);
        store.save("two", V2, NOW);

        assertThat(store.current("one").orElseThrow().text()).isEqualTo(V1);
        assertThat(store.current("two").orElseThrow().text()).isEqualTo(V2);
        assertThat(store.current("one-more")).isEmpty();
    }

    @Test
    void concurrentSaves_neverShareAVersion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ProjectRules>> saves = List.of(
                    () -> store.save("racing", V1.replace("waf", "a"), NOW),
                    () -> store.save("racing", V1.replace("waf", "b"), NOW),
                    () -> store.save("racing", V1.replace("waf", "c"), NOW),
                    () -> store.save("racing", V1.replace("waf", "d"), NOW));
            List<Integer> versions = new ArrayList<>();
            for (Future<ProjectRules> saved : pool.invokeAll(saves)) {
                versions.add(saved.get().version());
            }
            assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rulesTooLargeForAnItem_areRefusedBeforeAnyWrite() {
        String huge = "[" + " ".repeat(ProjectRules.MAX_BYTES) + "]";

        assertThatThrownBy(() -> store.save("huge", huge, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + ProjectRules.MAX_BYTES);
        assertThat(store.current("huge")).isEmpty();
    }

    @Test
    void aDamagedItem_isReportedAsCorrupt() {
        store.save("damaged", V1, NOW);
        fixture.client.updateItem(b -> b.tableName(fixture.table)
                .key(Items.key("RULES#damaged", "V#0000000001"))
                .updateExpression("SET #t = :t").expressionAttributeNames(Map.of("#t", "text"))
                .expressionAttributeValues(Map.of(":t", Items.s("changed behind our back"))));

        assertThatThrownBy(() -> store.current("damaged")).isInstanceOf(StoreException.class)
                .hasMessageContaining("digest");
    }
}
