package gkeserving;

/**
 * Entry point of the jar. Without arguments it is the Pulumi program the language host runs for
 * {@code pulumi preview/up}; with a command word it runs one of the offline or pipeline tools.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            App.main(args);
            return;
        }
        System.err.println("unknown command: " + args[0]);
        System.exit(2);
    }
}
