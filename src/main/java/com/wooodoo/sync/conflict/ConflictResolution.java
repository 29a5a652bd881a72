package com.wooodoo.sync.conflict;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a person decides for a conflict. */
public enum ConflictResolution {
    /** Write the source version to the target now. */
    ACCEPT("accept", "pending"),
    /** Keep the target as it is. */
    REJECT("reject", "kept-target"),
    /** Run the record through the pipeline again. */
    RETRY("retry", "pending");

    private final String id;
    private final String initialOutcome;

    ConflictResolution(String id, String initialOutcome) {
        this.id = id;
        this.initialOutcome = initialOutcome;
    }

    public String id() {
        return id;
    }

    /**
     * The outcome recorded when the resolution is claimed: {@code pending} while an accept or retry
     * is being carried out (it then becomes {@code applied} or {@code failed}, see {@link ConflictDesk}).
     */
    public String initialOutcome() {
        return initialOutcome;
    }

    public static Optional<ConflictResolution> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ConflictResolution::id).toList();
    }
}
