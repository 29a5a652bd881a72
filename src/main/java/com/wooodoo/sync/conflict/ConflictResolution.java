package com.wooodoo.sync.conflict;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a person decides for a conflict. */
public enum ConflictResolution {
    /** Write the source version to the target now. */
    ACCEPT("accept"),
    /** Keep the target as it is. */
    REJECT("reject"),
    /** Run the record through the pipeline again. */
    RETRY("retry");

    private final String id;
    ConflictResolution(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ConflictResolution> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ConflictResolution::id).toList();
    }
}
