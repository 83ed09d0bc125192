package dev.feedbackloop.report.dotnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TestIdIndexTest {

    @Test
    void mapsManyUuidIdsAndOtherIds() {
        TestIdIndex index = new TestIdIndex();
        for (int i = 0; i < 50_000; i++) {
            index.put(new UUID(i, i * 31L).toString(), i % 7);
        }
        index.put("not-a-uuid", 3);
        index.put("1-1-1-1-1", 4); // parses as a UUID but is not canonical: kept as text

        assertThat(index.size()).isEqualTo(50_002);
        for (int i = 0; i < 50_000; i += 997) {
            assertThat(index.get(new UUID(i, i * 31L).toString())).isEqualTo(i % 7);
        }
        assertThat(index.get("not-a-uuid")).isEqualTo(3);
        assertThat(index.get("1-1-1-1-1")).isEqualTo(4);
        assertThat(index.get("00000001-0000-0001-0000-000000000001")).isEqualTo(-1);
        assertThat(index.get(new UUID(99_999, 1).toString())).isEqualTo(-1);
    }

    @Test
    void aLaterValueReplacesAnEarlierOne() {
        TestIdIndex index = new TestIdIndex();
        String id = "41c1dee7-2d17-4cf3-ae64-fae6fd9f9105";
        index.put(id, 1);
        index.put(id.toUpperCase(), 2);

        assertThat(index.get(id)).isEqualTo(2);
        assertThat(index.size()).isEqualTo(1);
    }
}
