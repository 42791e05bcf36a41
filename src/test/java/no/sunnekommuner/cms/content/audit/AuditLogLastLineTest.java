package no.sunnekommuner.cms.content.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log finds its last entry from the end of the file (start-up reads no more than that). */
class AuditLogLastLineTest {

    @TempDir
    Path dir;

    private String lastOf(String content) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return AuditLog.lastLine(file);
    }

    @Test
    void theLastNonBlankLineWhateverFollowsIt() throws Exception {
        assertThat(lastOf("")).isNull();
        assertThat(lastOf("\n\n  \n")).isNull();
        assertThat(lastOf("{\"a\":1}")).isEqualTo("{\"a\":1}");
        assertThat(lastOf("{\"a\":1}\n{\"b\":2}\n")).isEqualTo("{\"b\":2}");
        assertThat(lastOf("{\"a\":1}\n{\"b\":2}\n\n \n")).isEqualTo("{\"b\":2}");
    }

    @Test
    void longLinesAndManyLinesAreReadWholeAndInUtf8() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append("{\"n\":").append(i).append(",\"t\":\"blåbærsyltetøy\"}\n");
        }
        assertThat(lastOf(many.toString())).isEqualTo("{\"n\":19999,\"t\":\"blåbærsyltetøy\"}");
        String longLine = "{\"detail\":\"" + "æøå".repeat(10_000) + "\"}";
        assertThat(lastOf(many + longLine + "\n" + "\n".repeat(9000))).isEqualTo(longLine);
    }
}
