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

    /**
     * A page whose counts are checked against what was received: the counts a system claims are
     * never the number of pages to read. A page with fewer rows than asked (or none) is the last,
     * whatever the claim; then the total is what the pages held. A claim beyond {@code int} is
     * capped. A claim of fewer pages still ends the read where it says.
     *
     * @param received     how many rows the system sent for this page (before any expansion of them)
     * @param asked        how many rows were asked for
     * @param claimedPages the pages the system says there are
     * @param claimedTotal the rows the system says there are
     */
    public static RecordPage checked(List<SyncRecord> records, int page, int received, int asked, long claimedPages,
                                     long claimedTotal) {
        if (received < asked) {
            long held = (long) (page - 1) * asked + received;
            // an empty page is past the last one (none at all when it is the first)
            int pages = received == 0 ? page - 1 : page;
            return new RecordPage(records, page, pages, received == 0 ? Math.min(claimedTotal, held) : held);
        }
        return new RecordPage(records, page, (int) Math.min(Integer.MAX_VALUE, Math.max(0, claimedPages)), claimedTotal);
    }

    public boolean isLast() {
        return page >= totalPages;
    }
}
