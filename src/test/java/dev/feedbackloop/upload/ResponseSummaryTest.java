package dev.feedbackloop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseSummaryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ingest's JSON error  | 401 | application/json | {"error":"unauthorized","message":"signature does not match"} | HTTP 401 Unauthorized: unauthorized: signature does not match
            a Function URL error | 502 | application/json | {"Message":"Internal Server Error"}                           | HTTP 502 Bad Gateway: Internal Server Error
            an HTML page         | 502 | text/html        | <html><head><title> 502  Bad\tGateway </title></head><body>long page</body></html> | HTTP 502 Bad Gateway: HTML page "502 Bad Gateway"
            HTML without a type  | 503 |                  | <!DOCTYPE html><html><body><h1>Down for <b>maintenance</b></h1></body></html> | HTTP 503 Service Unavailable: HTML page "Down for maintenance"
            HTML without a title | 504 | text/html        | <html><body>gateway</body></html>                             | HTTP 504 Gateway Timeout: an HTML page (no title)
            an S3 error          | 403 | application/xml  | <?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error> | HTTP 403 Forbidden: AccessDenied: Request has expired
            plain text           | 500 | text/plain       | upstream connect error                                        | HTTP 500 Internal Server Error: upstream connect error
            no body              | 503 |                  |                                                               | HTTP 503 Service Unavailable
            an unknown status    | 599 |                  | x                                                             | HTTP 599: x
            """)
    void summarisesAnAnswerInOneLine(String name, int status, String type, String body, String expected) {
        assertThat(ResponseSummary.of(status, Optional.ofNullable(type), body == null ? "" : body))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            terminal escapes | 'red \u001b[31mALERT\u001b[0m'     | 'red ?[31mALERT?[0m'
            bidi overrides   | 'safe \u202egnp.exe'               | 'safe ?gnp.exe'
            line breaks      | 'one\r\ntwo'                       | 'one two'
            """)
    void controlCharactersAreMadeVisible(String name, String text, String expected) {
        assertThat(ResponseSummary.oneLine(text)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void longAnswersAreCut() {
        assertThat(ResponseSummary.of(500, Optional.empty(), "x".repeat(10_000)))
                .hasSize("HTTP 500 Internal Server Error: ".length() + ResponseSummary.MAX_DETAIL).endsWith("…");
    }
}
