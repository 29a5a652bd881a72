package com.wooodoo.sync.connector;

import java.util.List;

/**
 * One page of a source read.
 *
 * @param page       1-based page number
 * @param totalPages how many pages the system reports for this read (0 when there is nothing)
 * @param total      how many records the system reports for this read
 */
public record RecordPage(List<SyncRecord> records, int page, int totalPages, long total) {

    public boolean isLast() {
        return page >= totalPages;
    }
}
