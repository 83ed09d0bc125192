package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.store.ItemTooLargeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

    @Test
    void sizeCountsNamesValuesAndNestingOverhead() {
        Map<String, AttributeValue> item = Map.of(
                "PK", AttributeValue.fromS("ab"), // 2 + 2
                "n", AttributeValue.fromN("12345"), // 1 + 3
                "l", AttributeValue.fromL(List.of(AttributeValue.fromS("xyz"))), // 1 + 3 + (1 + 3)
                "é", AttributeValue.fromBool(true)); // 2 + 1

        assertThat(ItemSize.of(item)).isEqualTo(4 + 4 + 8 + 3);
    }

    @Test
    void multiByteCharactersCountAsTheirUtf8Length() {
        assertThat(ItemSize.utf8("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
    }

    @Test
    void anItemOverTheGuard_isRefusedNamingItsKey() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key("TEST#p#1", "RESULT#x"));
        item.put("blob", AttributeValue.fromS("x".repeat((int) ItemSize.GUARD)));

        assertThatThrownBy(() -> ItemSize.check("PutResults", item))
                .isInstanceOf(ItemTooLargeException.class)
                .hasMessageStartingWith("PutResults TEST#p#1/RESULT#x: item is 2621")
                .hasMessageEndingWith("over the limit of 262144 bytes");
    }

    @Test
    void theGuardIsWellUnderDynamoDbsLimit() {
        assertThat(ItemSize.GUARD).isLessThanOrEqualTo(ItemSize.DYNAMODB_LIMIT * 2 / 3);
        assertThat(ResultItems.BUDGET).isLessThan(ItemSize.GUARD);
    }
}
