package com.wooodoo.sync.benchmark;

/**
 * How a benchmark program runs: its work, then its clean-up (simulators closed, its database
 * dropped) also when it fails or is interrupted (Ctrl-C, kill), and an exit code of 1 on failure.
 */
final class BenchmarkProgram {

    /** The benchmark's work. */
    interface Work {
        void run() throws Exception;
    }

    private BenchmarkProgram() {
    }

    static void run(Work work, Runnable cleanUp) {
        int exit = 0;
        Thread onInterrupt = new Thread(cleanUp, "benchmark-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            work.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            cleanUp.run();
        }
        System.exit(exit);
    }
}
