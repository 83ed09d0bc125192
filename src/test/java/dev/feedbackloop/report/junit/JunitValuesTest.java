package dev.feedbackloop.report.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JunitValuesTest {

    @ParameterizedTest(name = "time=\"{0}\" is {1} ms")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "1.5            | 1500",
            "0.0004         | 0",
            "0.0005         | 1",
            "1.7e-05        | 0",
            "4.3            | 4300",
            "'1,234.5'      | 1234500",
            "'0,014'        | 14",
            "  2  \t        | 2000",
            "999638317      | 999638317000",
            "<<computed>>   | 0",
            "-1             | 0",
            "NaN            | 0",
            "Infinity       | 0",
            "''             | 0",
            "NULL           | 0",
    })
    void durationsInSecondsBecomeMilliseconds(String seconds, long millis) {
        assertThat(JunitValues.millis(seconds)).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2024-12-02T20:06:10.512+00:00 | 2024-12-02T20:06:10.512Z",
            "2022-12-29T02:23:00Z          | 2022-12-29T02:23:00Z",
            "2024-12-02T22:06:10+02:00     | 2024-12-02T20:06:10Z",
            "2021-03-07T10:36:56 UTC       | 2021-03-07T10:36:56Z",
            "2020-09-04T16:18:04.966371    | 2020-09-04T16:18:04.966371Z",
            "2020-10-12 18:46:11           | 2020-10-12T18:46:11Z",
    })
    void timestampsInTheirCommonSpellingsAreRead(String timestamp, Instant expected) {
        assertThat(JunitValues.instant(timestamp)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "2020-13-45T99:00:00", "''"})
    void unreadableTimestampsAreAbsent(String timestamp) {
        assertThat(JunitValues.instant(timestamp)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"12|12", "' 7 '|7", "0|-1", "x|-1", "99999999999|-1"})
    void linesArePositiveNumbers(String line, int expected) {
        assertThat(JunitValues.line(line).orElse(-1)).isEqualTo(expected);
    }
}
