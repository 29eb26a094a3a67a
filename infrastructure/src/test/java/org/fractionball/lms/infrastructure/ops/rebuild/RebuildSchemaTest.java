package org.fractionball.lms.infrastructure.ops.rebuild;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Index definitions as PostgreSQL writes them ({@code pg_get_indexdef}), named for the rebuild's log. */
class RebuildSchemaTest {

    @Test
    void theNameIsTheWordAfterIndex() {
        assertThat(RebuildSchema.indexName("CREATE INDEX content_view_search ON rebuild_content.content_view "
                + "USING gin (search_vector)")).isEqualTo("content_view_search");
        assertThat(RebuildSchema.indexName("CREATE UNIQUE INDEX content_view_pkey ON rebuild_content.content_view "
                + "USING btree (kind, id)")).isEqualTo("content_view_pkey");
    }
}
