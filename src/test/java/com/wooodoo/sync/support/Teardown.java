package com.wooodoo.sync.support;

/** The end of a test class that started its own service, simulators and database. */
public final class Teardown {

    private Teardown() {
    }

    /**
     * Closes each of these that was made (null: it never was), all of them even when one fails;
     * the first failure is thrown afterwards.
     */
    public static void closeAll(AutoCloseable... resources) {
        RuntimeException first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("closing " + resource + ": " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
